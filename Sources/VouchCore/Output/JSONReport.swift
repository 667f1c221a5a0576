/// `check --format json`, as in ../shared/contract/json-output.md: members
/// in contract order (the order of the declarations below), findings sorted
/// by range start, each `range` on one line.
public struct JSONReport: Encodable, Sendable {
    public let version = 1
    public let files: [File]

    public init(_ results: [CheckResult], explain: Bool = false) {
        files = results.map { File($0, explain: explain) }
    }

    /// The report as JSON text.
    public static func render(_ results: [CheckResult], explain: Bool = false) throws -> String {
        try JSONWriter.text(of: JSONReport(results, explain: explain))
    }

    public struct File: Encodable, Sendable {
        public let path: String
        public let findings: [Finding]
        /// Only past the limit: the findings list is then not the whole.
        public let truncated: Bool?
        public let omitted: Int?
        /// With `explain` only (then present even when empty).
        public let silenced: [Silenced]?

        init(_ result: CheckResult, explain: Bool) {
            path = result.source.path
            findings = result.findings.map(Finding.init)
            truncated = result.omitted > 0 ? true : nil
            omitted = result.omitted > 0 ? result.omitted : nil
            silenced = explain ? result.silenced.map(Silenced.init) : nil
        }
    }

    public struct Finding: Encodable, Sendable {
        public let rule: String
        public let severity: String
        public let message: String
        public let match: String
        public let line: Int
        public let column: Int
        public let range: ByteRange
        public let fact: String?
        public let suggestion: String?

        init(_ finding: VouchCore.Finding) {
            rule = finding.rule
            severity = finding.severity.rawValue
            message = finding.message
            match = finding.match
            line = finding.line
            column = finding.column
            range = ByteRange(finding.range)
            fact = finding.fact
            suggestion = finding.suggestion
        }
    }

    /// One line each.
    public struct Silenced: Encodable, Sendable, JSONSingleLine {
        public let rule: String
        public let match: String
        public let line: Int
        public let column: Int
        public let range: ByteRange
        public let reason: String

        init(_ silenced: VouchCore.Silenced) {
            rule = silenced.rule
            match = silenced.match
            line = silenced.line
            column = silenced.column
            range = ByteRange(silenced.range)
            reason = silenced.reason
        }
    }

    /// The UTF-8 byte range of the match in the input as given.
    public struct ByteRange: Encodable, Sendable, JSONSingleLine {
        public let start: Int
        public let end: Int

        init(_ range: Range<Int>) {
            start = range.lowerBound
            end = range.upperBound
        }
    }
}
