import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import VouchCore

/// The timeouts of one connection, and its place in the registry.
///
/// Two handlers share it: `RawBytes` sits first in the pipeline and sees
/// the first byte of each request; `Parts` sits after the HTTP decoder and
/// sees each request's head and end and each response's end. Between them:
/// - idle: no request in progress and no byte of the next one, closed after
///   `idleTimeout`;
/// - headers: a request's first byte arrived, its head must be complete
///   within `headerTimeout` (one byte a minute does not hold a connection);
/// - body: the head arrived, the end must within `bodyTimeout`;
/// - handling: the request is read; the request deadline bounds the work.
/// A malformed request (an HTTP parser error) outside a request's body is
/// answered with a JSON 400 and the connection closed.
final class ConnectionMonitor {
    struct Timeouts: Sendable {
        let idle: TimeAmount
        let header: TimeAmount
        let body: TimeAmount
    }

    private let timeouts: Timeouts
    private let registry: ConnectionRegistry
    private let logger: Logger
    private var channel: (any Channel)?
    private var timer: Scheduled<Void>?
    /// A request's head has been read and its end not yet.
    private var readingBody = false
    /// Requests whose head was read and whose response has not ended.
    private var inFlight = 0
    /// Bytes of a request arrived whose head has not been decoded yet.
    private var headPending = false

    init(timeouts: Timeouts, registry: ConnectionRegistry, logger: Logger) {
        self.timeouts = timeouts
        self.registry = registry
        self.logger = logger
    }

    var handlers: (raw: RawBytes, parts: Parts) { (RawBytes(self), Parts(self)) }

    // MARK: Events

    fileprivate func started(_ context: ChannelHandlerContext) {
        guard channel == nil else { return }
        channel = context.channel
        registry.opened(context.channel)
        arm(context, timeouts.idle, "no request within the idle timeout")
    }

    fileprivate func bytesArrived(_ context: ChannelHandlerContext) {
        guard !headPending, !readingBody else { return }
        headPending = true
        registry.busy(context.channel)
        arm(context, timeouts.header, "request headers not complete within the header timeout")
    }

    fileprivate func headRead(_ context: ChannelHandlerContext) {
        headPending = false
        readingBody = true
        inFlight += 1
        registry.busy(context.channel)
        arm(context, timeouts.body, "request body not complete within the body timeout")
    }

    fileprivate func endRead() {
        readingBody = false
        disarm()
    }

    fileprivate func responseEnded(_ context: ChannelHandlerContext) {
        inFlight = max(0, inFlight - 1)
        guard inFlight == 0, !readingBody else { return }
        headPending = false
        registry.idle(context.channel)
        arm(context, timeouts.idle, "no request within the idle timeout")
    }

    fileprivate func inputClosed(_ context: ChannelHandlerContext) {
        if inFlight > 0 { registry.abandoned(context.channel) }
    }

    fileprivate func stopped(_ context: ChannelHandlerContext) {
        disarm()
        registry.closed(context.channel)
    }

    /// Whether a parser error is answered here (true) or belongs to the
    /// request whose body is being read (false: the handler reading the
    /// body gets the error).
    fileprivate var answersParserErrors: Bool { !readingBody }

    // MARK: Timers

    private func arm(_ context: ChannelHandlerContext, _ after: TimeAmount, _ reason: String) {
        timer?.cancel()
        let channel = context.channel
        let logger = self.logger
        timer = context.eventLoop.scheduleTask(in: after) {
            logger.debug("closing connection", metadata: ["reason": "\(reason)"])
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }

    // MARK: Handlers

    /// First in the pipeline: raw bytes.
    final class RawBytes: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        private let monitor: ConnectionMonitor

        fileprivate init(_ monitor: ConnectionMonitor) { self.monitor = monitor }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive { monitor.started(context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            monitor.started(context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            monitor.stopped(context)
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if unwrapInboundIn(data).readableBytes > 0 { monitor.bytesArrived(context) }
            context.fireChannelRead(data)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let event = event as? ChannelEvent, event == .inputClosed { monitor.inputClosed(context) }
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// After the HTTP decoder: request parts in, response parts out.
    final class Parts: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        private let monitor: ConnectionMonitor
        private var answered = false

        fileprivate init(_ monitor: ConnectionMonitor) { self.monitor = monitor }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: monitor.headRead(context)
            case .body: break
            case .end: monitor.endRead()
            }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) {
                context.write(data, promise: promise)
                monitor.responseEnded(context)
                return
            }
            context.write(data, promise: promise)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            guard error is HTTPParserError, monitor.answersParserErrors else {
                context.fireErrorCaught(error)
                return
            }
            guard !answered else { return }
            answered = true
            let body = APIError.badRequest("malformed HTTP request (\(error)); the connection is closed").body
            var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
            buffer.writeString(body)
            let head = HTTPResponse(status: .badRequest, headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: "\(buffer.readableBytes)", .connection: "close",
            ])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(buffer)), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
