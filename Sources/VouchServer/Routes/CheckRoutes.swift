import Foundation
import Hummingbird
import Logging
import VouchCore

/// `POST /v1/check`: `{text, audience?, facts | incident, disable?, allow?,
/// explain?, path?}` → exactly `vouch check --format json` for the same
/// draft, facts, audience and allow list. The draft is named `path` in the
/// report (default `<request>`, as the CLI names standard input `<stdin>`).
/// `allow` adds to the server's allow list (the settings file, `--allow`).
/// With `incident`, the draft is also checked against the messages already
/// recorded under the current facts version on other channels than
/// `channel` (`consistency.conflict`).
struct CheckRoutes {
    let checker: Checker
    let auditor: Auditor
    let facts: FactsSource
    let log: StoredLog
    let metrics: Metrics
    /// The server's allow list.
    let allow: [AllowEntry]

    func addRoutes(to group: RouterGroup<VouchRequestContext>) {
        group.post("check") { request, context in
            try await check(request, context: context)
        }
    }

    func check(_ request: Request, context: VouchRequestContext) async throws -> Response {
        let start = ContinuousClock.now
        let body = try await request.decode(as: CheckRequest.self, context: context)
        let (text, audience, path) = (body.text, body.audience, body.path)
        let disabled = try body.disabling(in: checker.pack)
        let facts = try await self.facts.resolve(body.facts)
        let options = CheckOptions(audience: audience, disabled: disabled, explain: body.explain, allow: allow + body.allow)
        var result = try checker.checkWithin(SourceText(path: path, text: text), facts: facts, options: context.bounded(options))
        if case .incident(let id) = body.facts, let facts, !Auditor.conflictsDisabled(by: disabled) {
            let sent = try await log.messages(id)
            if !sent.isEmpty {
                let version = try await self.facts.current(id).version
                let draft = LoggedMessage(id: path, channel: body.channel ?? "", audience: audience, sentAt: Date(), factsVersion: version,
                                          facts: facts, text: text)
                result = result.adding(auditor.conflicts(of: draft, with: sent))
            }
        }
        metrics.recordCheck(categories: result.findings.map(\.category))
        context.logger.info("checked", metadata: [
            "bytes": "\(text.utf8.count)",
            "audience": "\(audience.rawValue)",
            "rules": "\(result.findings.map(\.rule).joined(separator: ","))",
            "check_ms": "\(String(format: "%.2f", (ContinuousClock.now - start).seconds * 1000))",
        ])
        return try context.responseEncoder.encode(JSONReport([result], explain: body.explain), from: request, context: context)
    }
}
