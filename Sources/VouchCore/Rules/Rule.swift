/// Who a message is for. Redaction rules apply to customer and public
/// messages; claims and secret requests to all three.
public enum Audience: String, CaseIterable, Sendable {
    case customer, `public`, `internal`
}

public enum Severity: String, CaseIterable, Sendable, Comparable {
    case info, warning, error

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The closed set of check kinds; every concrete rule is data of one kind.
public enum RuleKind: String, CaseIterable, Sendable {
    /// Something the draft asserts as the sender's own statement. Silenced
    /// when negated, hedged, hypothetical, reported, asked or quoted; a
    /// negated claim that contradicts an established fact is a denial.
    case claim
    /// A commitment. Like a claim, but conditional or future wording does not
    /// silence it ("the fix will ship by 5pm" is still a promise).
    case promise
    /// Asking the reader for something (a secret): flagged only inside the
    /// scope of a request ("please send", "can you paste"), still flagged in
    /// a question, silenced by negation, reported speech and quotes.
    case request
    /// Text that must not leave the company (emails, ids, internal
    /// references), found by a regular expression on each word-like chunk of
    /// the draft, code and quotes included.
    case leak
}

/// A rule's example: a draft, the facts it is checked against, and for a
/// flagging example the byte ranges (marked `[[like this]]`) it must flag.
public struct RuleExample: Sendable {
    public let text: String
    public let marks: [Range<Int>]
    public let facts: Facts?
    public let factsName: String?
    public let audience: Audience
    /// Mutations this example opts out of (`skip: [quotes]`), where one
    /// would change what the words mean.
    public let skip: Set<ExampleVerifier.Mutation>
    public let file: String
    public let line: Int
}

public struct Denial: Sendable {
    /// When a negated match contradicts the facts ("not an outage" while
    /// `kind` includes outage).
    public let flaggedWhen: Condition
    public let flaggedWhenText: String
    public let message: String
}

/// What a leak rule has besides its regular expression: where the regex
/// searches, what a match must pass after it, and how it meets the allow
/// list and other leaks.
public struct LeakPolicy: Sendable {
    public enum Scope: String, CaseIterable, Sendable {
        /// Each word-like chunk (a key, an address, an id).
        case word
        /// Each line: for shapes with spaces ("password is ...",
        /// "Authorization: Bearer ...", a card number in groups of four).
        case line
        /// The whole draft, for shapes over several lines (a private key
        /// block from BEGIN to END); searched only when the draft has the
        /// rule's `needs`.
        case text
    }

    public enum Exemption: String, CaseIterable, Sendable {
        /// A quoted or forwarded mail header ("From:", "> On ... wrote:").
        case mailHeader = "mail-header"
    }

    public let scope: Scope
    public let validators: [LeakValidator]
    public let exemptions: Set<Exemption>
    /// Whether allow-list entries apply (never for credentials).
    public let allowable: Bool
    /// Where leaks of different categories overlap, only those of the
    /// highest precedence are reported: a secret shaped like an id is a
    /// `secret.leak`, not a `redact.id` as well.
    public let precedence: Int

    public static let standard = LeakPolicy(scope: .word, validators: [], exemptions: [], allowable: true, precedence: 0)

    public init(scope: Scope, validators: [LeakValidator], exemptions: Set<Exemption>, allowable: Bool, precedence: Int) {
        self.scope = scope
        self.validators = validators
        self.exemptions = exemptions
        self.allowable = allowable
        self.precedence = precedence
    }
}

/// A class: rules are immutable and shared, and a check passes them
/// around per match without copying two dozen fields.
public final class Rule: Sendable {
    public let id: String
    public let category: String
    public let kind: RuleKind
    public let severity: Severity
    public let audiences: Set<Audience>
    public let summary: String
    public let phrases: [String]
    public let exceptions: [String]
    /// `phrases` and `exceptions`, parsed when the rule was loaded.
    let compiledPhrases: [PatternNode]
    let compiledExceptions: [PatternNode]
    /// Facts under which the claim is allowed; nil: never allowed, and the
    /// rule does not depend on facts.
    public let allowedWhen: Condition?
    public let allowedWhenText: String?
    public let denial: Denial?
    public let message: String
    public let suggestions: [String]
    /// For leak rules.
    public let regex: String?
    /// `regex`, compiled once when the rule is loaded.
    let compiledRegex: LeakRegex?
    /// What a chunk must contain before the regex runs: one string of each
    /// group (ASCII letters without case); empty: every chunk.
    public let needs: [[String]]
    /// The fewest bytes the regex can match; shorter chunks are skipped.
    public let minLength: Int
    public let except: [String]
    /// For leak rules (`.standard` for the others).
    public let leak: LeakPolicy
    /// `except`, lowercased, for the leak scanner.
    let exceptLowercased: Set<String>
    public let flagExamples: [RuleExample]
    public let passExamples: [RuleExample]
    public let file: String
    public let line: Int

    /// The fact paths the rule reads.
    public var facts: [String] {
        ((allowedWhen?.facts ?? []) + (denial?.flaggedWhen.facts ?? [])).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    init(
        id: String,
        category: String,
        kind: RuleKind,
        severity: Severity,
        audiences: Set<Audience>,
        summary: String,
        phrases: [String],
        exceptions: [String],
        compiledPhrases: [PatternNode],
        compiledExceptions: [PatternNode],
        allowedWhen: Condition?,
        allowedWhenText: String?,
        denial: Denial?,
        message: String,
        suggestions: [String],
        regex: String?,
        compiledRegex: LeakRegex?,
        needs: [[String]],
        minLength: Int,
        except: [String],
        leak: LeakPolicy = .standard,
        flagExamples: [RuleExample],
        passExamples: [RuleExample],
        file: String,
        line: Int
    ) {
        self.id = id
        self.category = category
        self.kind = kind
        self.severity = severity
        self.audiences = audiences
        self.summary = summary
        self.phrases = phrases
        self.exceptions = exceptions
        self.compiledPhrases = compiledPhrases
        self.compiledExceptions = compiledExceptions
        self.allowedWhen = allowedWhen
        self.allowedWhenText = allowedWhenText
        self.denial = denial
        self.message = message
        self.suggestions = suggestions
        self.regex = regex
        self.compiledRegex = compiledRegex
        self.needs = needs
        self.minLength = minLength
        self.except = except
        self.leak = leak
        self.exceptLowercased = Set(except.map { $0.lowercased() })
        self.flagExamples = flagExamples
        self.passExamples = passExamples
        self.file = file
        self.line = line
    }
}

/// The categories every default pack covers (../shared/contract/categories.md).
public enum Categories {
    public static let contract = [
        "claim.resolved", "claim.status", "claim.outage", "claim.classification",
        "claim.isolated", "claim.expected-behavior", "claim.temporary",
        "claim.customer-fault", "claim.root-cause", "claim.data-loss",
        "promise.guarantee", "promise.eta", "promise.credit", "secret.request",
        "redact.email", "redact.id", "redact.internal",
        "secret.leak", "redact.phone", "redact.ip", "redact.document",
    ]

    /// The contract category a rule id belongs to, or its first two segments.
    public static func category(of id: String) -> String {
        if let match = contract.first(where: { id == $0 || id.hasPrefix($0 + ".") }) { return match }
        return id.split(separator: ".").prefix(2).joined(separator: ".")
    }
}
