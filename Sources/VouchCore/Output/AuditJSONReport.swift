/// `vouch audit --format json`, as in ../shared/contract/audit.md: every
/// message of the log in the order sent with its findings, then the
/// promises past due. Ranges are UTF-8 bytes into the message's text.
public struct AuditJSONReport: Encodable, Sendable {
    public let version = 1
    public let incident: String?
    public let facts_version: Int?
    public let audited_at: String
    public let messages: [Message]
    public let promises: [Promise]

    public init(_ report: AuditReport) {
        incident = report.incident
        facts_version = report.factsVersion
        audited_at = Timestamp.iso8601(report.now)
        messages = report.messages.map(Message.init)
        promises = report.promises.map(Promise.init)
    }

    public static func render(_ report: AuditReport) throws -> String {
        try JSONWriter.text(of: AuditJSONReport(report))
    }

    public struct Message: Encodable, Sendable {
        public let id: String
        public let channel: String
        public let recipient: String?
        public let sent_at: String
        public let facts_version: Int?
        public let findings: [Finding]

        init(_ message: AuditReport.Message) {
            id = message.id
            channel = message.channel
            recipient = message.recipient
            sent_at = Timestamp.iso8601(message.sentAt)
            facts_version = message.factsVersion
            findings = message.findings.map { Finding($0, in: message.text) }
        }
    }

    public struct Finding: Encodable, Sendable {
        public let rule: String
        public let severity: String
        public let match: String
        public let line: Int
        public let column: Int
        public let range: JSONReport.ByteRange
        public let fact: String?
        public let from: String?
        public let to: String?
        /// The claim rule whose words these are.
        public let claim: String?
        public let message: String
        public let suggestion: String?
        public let conflicts_with: Other?

        public struct Other: Encodable, Sendable, JSONSingleLine {
            public let message_id: String
            public let match: String
            public let range: JSONReport.ByteRange
        }

        init(_ finding: AuditReport.Finding, in text: String) {
            let source = SourceText(path: "", text: text)
            rule = finding.rule
            severity = finding.severity.rawValue
            match = finding.match
            line = source.line(of: finding.range.lowerBound)
            column = source.columns(of: [finding.range.lowerBound])[0]
            range = JSONReport.ByteRange(finding.range)
            fact = finding.fact
            from = finding.from
            to = finding.to
            claim = finding.claim
            message = finding.message
            suggestion = finding.suggestion
            conflicts_with = finding.other.map { Other(message_id: $0.message, match: $0.match, range: JSONReport.ByteRange($0.range)) }
        }
    }

    public struct Promise: Encodable, Sendable {
        public let rule: String
        public let kind: String
        public let message_id: String?
        public let channel: String?
        public let match: String?
        public let range: JSONReport.ByteRange?
        public let due: String
        public let late_minutes: Int
        public let message: String

        init(_ promise: AuditReport.Promise) {
            rule = promise.rule
            kind = promise.kind
            message_id = promise.messageID
            channel = promise.channel
            match = promise.match
            range = promise.range.map(JSONReport.ByteRange.init)
            due = Timestamp.iso8601(promise.due)
            late_minutes = promise.lateMinutes
            message = promise.message
        }
    }
}
