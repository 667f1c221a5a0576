import Foundation
import VouchCore

/// How `vouch serve` runs: where it listens, where it stores incidents, who
/// may call it, and what one client may cost it.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SQLite file; created with its tables on first start.
    public var databasePath: String
    /// API tokens; empty means no authentication, which is only allowed on
    /// a loopback address.
    public var tokens: TokenTable
    /// Larger request bodies get 413.
    public var maxBodySize: Int
    /// Open connections at most; at the limit the longest-idle connection is
    /// closed to make room, or the new one when every connection is busy.
    public var maxConnections: Int
    /// A connection with no request in progress is closed after this long.
    public var idleTimeout: Duration
    /// A request's headers must arrive within this long of its first byte.
    public var headerTimeout: Duration
    /// A request's body must arrive within this long of its headers.
    public var bodyTimeout: Duration
    /// The work for one request (a check, a compose, a store call) is
    /// stopped after this long: 503, and the work is cancelled.
    public var requestTimeout: Duration
    /// Values no check flags as leaks (the settings file's `allow` and
    /// `--allow`); a request's own `allow` adds to them.
    public var allow: [AllowEntry]

    public static let defaultDatabasePath = "vouch.sqlite"
    public static let defaultMaxBodySize = 1 << 20
    public static let defaultMaxConnections = 512

    public init(host: String = "127.0.0.1", port: Int = 8080, databasePath: String = defaultDatabasePath,
                tokens: TokenTable = TokenTable(), maxBodySize: Int = defaultMaxBodySize,
                maxConnections: Int = defaultMaxConnections, idleTimeout: Duration = .seconds(60),
                headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30),
                requestTimeout: Duration = .seconds(10), allow: [AllowEntry] = []) {
        self.host = Self.unbracketed(host)
        self.port = port
        self.databasePath = databasePath
        self.tokens = tokens
        self.maxBodySize = maxBodySize
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.requestTimeout = requestTimeout
        self.allow = allow
    }

    /// Refuses a setup that would expose an unauthenticated server or that
    /// cannot work.
    public func validate() throws {
        if !(1...65535).contains(port) { throw VouchError(setting: "port", value: "\(port)", "must be between 1 and 65535") }
        if maxBodySize < 1 { throw VouchError(setting: "max-body", value: "\(maxBodySize)", "must be at least 1 byte") }
        if maxConnections < 1 { throw VouchError(setting: "max-connections", value: "\(maxConnections)", "must be at least 1") }
        for (name, value) in [("idle-timeout", idleTimeout), ("header-timeout", headerTimeout),
                              ("body-timeout", bodyTimeout), ("request-timeout", requestTimeout)] where value <= .zero {
            throw VouchError(setting: name, value: "\(value)", "must be more than 0 seconds")
        }
        if tokens.isEmpty && !Self.isLoopback(host) {
            throw VouchError(setting: "host", value: host, "refusing to listen on a non-loopback address without API tokens")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost (an IPv6 address may be bracketed).
    public static func isLoopback(_ host: String) -> Bool {
        let h = unbracketed(host).lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// "[::1]" as the address to bind: "::1".
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
