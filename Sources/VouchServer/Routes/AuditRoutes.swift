import Foundation
import Hummingbird
import VouchCore

/// `GET /v1/incidents/{id}/audit[?now=TIME]`: every message recorded for the
/// incident re-read against its current facts, as `vouch audit --format
/// json` prints it (../shared/contract/audit.md): corrections owed, promises
/// past due at `now` (default: the clock), messages that tell different
/// stories under the same facts version.
struct AuditRoutes {
    let auditor: Auditor
    let facts: FactsSource
    let log: StoredLog

    func addRoutes(to group: RouterGroup<VouchRequestContext>) {
        group.get("incidents/{id}/audit") { request, context in
            let id = try IncidentRoutes.id(context)
            var now = Date()
            if let raw = request.uri.queryParameters.get("now") {
                guard let time = Timestamp.parse(String(raw)) else {
                    throw APIError.badRequest("now: '\(JSONParser.shown(String(raw)))' is not an ISO 8601 time (for example 2026-11-22T17:30:00Z)")
                }
                now = time
            }
            let (version, current) = try await facts.current(id)
            let report = auditor.audit(try await log.messages(id), facts: current, factsVersion: version, incident: id, now: now)
            return try context.responseEncoder.encode(AuditJSONReport(report), from: request, context: context)
        }
    }
}
