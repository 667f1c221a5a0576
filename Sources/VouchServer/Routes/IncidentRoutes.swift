import Foundation
import Hummingbird
import VouchCore

/// Incidents and their facts versions.
///
/// - `PUT /v1/incidents/{id}`: the body is a facts file (YAML or JSON, the
///   contract's format). Appends a version (201 for the first, 200 after;
///   a body identical to the current version adds none) and answers with
///   that version, without the history. `If-Match: "N"` (or a list, or `*`
///   for "exists") makes it conditional on the current version; `If-None-
///   Match: *` on the incident not existing yet (412 otherwise).
/// - `GET /v1/incidents`: every incident's current version, summarized.
/// - `GET /v1/incidents/{id}[?version=N][&limit=L][&before=V]`: the current
///   (or Nth) facts text and one page of the history, newest first: who
///   changed which facts, when. `next_before` is the `before` of the next
///   page, null on the last.
/// Responses about one incident carry `ETag: "N"`, N its current version.
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

    struct Detail: ResponseEncodable {
        let id: String
        let title: String?
        let status: String?
        let version: Int
        let current_version: Int
        let facts: String
        let history: [HistoryEntry]
        let next_before: Cursor
    }

    /// What a PUT answers: the version it appended (or the current one).
    struct Written: ResponseEncodable {
        let id: String
        let title: String?
        let status: String?
        let version: Int
        let author: String
        let created_at: String
        let facts: String
        let changes: [FactChange]
    }

    struct List: ResponseEncodable { let incidents: [Summary] }

    func addRoutes(to group: RouterGroup<VouchRequestContext>) {
        group.put("incidents/{id}") { request, context in try await put(request, context: context) }
        group.get("incidents") { _, _ in
            let summaries = try await store.incidents().map { version -> Summary in
                let facts = try? FactsLoader.parse(version.facts, source: "stored")
                return Summary(id: version.incident, title: facts?.string("title"), status: facts?.string("status"),
                               version: version.version, updated_at: Self.time(version.createdAt), updated_by: version.author)
            }
            return List(incidents: summaries)
        }
        group.get("incidents/{id}") { request, context in
            let id = try Self.id(context)
            let page = try Page(request, defaultLimit: 50)
            guard let current = try await store.current(id) else { throw APIError.notFound("no incident '\(id)'") }
            var shown = current
            if let raw = request.uri.queryParameters.get("version") {
                guard let n = Int(raw), (1...current.version).contains(n),
                      let version = try await store.history(id, before: n + 1, limit: 1).first else {
                    throw APIError.notFound("incident '\(id)' has no version '\(JSONParser.shown(raw))' (versions 1 to \(current.version))")
                }
                shown = version
            }
            let history = try await store.history(id, before: page.before, limit: page.limit + 1)
            let facts = try? FactsLoader.parse(shown.facts, source: "stored")
            let detail = Detail(id: id, title: facts?.string("title"), status: facts?.string("status"), version: shown.version,
                                current_version: current.version, facts: shown.facts,
                                history: history.prefix(page.limit).map(Self.entry),
                                next_before: Cursor(history.count > page.limit ? history[page.limit - 1].version : nil))
            return detail.tagged(current.version)
        }
    }

    static func id(_ context: VouchRequestContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw APIError.badRequest("id: an incident id is 1 to 64 letters, digits, '-', '_' or '.'")
        }
        return id
    }

    static func entry(_ version: FactsVersion) -> HistoryEntry {
        HistoryEntry(version: version.version, author: version.author, created_at: time(version.createdAt), changes: version.changes)
    }

    static func written(_ version: FactsVersion) -> Written {
        let facts = try? FactsLoader.parse(version.facts, source: "stored")
        return Written(id: version.incident, title: facts?.string("title"), status: facts?.string("status"), version: version.version,
                       author: version.author, created_at: time(version.createdAt), facts: version.facts, changes: version.changes)
    }

    func put(_ request: Request, context: VouchRequestContext) async throws -> EditedResponse<Written> {
        try context.requireEditor()
        let id = try Self.id(context)
        let bytes = try await request.bytes()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, "invalid_facts", "facts: the body is not valid UTF-8")
        }
        let facts = try FactsSource.parse(text, field: "facts")
        if let factsID = facts.string("id"), factsID != id {
            throw APIError(.badRequest, "invalid_facts", "facts: id '\(JSONParser.shown(factsID))' does not match the incident '\(id)' in the URL")
        }
        let current = try await store.current(id)
        try Precondition(request).check(current: current?.version)
        if let current, current.facts == text {
            return Self.written(current).tagged(current.version)
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
        return Self.written(appended).tagged(appended.version, status: appended.version == 1 ? .created : .ok)
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
        case .timestamp(let d): return Timestamp.iso8601(d)
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }

    static func time(_ date: Date) -> String {
        Timestamp.iso8601Milliseconds(date)
    }
}

/// `If-Match` and `If-None-Match` on an incident whose entity tag is its
/// version number, `"N"` (RFC 9110: `*`, lists, strong comparison).
struct Precondition {
    let ifMatch: String?
    let ifNoneMatch: String?

    init(_ request: Request) {
        ifMatch = request.headers[.ifMatch]
        ifNoneMatch = request.headers[.ifNoneMatch]
    }

    func check(current: Int?) throws {
        if let ifMatch {
            let tags = Self.tags(ifMatch)
            let matches = tags.contains("*") ? current != nil : current.map { tags.contains("\"\($0)\"") } ?? false
            if !matches {
                var detail = "If-Match: \(JSONParser.shown(ifMatch)) but "
                detail += current.map { "the current version is \($0)" } ?? "the incident does not exist yet"
                if tags.contains(where: { $0.hasPrefix("W/") }) { detail += " (a weak tag W/\"N\" never matches; send \"N\")" }
                throw APIError(.preconditionFailed, "precondition_failed", detail)
            }
        }
        if let ifNoneMatch {
            let tags = Self.tags(ifNoneMatch)
            if let current, tags.contains("*") || tags.contains("\"\(current)\"") || tags.contains("W/\"\(current)\"") {
                throw APIError(.preconditionFailed, "precondition_failed", "If-None-Match: \(JSONParser.shown(ifNoneMatch)) but the incident exists (version \(current))")
            }
        }
    }

    /// `"1", W/"2"` → [`"1"`, `W/"2"`].
    static func tags(_ header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// The `before` of a list's next page, written as `null` on the last page
/// (an optional property would be left out).
struct Cursor: Encodable {
    let value: Int?
    init(_ value: Int?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}

/// `?limit=L&before=V` of a list, checked.
struct Page {
    static let maxLimit = 500
    let limit: Int
    let before: Int?

    init(_ request: Request, defaultLimit: Int) throws {
        let query = request.uri.queryParameters
        if let raw = query.get("limit") {
            guard let n = Int(raw), (1...Self.maxLimit).contains(n) else {
                throw APIError.badRequest("limit: '\(JSONParser.shown(raw))' is not a whole number from 1 to \(Self.maxLimit)")
            }
            limit = n
        } else {
            limit = defaultLimit
        }
        if let raw = query.get("before") {
            guard let n = Int(raw), n >= 1 else { throw APIError.badRequest("before: '\(JSONParser.shown(raw))' is not a whole number of at least 1") }
            before = n
        } else {
            before = nil
        }
    }
}
