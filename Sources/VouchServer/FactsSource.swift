import Foundation
import VouchCore

/// Facts for a check or compose request: pasted in the body (`facts`, as
/// YAML/JSON text or as a JSON object) or the current version of a stored
/// incident (`incident`).
struct FactsSource {
    let store: any IncidentStore
    /// Stored versions never change, so each is parsed once.
    private let parsed = ParsedVersions()

    init(store: any IncidentStore) {
        self.store = store
    }

    /// nil when the body gives neither (a check then runs with nothing
    /// established, as `vouch check` without `--facts`).
    func resolve(_ body: JSONBody) async throws -> Facts? {
        if body.has("facts") && body.has("incident") {
            throw APIError.badRequest("give either 'facts' or 'incident', not both")
        }
        if let id = try body.string("incident") {
            guard let version = try await store.currentFacts(id) else { throw APIError.notFound("no incident '\(id)'") }
            if let facts = parsed[id, version.version] { return facts }
            let facts = try FactsSource.parse(version.facts, field: "incident '\(id)' version \(version.version)")
            parsed[id, version.version] = facts
            return facts
        }
        switch body.fields["facts"] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            return try FactsSource.parse(text, field: "facts")
        case .object?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let text = String(decoding: try encoder.encode(body.fields["facts"]!), as: UTF8.self)
            return try FactsSource.parse(text, field: "facts", located: false)
        case let other?:
            throw APIError.badRequest("facts: expected the facts as YAML/JSON text or a JSON object, got \(other.typeName)")
        }
    }

    /// Parses facts text; errors are 400 with the field and the loader's
    /// one-line message ("facts:3:9: status: unknown value 'fixd' (allowed:
    /// ...)"). `located: false` drops line and column, which would point
    /// into the re-encoded object rather than anything the caller wrote.
    static func parse(_ text: String, field: String, located: Bool = true) throws -> Facts {
        do {
            return try FactsLoader.parse(text, source: field)
        } catch let error as VouchError {
            var message = error.message
            if !located, let range = message.range(of: #"^\#(NSRegularExpression.escapedPattern(for: field)):\d+(:\d+)?: "#, options: .regularExpression) {
                message.replaceSubrange(range, with: "\(field): ")
            }
            throw APIError(.badRequest, "invalid_facts", message)
        }
    }
}

/// Parsed facts of stored incident versions (append-only, so an entry never
/// goes stale), at most `limit` of them.
final class ParsedVersions: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Facts] = [:]
    private let limit = 1024

    subscript(id: String, version: Int) -> Facts? {
        get {
            lock.lock(); defer { lock.unlock() }
            return entries["\(version)/\(id)"]
        }
        set {
            lock.lock(); defer { lock.unlock() }
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries["\(version)/\(id)"] = newValue
        }
    }
}
