import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with each connection watched by a
/// `ConnectionMonitor`: timeouts for idle connections, slow headers and
/// slow bodies, the connection cap, and JSON answers to malformed requests.
struct GuardedHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let timeouts: ConnectionMonitor.Timeouts
    let registry: ConnectionRegistry
    let logger: Logger

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let (raw, parts) = ConnectionMonitor(timeouts: timeouts, registry: registry, logger: self.logger).handlers
            let pipeline = channel.pipeline.syncOperations
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(parts, position: .after(codec))
            try pipeline.addHandler(raw, position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with every connection watched (see `GuardedHTTPChannel`).
    static func guarded(timeouts: ConnectionMonitor.Timeouts, registry: ConnectionRegistry, logger: Logger) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTPChannel(inner: HTTP1Channel(responder: responder), timeouts: timeouts, registry: registry, logger: logger)
        }
    }
}
