import VouchCore

/// The body of `POST /v1/incidents/{id}/messages`: a message that was sent.
struct MessageRequest: APIRequest {
    enum Field: String, CodingKey, CaseIterable {
        case channel, audience, recipient, text, sender
    }

    let channel: String
    let audience: Audience
    /// Who got it (an account, a ticket): who is owed a correction.
    let recipient: String?
    let text: String
    let sender: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        channel = try Self.label(c, .channel)
        audience = try c.decode(choice: Audience.self, forKey: .audience)
        if c.contains(.recipient), try !c.decodeNil(forKey: .recipient) {
            recipient = try Self.label(c, .recipient)
        } else {
            recipient = nil
        }
        text = try c.decode(nonEmpty: .text)
        sender = try Self.label(c, .sender)
    }

    /// A short one-line label (a channel, a sender's name): not empty, at
    /// most 64 characters, no control characters (which would also forge
    /// lines in the server log).
    static func label(_ c: KeyedDecodingContainer<Field>, _ key: Field) throws -> String {
        let value = try c.decode(nonEmpty: key)
        guard value.count <= 64 else { throw c.invalid(key, "at most 64 characters") }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw c.invalid(key, "must not contain control characters or line breaks")
        }
        return value
    }
}
