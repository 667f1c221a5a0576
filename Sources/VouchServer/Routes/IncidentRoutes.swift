import Foundation
import Hummingbird
import VouchCore

/// Incidents and their facts versions.
///
/// - `PUT /v1/incidents/{id}`: the body is a facts file (YAML or JSON, the
///   contract's format). Appends a version (201 for the first, 200 after;
///   a body identical to the current version adds none). `If-Match: "N"`
///   makes it conditional on version N being current (409 otherwise).
/// - `GET /v1/incidents`: every incident's current version, summarized.
/// - `GET /v1/incidents/{id}[?version=N]`: the current (or Nth) facts text
///   and the history: who changed which facts, when.
struct IncidentRoutes {
    let store: any IncidentStore

    struct Summary: Encodable {
        let id: String
        let title: String?
        let status: String?
        let version: Int
        let updated_at: String
        let updated_by: String
    }

    struct HistoryEntry: Encodable {
        let version: Int
        let author: String
        let created_at: String
        let changes: [FactChange]
    }

    struct Detail: Encodable {
        let id: String
        let title: String?
        let status: String?
        let version: Int
        let current_version: Int
        let facts: String
        let history: [HistoryEntry]
    }

    struct List: Encodable { let incidents: [Summary] }

    func addRoutes(to router: Router<VouchRequestContext>) {
        router.put("/v1/incidents/{id}") { request, context in try await put(request, context: context) }
        router.get("/v1/incidents") { _, _ in
            let summaries = try await store.incidents().map { version -> Summary in
                let facts = try? FactsLoader.parse(version.facts, source: "stored")
                return Summary(id: version.incident, title: facts?.string("title"), status: facts?.string("status"),
                               version: version.version, updated_at: Self.time(version.createdAt), updated_by: version.author)
            }
            return try Response.json(List(incidents: summaries))
        }
        router.get("/v1/incidents/{id}") { request, context in
            let id = try Self.id(context)
            let history = try await store.history(id)
            guard let current = history.last else { throw APIError.notFound("no incident '\(id)'") }
            var shown = current
            if let raw = request.uri.queryParameters.get("version") {
                guard let n = Int(raw), let version = history.first(where: { $0.version == n }) else {
                    throw APIError.notFound("incident '\(id)' has no version '\(raw)' (versions 1 to \(current.version))")
                }
                shown = version
            }
            return try Response.json(Self.detail(shown, current: current, history: history))
        }
    }

    static func id(_ context: VouchRequestContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw APIError.badRequest("id: an incident id is 1 to 64 letters, digits, '-', '_' or '.'")
        }
        return id
    }

    static func detail(_ shown: FactsVersion, current: FactsVersion, history: [FactsVersion]) -> Detail {
        let facts = try? FactsLoader.parse(shown.facts, source: "stored")
        return Detail(id: shown.incident, title: facts?.string("title"), status: facts?.string("status"), version: shown.version,
                      current_version: current.version, facts: shown.facts,
                      history: history.map { HistoryEntry(version: $0.version, author: $0.author, created_at: time($0.createdAt), changes: $0.changes) })
    }

    func put(_ request: Request, context: VouchRequestContext) async throws -> Response {
        try context.requireEditor()
        let id = try Self.id(context)
        let bytes = try await request.bytes()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, "invalid_facts", "facts: the body is not valid UTF-8")
        }
        let facts = try FactsSource.parse(text, field: "facts")
        if let factsID = facts.string("id"), factsID != id {
            throw APIError(.badRequest, "invalid_facts", "facts: id '\(factsID)' does not match the incident '\(id)' in the URL")
        }
        let current = try await store.current(id)
        if let expected = request.headers[.ifMatch] {
            let number = Int(expected.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")))
            if number != (current?.version ?? 0) {
                throw APIError(.preconditionFailed, "precondition_failed",
                               "If-Match: \(expected) but the current version is \(current?.version ?? 0)")
            }
        }
        if let current, current.facts == text {
            return try Response.json(Self.detail(current, current: current, history: try await store.history(id)))
        }
        let previous = current.flatMap { try? FactsLoader.parse($0.facts, source: "stored") }
        let changes = Self.changes(from: previous, to: facts)
        let appended: FactsVersion
        do {
            appended = try await store.appendFacts(incident: id, facts: text, author: context.author, changes: changes,
                                                   expectedVersion: current?.version ?? 0)
        } catch StoreError.conflict(_, let actual) {
            throw APIError(.conflict, "conflict", "incident '\(id)' changed while this update was made (now version \(actual)); retry")
        }
        context.logger.info("facts updated", metadata: ["incident": "\(id)", "version": "\(appended.version)", "changed": "\(changes.map(\.path).joined(separator: ","))", "bytes": "\(bytes.count)"])
        let history = try await store.history(id)
        return try Response.json(Self.detail(appended, current: appended, history: history), status: appended.version == 1 ? .created : .ok)
    }

    /// Fact paths whose value differs, sorted by path.
    static func changes(from old: Facts?, to new: Facts) -> [FactChange] {
        let oldValues = old?.values ?? [:]
        return Set(oldValues.keys).union(new.values.keys).sorted().compactMap { path in
            let a = oldValues[path], b = new.values[path]
            return a == b ? nil : FactChange(path: path, from: a.map(render), to: b.map(render))
        }
    }

    static func render(_ value: FactValue) -> String {
        switch value {
        case .string(let s), .enumeration(let s): return s
        case .bool(let b): return String(b)
        case .integer(let i): return String(i)
        case .timestamp(let d): return d.formatted(Date.ISO8601FormatStyle())
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
