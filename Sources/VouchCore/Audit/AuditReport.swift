import Foundation

/// What an audit found, message by message, and the promises past due
/// (`vouch audit --format json`, `GET /v1/incidents/{id}/audit`).
public struct AuditReport: Sendable {
    public let incident: String?
    public let factsVersion: Int?
    public let now: Date
    public var messages: [Message]
    public let promises: [Promise]

    public struct Message: Sendable {
        public let id: String
        public let channel: String
        public let recipient: String?
        public let sentAt: Date
        public let factsVersion: Int?
        public let text: String
        public var findings: [Finding]

        init(_ message: LoggedMessage, findings: [Finding]) {
            id = message.id
            channel = message.channel
            recipient = message.recipient
            sentAt = message.sentAt
            factsVersion = message.factsVersion
            text = message.text
            self.findings = findings
        }
    }

    public struct Finding: Sendable {
        public let rule: String
        public let severity: Severity
        public let match: String
        /// UTF-8 bytes of `match` in the message's text.
        public let range: Range<Int>
        public let message: String
        public let fact: String?
        /// The fact's value when the message was sent and now.
        public let from: String?
        public let to: String?
        /// The rule whose finding this is (`claim.classification.permissions`).
        public let claim: String?
        public let suggestion: String?
        /// The message it conflicts with.
        public let other: Other?

        public struct Other: Sendable {
            public let message: String
            public let match: String
            public let range: Range<Int>
        }
    }

    public struct Promise: Sendable {
        public let rule: String
        /// `update` or `fix`.
        public let kind: String
        /// The message that made it; nil for the facts' own promise.
        public let messageID: String?
        public let channel: String?
        public let match: String?
        public let range: Range<Int>?
        public let due: Date
        public let lateMinutes: Int
        public let message: String

        init(rule: String, kind: String, message: LoggedMessage?, match: String?, range: Range<Int>?, due: Date, now: Date, text: String) {
            self.rule = rule
            self.kind = kind
            messageID = message?.id
            channel = message?.channel
            self.match = match
            self.range = range
            self.due = due
            lateMinutes = Int((now.timeIntervalSince(due) / 60).rounded(.down))
            self.message = text + " (\(Self.late(lateMinutes)) late)"
        }

        static func late(_ minutes: Int) -> String {
            minutes < 60 ? "\(minutes) min" : minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
        }
    }

    public var findingCount: Int { messages.reduce(0) { $0 + $1.findings.count } + promises.count }
}
