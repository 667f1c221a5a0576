import Foundation
import Hummingbird
import Logging
import VouchCore

/// `POST /v1/check`: `{text, audience?, facts | incident, disable?, allow?,
/// explain?, path?}` → exactly `vouch check --format json` for the same
/// draft, facts, audience and allow list. The draft is named `path` in the
/// report (default `<request>`, as the CLI names standard input `<stdin>`).
/// `allow` adds to the server's allow list (the settings file, `--allow`).
struct CheckRoutes {
    let checker: Checker
    let facts: FactsSource
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
        let body = try CheckRequest(body: try await request.bytes(), pack: checker.pack)
        let (text, audience, disabled, path) = (body.text, body.audience, body.disabled, body.path)
        let facts = try await self.facts.resolve(body.facts)
        let options = CheckOptions(audience: audience, disabled: Set(disabled), explain: body.explain, allow: allow + body.allow)
        let result = try checker.checkWithin(SourceText(path: path, text: text), facts: facts, options: context.bounded(options))
        metrics.recordCheck(categories: result.findings.map(\.category))
        context.logger.info("checked", metadata: [
            "bytes": "\(text.utf8.count)",
            "audience": "\(audience.rawValue)",
            "rules": "\(result.findings.map(\.rule).joined(separator: ","))",
            "check_ms": "\(String(format: "%.2f", (ContinuousClock.now - start).seconds * 1000))",
        ])
        return Response.json(JSONReport.render([result], explain: body.explain))
    }
}

extension Response {
    /// A JSON response from text that is already JSON.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON response from an `Encodable` value, keys sorted.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return json(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n", status: status)
    }
}
