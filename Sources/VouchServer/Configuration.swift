import Foundation
import VouchCore

/// How `vouch serve` runs: where it listens, where it stores incidents, who
/// may call it and how large a request may be.
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

    public static let defaultDatabasePath = "vouch.sqlite"
    public static let defaultMaxBodySize = 1 << 20

    public init(host: String = "127.0.0.1", port: Int = 8080, databasePath: String = defaultDatabasePath,
                tokens: TokenTable = TokenTable(), maxBodySize: Int = defaultMaxBodySize) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.tokens = tokens
        self.maxBodySize = maxBodySize
    }

    /// Refuses a setup that would expose an unauthenticated server.
    public func validate() throws {
        if !(1...65535).contains(port) { throw VouchError("--port \(port): must be between 1 and 65535") }
        if maxBodySize < 1 { throw VouchError("--max-body \(maxBodySize): must be at least 1 byte") }
        if tokens.isEmpty && !Self.isLoopback(host) {
            throw VouchError("--host \(host): refusing to listen on a non-loopback address without API tokens (give --tokens FILE or VOUCH_TOKENS)")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
