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
    struct StatusPageUpdate: Encodable {
        let name: String
        let status: String
        let body: String
        let impact: String
    }

    struct Message: Encodable {
        let channel: String
        let state: String
        let audience: String
        let body: String
    }

    static func render(channel: Channel, state: MessageState, model: MessageModel, text: String) throws -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        switch channel {
        case .statusPage:
            return try JSONWriter.text(of: StatusPageUpdate(name: model.title ?? "", status: state.statusPageStatus, body: body,
                                                            impact: model.outage ? "major" : "minor"))
        case .customerReply, .handoff, .supportBrief:
            return try JSONWriter.text(of: Message(channel: channel.rawValue, state: state.rawValue, audience: channel.audience.rawValue, body: body))
        }
    }
}
