import Foundation

/// One message that was sent, as the message log records it
/// (../shared/contract/audit.md).
public struct LoggedMessage: Sendable {
    public let id: String
    /// `customer-reply`, `status-page`, `handoff`, `support-brief` or any
    /// other name.
    public let channel: String
    public let audience: Audience
    /// An account, a ticket, a page; who is owed a correction.
    public let recipient: String?
    public let sender: String?
    public let sentAt: Date
    public let factsVersion: Int?
    /// The facts it was checked against when sent; nil: not on record.
    public let facts: Facts?
    public let text: String

    public init(id: String, channel: String, audience: Audience? = nil, recipient: String? = nil, sender: String? = nil,
                sentAt: Date, factsVersion: Int? = nil, facts: Facts? = nil, text: String) {
        self.id = id
        self.channel = channel
        self.audience = audience ?? Self.audience(of: channel)
        self.recipient = recipient
        self.sender = sender
        self.sentAt = sentAt
        self.factsVersion = factsVersion
        self.facts = facts
        self.text = text
    }

    /// The audience a channel's messages have when the log does not say,
    /// as compose gives them; any other channel is a customer's.
    public static func audience(of channel: String) -> Audience {
        switch channel {
        case "status-page": .public
        case "handoff", "support-brief": .internal
        default: .customer
        }
    }

    /// "customer-reply to northstar", "status-page".
    public var destination: String { recipient.map { "\(channel) to \($0)" } ?? channel }
}

/// The message log as a file: JSON Lines, one message a line in the order
/// sent; blank lines are skipped. Every error names the file, the line and
/// the field ("log.jsonl:3: sent_at: '22 Nov' is not an ISO 8601 time").
public enum MessageLog {
    public static func load(path: String) throws -> [LoggedMessage] {
        try parse(try FileReader.text(path, what: "the message log"), source: path)
    }

    public static func parse(_ text: String, source: String) throws -> [LoggedMessage] {
        var messages: [LoggedMessage] = []
        var ids: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(line.utf8))
            } catch {
                throw VouchError(file: source, line: number, column: error.column, "malformed JSON: \(error.problem)")
            }
            let entry: Entry
            do {
                entry = try JSONValueDecoder(value).decode(as: Entry.self)
            } catch let error as DecodingError {
                throw VouchError(file: source, line: number, error.fieldDescription)
            } catch let error as VouchError {
                throw VouchError(file: source, line: number, error.reason)
            }
            if let first = ids[entry.id] {
                throw VouchError(file: source, line: number, "id: '\(JSONParser.shown(entry.id))' is already the id of the message on line \(first)")
            }
            if let previous = messages.last, entry.sentAt < previous.sentAt {
                throw VouchError(file: source, line: number, "sent_at: \(Timestamp.iso8601(entry.sentAt)) is before the previous message's \(Timestamp.iso8601(previous.sentAt)); the log is in the order sent")
            }
            ids[entry.id] = number
            let facts: Facts?
            do {
                facts = try entry.facts.map { try FactsLoader.facts(from: $0.yamlNode, source: "facts") }
            } catch let error as VouchError {
                throw VouchError(file: source, line: number, "facts: " + error.message.replacingOccurrences(of: "facts: ", with: ""))
            }
            messages.append(LoggedMessage(id: entry.id, channel: entry.channel, audience: entry.audience, recipient: entry.recipient,
                                          sender: entry.sender, sentAt: entry.sentAt, factsVersion: entry.factsVersion,
                                          facts: facts, text: entry.text))
        }
        return messages
    }

    /// One line as written.
    private struct Entry: Decodable {
        enum Field: String, CodingKey, CaseIterable {
            case id, channel, audience, recipient, sender, sent_at, facts_version, facts, text
        }

        let id: String
        let channel: String
        let audience: Audience?
        let recipient: String?
        let sender: String?
        let sentAt: Date
        let factsVersion: Int?
        let facts: JSONValue?
        let text: String

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Field.self)
            if case .object(let members)? = (decoder as? JSONValueDecoder)?.value,
               let unknown = members.keys.sorted().first(where: { Field(rawValue: $0) == nil }) {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                    "\(JSONParser.shown(unknown)): unknown field (allowed: \(Field.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            if let number = try? c.decode(Int.self, forKey: .id) {
                id = String(number)
            } else {
                id = try c.decode(String.self, forKey: .id)
            }
            channel = try c.decode(String.self, forKey: .channel)
            if let raw = try c.decodeIfPresent(String.self, forKey: .audience) {
                guard let value = Audience(rawValue: raw) else {
                    throw DecodingError.dataCorruptedError(forKey: .audience, in: c, debugDescription:
                        "unknown value '\(JSONParser.shown(raw))' (allowed: \(Audience.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                audience = value
            } else {
                audience = nil
            }
            recipient = try c.decodeIfPresent(String.self, forKey: .recipient)
            sender = try c.decodeIfPresent(String.self, forKey: .sender)
            let sent = try c.decode(String.self, forKey: .sent_at)
            guard let date = Timestamp.parse(sent) else {
                throw DecodingError.dataCorruptedError(forKey: .sent_at, in: c, debugDescription:
                    "'\(JSONParser.shown(sent))' is not an ISO 8601 time (2026-11-22T10:04:00Z)")
            }
            sentAt = date
            factsVersion = try c.decodeIfPresent(Int.self, forKey: .facts_version)
            facts = try c.decodeIfPresent(JSONValue.self, forKey: .facts)
            if let facts, case .object = facts {} else if let facts {
                throw DecodingError.dataCorruptedError(forKey: .facts, in: c, debugDescription: "expected a mapping of facts, got \(facts.typeName)")
            }
            text = try c.decode(String.self, forKey: .text)
        }
    }
}
