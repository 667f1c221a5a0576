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
/// Each kind's context policy is here, next to what the kind means; the
/// checker reads it and has no policy of its own.
public enum RuleKind: String, CaseIterable, Sendable {
    /// Something the draft asserts as the sender's own statement. Silenced
    /// when negated, hedged, hypothetical, reported, about another incident
    /// or time, asked or quoted; a negated claim that contradicts an
    /// established fact is a denial.
    case claim
    /// A commitment. Like a claim, but conditional or future wording does not
    /// silence it ("the fix will ship by 5pm" is still a promise); a promise
    /// already kept or broken (past) is not one.
    case promise
    /// Asking the reader for something (a secret): flagged only inside the
    /// scope of a request ("please send", "can you paste"), still flagged in
    /// a question, silenced by negation, reported speech and quotes.
    case request
    /// Text that must not leave the company (emails, ids, internal
    /// references, credentials), found by a regular expression, code and
    /// quotes included: no context silences it.
    case leak

    /// The context categories that silence a match of this kind.
    public var silencedBy: [ContextCategory] {
        switch self {
        case .claim: [.reported, .other, .hedged, .hypothetical, .negated]
        case .promise: [.reported, .other, .past, .hedged, .negated]
        case .request: [.reported, .negated]
        case .leak: []
        }
    }

    /// Whether a match in quoted text (quotation marks, code, a `> ` line)
    /// is silent: the sender is not saying it.
    public var silencedWhenQuoted: Bool { self != .leak }

    /// Whether a match in a question is silent ("Is it resolved?"); a
    /// request is most often a question.
    public var silencedInQuestion: Bool { self != .request && self != .leak }

    /// Whether a match flags only inside a request's scope.
    public var needsRequest: Bool { self == .request }

    /// Whether rules of this kind are found by phrases (else by a regex).
    public var matchesPhrases: Bool { self != .leak }
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

    public init(scope: Scope, validators: [LeakValidator], exemptions: Set<Exemption>, allowable: Bool, precedence: Int) {
        self.scope = scope
        self.validators = validators
        self.exemptions = exemptions
        self.allowable = allowable
        self.precedence = precedence
    }
}

/// How a claim, promise or request rule finds its words: phrases in the
/// pattern language, compiled into the pack's one automaton, and
/// exceptions (a longer phrase around the match that makes it harmless).
public struct PhraseMatcher: Sendable {
    public let phrases: [String]
    public let exceptions: [String]
    /// `phrases` and `exceptions`, parsed when the rule was loaded.
    let compiledPhrases: [PatternNode]
    let compiledExceptions: [PatternNode]
}

/// How a leak rule finds its text: an ICU regular expression, prefiltered
/// by the strings a match needs and its shortest length, with values that
/// are never a leak (`except`) and the leak policy.
public struct LeakMatcher: Sendable {
    public let regex: String
    /// `regex`, compiled once when the rule is loaded.
    let compiled: LeakRegex
    /// What a chunk must contain before the regex runs: one string of each
    /// group (ASCII letters without case); empty: every chunk.
    public let needs: [[String]]
    /// The fewest bytes the regex can match; shorter chunks are skipped.
    public let minLength: Int
    public let except: [String]
    /// `except`, lowercased, for the leak scanner.
    let exceptLowercased: Set<String>
    public let policy: LeakPolicy

    init(regex: String, compiled: LeakRegex, needs: [[String]], minLength: Int, except: [String], policy: LeakPolicy) {
        self.regex = regex
        self.compiled = compiled
        self.needs = needs
        self.minLength = minLength
        self.except = except
        self.exceptLowercased = Set(except.map { $0.lowercased() })
        self.policy = policy
    }
}

/// What a claim's words tell the reader about the incident, whether or not
/// the facts allow it (`asserts:` in the rule): the phases it is true in,
/// the kinds it names. Two messages that assert disjoint sets on one
/// dimension tell different stories (`consistency.conflict`).
public struct Assertion: Sendable, Equatable {
    /// The phases the words are true in; empty: says nothing of the phase.
    public let statuses: Set<IncidentStatus>
    /// The kinds the words name; empty: names none.
    public let kinds: Set<String>

    public static let none = Assertion(statuses: [], kinds: [])

    public init(statuses: Set<IncidentStatus>, kinds: Set<String>) {
        self.statuses = statuses
        self.kinds = kinds
    }

    public var isEmpty: Bool { statuses.isEmpty && kinds.isEmpty }

    /// "status investigating, identified; kind outage", nil when empty.
    public var described: String? {
        var parts: [String] = []
        if !statuses.isEmpty { parts.append("status " + IncidentStatus.allCases.filter(statuses.contains).map(\.rawValue).joined(separator: ", ")) }
        if !kinds.isEmpty { parts.append("kind " + FactsSchema.kinds.filter(kinds.contains).joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// A class: rules are immutable and shared, and a check passes them
/// around per match without copying them.
public final class Rule: Sendable {
    /// What finds a rule's matches; which one follows from its kind.
    public enum Matcher: Sendable {
        case phrases(PhraseMatcher)
        case leak(LeakMatcher)
    }

    public let id: String
    public let category: String
    public let kind: RuleKind
    public let severity: Severity
    public let audiences: Set<Audience>
    public let summary: String
    public let matcher: Matcher
    /// Facts under which the match is allowed; nil: never allowed, and the
    /// rule does not depend on facts.
    public let allowedWhen: Condition?
    public let allowedWhenText: String?
    /// Claim rules only.
    public let denial: Denial?
    /// Claim rules only; `.none` when the rule says nothing of phase or kind.
    public let asserts: Assertion
    public let message: String
    public let suggestions: [String]
    public let flagExamples: [RuleExample]
    public let passExamples: [RuleExample]
    public let file: String
    public let line: Int

    /// The phrase matcher of a claim, promise or request rule.
    public var phrases: PhraseMatcher? {
        if case .phrases(let m) = matcher { return m }
        return nil
    }

    /// The regex matcher of a leak rule.
    public var leak: LeakMatcher? {
        if case .leak(let m) = matcher { return m }
        return nil
    }

    /// The fact paths the rule reads.
    public var facts: [String] {
        ((allowedWhen?.facts ?? []) + (denial?.flaggedWhen.facts ?? [])).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    init(id: String, kind: RuleKind, severity: Severity, audiences: Set<Audience>, summary: String, matcher: Matcher,
         allowedWhen: Condition?, allowedWhenText: String?, denial: Denial?, asserts: Assertion = .none, message: String, suggestions: [String],
         flagExamples: [RuleExample], passExamples: [RuleExample], file: String, line: Int) {
        self.id = id
        self.category = Categories.category(of: id)
        self.kind = kind
        self.severity = severity
        self.audiences = audiences
        self.summary = summary
        self.matcher = matcher
        self.allowedWhen = allowedWhen
        self.allowedWhenText = allowedWhenText
        self.denial = denial
        self.asserts = asserts
        self.message = message
        self.suggestions = suggestions
        self.flagExamples = flagExamples
        self.passExamples = passExamples
        self.file = file
        self.line = line
    }
}

extension Rule {
    /// Whether `selector` names this rule: its id, or a prefix of whole
    /// segments ("claim" and "claim.status" select claim.status.ongoing).
    public func isSelected(by selector: String) -> Bool { Rule.id(id, isSelectedBy: selector) }

    public static func id(_ id: String, isSelectedBy selector: String) -> Bool {
        id == selector || id.hasPrefix(selector + ".")
    }
}

extension RulePack {
    /// Whether any rule is selected by `selector` (an id or a prefix).
    public func selects(_ selector: String) -> Bool { rules.contains { $0.isSelected(by: selector) } }

    /// Whether `selector` may be given to `disable`: it names a rule of the
    /// pack, or the pre-send check's `consistency.conflict` (the auditor's,
    /// not a rule of the pack).
    public func canDisable(_ selector: String) -> Bool {
        selects(selector) || Rule.id(Auditor.conflictRule, isSelectedBy: selector)
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
        if let match = contract.first(where: { Rule.id(id, isSelectedBy: $0) }) { return match }
        return id.split(separator: ".").prefix(2).joined(separator: ".")
    }
}
