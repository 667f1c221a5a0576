import VouchCore

/// `--format json`. For `status-page`, a body ready for a status-page API
/// (the fields Statuspage-style APIs take for an incident update):
///
///     {"name": title, "status": "investigating|identified|monitoring|resolved",
///      "body": the update text, "impact": "major|minor"}
///
/// `impact` is `major` when `kind` includes outage and `minor` otherwise.
/// Every other channel: `{"channel", "state", "audience", "body"}`.
enum JSONPayload {
    static func render(channel: Channel, state: MessageState, facts: Facts, model: MessageModel, text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let fields: [(String, String)]
        switch channel {
        case .statusPage:
            fields = [
                ("name", model.title ?? ""),
                ("status", state.statusPageStatus),
                ("body", body),
                ("impact", model.outage ? "major" : "minor"),
            ]
        case .customerReply, .handoff, .supportBrief:
            fields = [
                ("channel", channel.rawValue),
                ("state", state.rawValue),
                ("audience", channel.audience.rawValue),
                ("body", body),
            ]
        }
        let members = fields.map { "  \(quote($0.0)): \(quote($0.1))" }.joined(separator: ",\n")
        return "{\n\(members)\n}\n"
    }

    /// A JSON string literal (the same escaping as `check --format json`).
    static func quote(_ text: String) -> String { JSONReport.quote(text) }
}
