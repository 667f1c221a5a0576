import VouchCompose
import VouchCore

/// The body of `POST /v1/compose`.
struct ComposeRequest: APIRequest {
    enum Field: String, CodingKey, CaseIterable {
        case channel, state, format, timezone, facts, incident
    }

    let channel: Channel
    /// nil: the state the facts' status implies.
    let state: MessageState?
    let format: ComposeFormat
    /// An IANA zone name for the times in the message (UTC when nil).
    let timezone: String?
    let facts: FactsInput

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        channel = try c.decode(choice: Channel.self, forKey: .channel)
        state = try c.decodeIfPresent(choice: MessageState.self, forKey: .state)
        format = try c.decodeIfPresent(choice: ComposeFormat.self, forKey: .format) ?? .text
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone)
        facts = try FactsInput(c, facts: .facts, incident: .incident)
    }
}
