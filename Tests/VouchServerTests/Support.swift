import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import VouchCompose
import VouchCore
import VouchDefaultPack
@testable import VouchServer

enum Fixture {
    static let editorToken = "editor-token-0001"
    static let readerToken = "reader-token-0001"

    static let tokens = TokenTable([
        editorToken: TokenGrant(role: .editor, name: "alice"),
        readerToken: TokenGrant(role: .reader, name: "bob"),
    ])

    /// The repository root (for Examples/ and openapi.yaml).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static let facts = """
        id: INC-7
        title: Billing page blank for workspace admins
        status: identified
        kind: regression
        cause:
          confirmed: false
        verified:
          all_impacted: false
        next_update_at: 2026-11-22T17:00:00Z

        """

    static let draft = "Good news: the issue has been resolved 🎉 and it was an outage. Email priya@ourcompany.com."
}

/// The application `vouch serve` runs (`buildApplication`, the built-in
/// pack and templates), with an in-memory store, driven through its router.
struct TestServer {
    let store: SQLiteIncidentStore
    let app: any ApplicationProtocol

    static let pack = Result { try RulePack(files: DefaultPack.files(in: "Rules")) }
    static let templates = Result { try TemplateSet(files: DefaultPack.files(in: "Templates")) }

    init(tokens: TokenTable = Fixture.tokens, maxBody: Int = ServerConfiguration.defaultMaxBodySize,
         store: SQLiteIncidentStore? = nil, logs: LogRecorder? = nil, pack: RulePack? = nil,
         configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        self.store = try store ?? SQLiteIncidentStore.inMemory()
        // Router tests check routes, not the deadline (LiveServerTests does,
        // on the real binary): with the whole suite running on two cores a
        // request can wait longer than the default 10 s for a thread.
        var configuration = ServerConfiguration(tokens: tokens, maxBodySize: maxBody, requestTimeout: .seconds(120))
        configure(&configuration)
        var logger = logs.map { recorder in Logger(label: "vouch.test") { _ in recorder } } ?? Logger(label: "vouch.test")
        logger.logLevel = logs == nil ? .warning : .debug
        app = try buildApplication(configuration, pack: try pack ?? Self.pack.get(), templates: try Self.templates.get(),
                                   store: self.store, logger: logger)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// A request with an optional bearer token and a text body.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = Fixture.editorToken, body: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response.status, String(buffer: response.body), response.headers)
    }
}

/// JSON text of a request body, keys as given.
func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// Parses a JSON response into a dictionary.
func object(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

import Testing

/// A log handler that keeps every line, to test what the server logs.
final class LogRecorder: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        let text = "\(level) \(message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.lock(); lines.append(text); lock.unlock()
    }

    var recorded: [String] {
        lock.lock(); defer { lock.unlock() }
        return lines
    }
}
