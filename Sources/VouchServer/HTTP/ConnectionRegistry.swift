import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Every open connection of one server: a cap on how many there are, and
/// the requests in progress on each, so work for a client that went away
/// can be cancelled.
///
/// At the cap a new connection makes room by closing the connection that
/// has been idle longest (no request in progress: a keep-alive connection
/// between requests, or one that has not finished sending headers). When
/// every connection is busy, the new one is closed. Either way the server
/// keeps its file descriptors and stays reachable however many idle
/// connections a client opens, and one line is logged (at most every ten
/// seconds) when the cap is reached.
public final class ConnectionRegistry: Sendable {
    public let limit: Int
    private let logger: Logger

    private struct Entry {
        let channel: any Channel
        /// When the connection last had no request in progress; nil while
        /// one is being handled.
        var idleSince: NIODeadline?
        var onAbandon: [Int: @Sendable () -> Void] = [:]
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var nextHandler = 0
        var lastLimitLog = NIODeadline.uptimeNanoseconds(0)
        var evicted = 0
        var refused = 0
    }

    private let state = NIOLockedValueBox(State())

    public init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    public var count: Int { state.withLockedValue { $0.entries.count } }

    /// Registers a new connection, making room when at the cap.
    func opened(_ channel: any Channel) {
        var evict: (any Channel)?
        var refuse = false
        var log: (evicted: Int, refused: Int)?
        state.withLockedValue { s in
            if s.entries.count >= limit {
                let idle = s.entries.compactMap { key, entry in entry.idleSince.map { (key: key, since: $0, channel: entry.channel) } }
                if let oldest = idle.min(by: { $0.since < $1.since }) {
                    s.entries[oldest.key] = nil
                    evict = oldest.channel
                    s.evicted += 1
                } else {
                    refuse = true
                    s.refused += 1
                }
                let now = NIODeadline.now()
                if now - s.lastLimitLog >= .seconds(10) {
                    s.lastLimitLog = now
                    log = (s.evicted, s.refused)
                }
            }
            if !refuse { s.entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: .now()) }
        }
        if let log {
            logger.warning("connection limit reached", metadata: [
                "limit": "\(limit)", "idle_closed": "\(log.evicted)", "refused_busy": "\(log.refused)",
            ])
        }
        evict?.close(promise: nil)
        if refuse { channel.close(promise: nil) }
    }

    func closed(_ channel: any Channel) {
        let handlers = state.withLockedValue { s in
            s.entries.removeValue(forKey: ObjectIdentifier(channel)).map { Array($0.onAbandon.values) } ?? []
        }
        for handler in handlers { handler() }
    }

    func busy(_ channel: any Channel) {
        state.withLockedValue { s in s.entries[ObjectIdentifier(channel)]?.idleSince = nil }
    }

    func idle(_ channel: any Channel) {
        state.withLockedValue { s in s.entries[ObjectIdentifier(channel)]?.idleSince = .now() }
    }

    /// The client closed its side while a request was in progress.
    func abandoned(_ channel: any Channel) {
        let handlers = state.withLockedValue { s in s.entries[ObjectIdentifier(channel)].map { Array($0.onAbandon.values) } ?? [] }
        for handler in handlers { handler() }
    }

    /// Runs `handler` if the client of `channel` goes away before
    /// `remove` is called with the returned key; nil when `channel` is not
    /// registered (a test router without connections).
    func onAbandon(_ channel: any Channel, _ handler: @escaping @Sendable () -> Void) -> Int? {
        state.withLockedValue { s in
            guard s.entries[ObjectIdentifier(channel)] != nil else { return nil }
            let key = s.nextHandler
            s.nextHandler += 1
            s.entries[ObjectIdentifier(channel)]?.onAbandon[key] = handler
            return key
        }
    }

    func remove(_ key: Int, from channel: any Channel) {
        state.withLockedValue { s in _ = s.entries[ObjectIdentifier(channel)]?.onAbandon.removeValue(forKey: key) }
    }
}
