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

    /// nil when the request gives none (a check then runs with nothing
    /// established, as `vouch check` without `--facts`).
    func resolve(_ input: FactsInput) async throws -> Facts? {
        switch input {
        case .none:
            return nil
        case .text(let text):
            return try FactsSource.parse(text, field: "facts")
        case .object(let fields):
            return try FactsSource.reading { try FactsLoader.facts(from: JSONValue.object(fields).yamlNode, source: "facts") }
        case .incident(let id):
            return try await current(id).facts
        }
    }

    /// A stored incident's current version and its facts (404 when none).
    func current(_ id: String) async throws -> (version: Int, facts: Facts) {
        guard let version = try await store.currentFacts(id) else { throw APIError.notFound("no incident '\(JSONParser.shown(id))'") }
        return (version.version, try facts(id, version: version.version, text: version.facts))
    }

    /// The facts of one stored version, parsed once.
    func facts(_ id: String, version: Int, text: String) throws -> Facts {
        if let facts = parsed[id, version] { return facts }
        let facts = try FactsSource.parse(text, field: "incident '\(id)' version \(version)")
        parsed[id, version] = facts
        return facts
    }

    /// Parses facts text; errors are 400 with the field and the loader's
    /// one-line message ("facts:3:9: status: unknown value 'fixd' (allowed:
    /// ...)").
    static func parse(_ text: String, field: String) throws -> Facts {
        try reading { try FactsLoader.parse(text, source: field) }
    }

    private static func reading(_ load: () throws -> Facts) throws -> Facts {
        do {
            return try load()
        } catch let error as VouchError {
            throw APIError(.badRequest, "invalid_facts", error.message)
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
