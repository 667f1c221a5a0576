/// One thing a draft says that it should not.
public struct Finding: Sendable, Equatable {
    public let rule: String
    public let category: String
    public let severity: Severity
    public let message: String
    /// The matched text exactly as in the input.
    public let match: String
    public let line: Int
    /// Extended grapheme clusters from the line start, 1-based.
    public let column: Int
    /// UTF-8 byte range in the input as given.
    public let range: Range<Int>
    /// The fact that is missing or contradicts the claim; nil for rules that
    /// do not depend on facts.
    public let fact: String?
    public let suggestion: String?
}

/// Words a rule matched that were not flagged, and why: the explanation
/// `--explain` prints.
public struct Silenced: Sendable, Equatable {
    public let rule: String
    public let match: String
    public let line: Int
    public let column: Int
    public let range: Range<Int>
    public let reason: String
    /// The facts allow the words (not context: a negation, a question):
    /// the message says them, and they are true enough.
    public let allowedByFacts: Bool
}

public struct CheckResult: Sendable {
    public let source: SourceText
    /// At most `CheckOptions.maxFindings`, sorted by position.
    public let findings: [Finding]
    public let silenced: [Silenced]
    /// Findings past `CheckOptions.maxFindings`, counted but not reported.
    public let omitted: Int

    public init(source: SourceText, findings: [Finding], silenced: [Silenced], omitted: Int = 0) {
        self.source = source
        self.findings = findings
        self.silenced = silenced
        self.omitted = omitted
    }

    /// With `more` findings (the pre-send check's conflicts), in order.
    public func adding(_ more: [Finding]) -> CheckResult {
        guard !more.isEmpty else { return self }
        let all = (findings + more).enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
        return CheckResult(source: source, findings: all.map(\.element), silenced: silenced, omitted: omitted)
    }
}
