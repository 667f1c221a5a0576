import Foundation

/// When a claim is allowed, written in rule files as `allowed_when: "..."`:
///
///     status == fixed and verified.all_impacted
///     kind has outage
///     not kind has outage
///     status >= mitigated or eta
///     impact.data_loss in [none, possible]
///
/// Grammar (`not` binds tighter than `and`, which binds tighter than `or`):
///
///     or   := and ('or' and)*
///     and  := not ('and' not)*
///     not  := 'not' not | atom
///     atom := '(' or ')' | 'always' | 'never'
///           | PATH                                 a bool is true; any other fact is set
///           | PATH OP VALUE                        OP: == != >= > <= <  (ordering only for status)
///           | PATH 'in' '[' VALUE (',' VALUE)* ']'
///           | PATH 'has' VALUE                     list membership (kind)
///
/// Paths and values are checked against `FactsSchema` when parsed. A value
/// is a word (`fixed`, `queue-backlog`, `true`, `14`) or quoted text
/// (`"INC-221"`).
///
/// A test of a fact that is not set is false (not established): `status ==
/// fixed` and `status != fixed` are both false without a status, and with no
/// facts at all every fact test is false. `always` and `never` do not read
/// facts and keep their meaning.
public indirect enum Condition: Sendable, Equatable {
    case always
    case never
    /// A bare path: the bool fact is true, or any other fact is set.
    case holds(String)
    /// `status >= mitigated`, `verified.all_impacted == false`.
    case compare(String, ComparisonOperator, FactValue)
    /// `impact.data_loss in [none, possible]`.
    case oneOf(String, [FactValue])
    /// `kind has outage`: the list fact includes the value.
    case has(String, String)
    case not(Condition)
    /// All operands hold (at least two).
    case and([Condition])
    /// At least one operand holds (at least two).
    case or([Condition])
}

/// A comparison in a condition. Ordering compares `status` phases
/// (investigating < identified < mitigated < fixed).
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greaterOrEqual = ">="
    case greater = ">"
    case lessOrEqual = "<="
    case less = "<"

    /// Whether this operator orders values rather than testing equality.
    public var isOrdering: Bool {
        self != .equal && self != .notEqual
    }
}

/// Whether a condition allows a claim, and if not, the first reason why.
public struct ConditionVerdict: Sendable, Equatable {
    public let allowed: Bool
    /// The fact path that is missing or contradicts, e.g.
    /// "verified.all_impacted"; nil when allowed or for `never`.
    public let fact: String?
    /// Why, in words a support agent understands: "verified.all_impacted is
    /// false", "status is identified", "eta is not set", "no facts were
    /// given", "never allowed"; nil when allowed.
    public let reason: String?

    public init(allowed: Bool, fact: String?, reason: String?) {
        self.allowed = allowed
        self.fact = fact
        self.reason = reason
    }

    public static let allow = ConditionVerdict(allowed: true, fact: nil, reason: nil)
}

// MARK: - Evaluation

extension Condition {
    /// Evaluates against `facts`; nil facts means nothing is established.
    public func evaluate(_ facts: Facts?) -> ConditionVerdict {
        let outcome = self.outcome(facts)
        return outcome.holds ? .allow : ConditionVerdict(allowed: false, fact: outcome.fact, reason: outcome.reason)
    }

    /// The fact paths this condition reads, in order, without repeats.
    public var facts: [String] {
        var paths: [String] = []
        collectFacts(into: &paths)
        return paths
    }

    private func collectFacts(into paths: inout [String]) {
        switch self {
        case .always, .never:
            break
        case .holds(let path), .compare(let path, _, _), .oneOf(let path, _), .has(let path, _):
            if !paths.contains(path) { paths.append(path) }
        case .not(let inner):
            inner.collectFacts(into: &paths)
        case .and(let operands), .or(let operands):
            for operand in operands { operand.collectFacts(into: &paths) }
        }
    }

    /// Whether the condition holds, with the fact and words that explain the
    /// result either way: for a test that fails, why it fails; for one that
    /// holds, what holds (the reason a `not` around it fails).
    private func outcome(_ facts: Facts?) -> Outcome {
        switch self {
        case .always:
            // Only surfaces through `not always`, which is never allowed.
            return Outcome(holds: true, fact: nil, reason: "never allowed")
        case .never:
            return Outcome(holds: false, fact: nil, reason: "never allowed")
        case .holds(let path), .compare(let path, _, _), .oneOf(let path, _), .has(let path, _):
            guard let facts else { return Outcome(holds: false, fact: path, reason: "no facts were given") }
            guard let value = facts[path] else { return Outcome(holds: false, fact: path, reason: "\(path) is not set") }
            return test(path, value)
        case .not(let inner):
            let outcome = inner.outcome(facts)
            return Outcome(holds: !outcome.holds, fact: outcome.fact, reason: outcome.reason)
        case .and(let operands):
            var held: [Outcome] = []
            for operand in operands {
                let outcome = operand.outcome(facts)
                if !outcome.holds { return outcome }
                held.append(outcome)
            }
            return Outcome.all(held)
        case .or(let operands):
            var first: Outcome?
            for operand in operands {
                let outcome = operand.outcome(facts)
                if outcome.holds { return outcome }
                first = first ?? outcome
            }
            return first ?? Outcome(holds: false, fact: nil, reason: "never allowed")
        }
    }

    /// A fact test against a value that is set.
    private func test(_ path: String, _ value: FactValue) -> Outcome {
        let state = "\(path) is \(FactsLoader.messageText(Self.display(value)))"
        switch self {
        case .holds:
            if case .bool(let flag) = value { return Outcome(holds: flag, fact: path, reason: state) }
            let shown = if case .string = value { "\(path) is set" } else { state }
            return Outcome(holds: true, fact: path, reason: shown)
        case .compare(_, let op, let expected):
            return Outcome(holds: Self.compare(value, op, expected), fact: path, reason: state)
        case .oneOf(_, let options):
            return Outcome(holds: options.contains(value), fact: path, reason: state)
        case .has(_, let member):
            guard case .list(let items) = value, items.contains(member) else {
                return Outcome(holds: false, fact: path, reason: state)
            }
            return Outcome(holds: true, fact: path, reason: "\(path) includes \(member)")
        case .always, .never, .not, .and, .or:
            preconditionFailure("not a fact test")
        }
    }

    private static func compare(_ actual: FactValue, _ op: ComparisonOperator, _ expected: FactValue) -> Bool {
        switch op {
        case .equal: return actual == expected
        case .notEqual: return actual != expected
        default: break
        }
        guard case .enumeration(let a) = actual, case .enumeration(let b) = expected,
              let lhs = IncidentStatus(rawValue: a), let rhs = IncidentStatus(rawValue: b)
        else { return false }
        switch op {
        case .greaterOrEqual: return lhs >= rhs
        case .greater: return lhs > rhs
        case .lessOrEqual: return lhs <= rhs
        case .less: return lhs < rhs
        case .equal, .notEqual: return false
        }
    }

    /// A fact value in a reason: "identified", "false", "regression, outage".
    static func display(_ value: FactValue) -> String {
        switch value {
        case .string(let text), .enumeration(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .list(let items): items.joined(separator: ", ")
        case .timestamp(let date): Timestamp.iso8601(date)
        }
    }
}

/// The result of one node of a condition, with its explanation.
private struct Outcome {
    let holds: Bool
    let fact: String?
    let reason: String?

    /// Operands of an `and` that all hold: their reasons together.
    static func all(_ outcomes: [Outcome]) -> Outcome {
        var reasons: [String] = []
        for reason in outcomes.compactMap(\.reason) where !reasons.contains(reason) { reasons.append(reason) }
        let fact = outcomes.lazy.compactMap(\.fact).first
        return Outcome(holds: true, fact: fact, reason: reasons.isEmpty ? nil : reasons.joined(separator: " and "))
    }
}

// MARK: - Text

extension Condition: CustomStringConvertible {
    /// The condition in the language it is parsed from (fully normalized:
    /// `Condition.parse(c.description) == c`).
    public var description: String {
        switch self {
        case .always: "always"
        case .never: "never"
        case .holds(let path): path
        case .compare(let path, let op, let value): "\(path) \(op.rawValue) \(Self.literal(value))"
        case .oneOf(let path, let values): "\(path) in [\(values.map(Self.literal).joined(separator: ", "))]"
        case .has(let path, let member): "\(path) has \(Self.literal(.enumeration(member)))"
        case .not(let inner): "not \(inner.grouped(within: self))"
        case .and(let operands): operands.map { $0.grouped(within: self) }.joined(separator: " and ")
        case .or(let operands): operands.map { $0.grouped(within: self) }.joined(separator: " or ")
        }
    }

    /// This condition as an operand of `parent`, parenthesized when needed.
    private func grouped(within parent: Condition) -> String {
        switch (parent, self) {
        case (.not, .and), (.not, .or), (.and, .or), (.and, .and), (.or, .or): "(\(description))"
        default: description
        }
    }

    /// A value as it is written in a condition; quoted unless it is a word.
    private static func literal(_ value: FactValue) -> String {
        let text = display(value)
        if !text.isEmpty, text.allSatisfy(ConditionLexer.isWordCharacter) { return text }
        return text.contains("\"") ? "'\(text)'" : "\"\(text)\""
    }
}

// MARK: - Parsing

extension Condition {
    /// Parses and checks a condition. Errors are one line without a file
    /// location (the caller adds "file:line: ..."); positions are 1-based
    /// characters in `text`.
    public static func parse(_ text: String) throws -> Condition {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(text))
        if parser.peek.kind == .end {
            throw VouchError("empty condition; write 'always', 'never' or a test such as 'status == fixed'")
        }
        let condition = try parser.parseOr()
        let token = parser.peek
        switch token.kind {
        case .end:
            return condition
        case .symbol(")"):
            throw VouchError("unexpected ')' at position \(token.position) (no '(' to close)")
        default:
            throw VouchError("unexpected \(token) at position \(token.position); expected 'and', 'or' or the end of the condition")
        }
    }
}

/// One token of a condition, at a 1-based character position.
private struct ConditionToken: CustomStringConvertible {
    enum Kind: Equatable {
        case word(String)
        case quoted(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let position: Int

    /// How the token reads in a message: 'fixed', ')', the end of the condition.
    var description: String {
        switch kind {
        case .word(let text), .symbol(let text): "'\(text)'"
        case .quoted(let text): "'\"\(FactsLoader.messageText(text))\"'"
        case .end: "the end of the condition"
        }
    }

    func isWord(_ word: String) -> Bool { kind == .word(word) }
}

/// Splits a condition into words, quoted values and symbols.
private enum ConditionLexer {
    static let symbols = ["==", "!=", ">=", "<=", ">", "<", "(", ")", "[", "]", ","]

    /// Letters, digits, `_`, `-` and `.` make up paths and word values.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-" || character == "."
    }

    static func tokens(_ text: String) throws -> [ConditionToken] {
        let characters = Array(text)
        var tokens: [ConditionToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace {
                index += 1
            } else if isWordCharacter(character) {
                let start = index
                while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
                tokens.append(ConditionToken(kind: .word(String(characters[start..<index])), position: position))
            } else if character == "\"" || character == "'" {
                guard let close = characters[(index + 1)...].firstIndex(of: character) else {
                    throw VouchError("unterminated quoted value starting at position \(position)")
                }
                tokens.append(ConditionToken(kind: .quoted(String(characters[(index + 1)..<close])), position: position))
                index = close + 1
            } else if let symbol = symbols.first(where: { characters[index...].starts(with: $0) }) {
                tokens.append(ConditionToken(kind: .symbol(symbol), position: position))
                index += symbol.count
            } else {
                let hint = switch character {
                case "=": " (use '==')"
                case "!": " (use '!=' or 'not')"
                case "&": " (use 'and')"
                case "|": " (use 'or')"
                default: ""
                }
                throw VouchError("unexpected character '\(character)' at position \(position)\(hint)")
            }
        }
        tokens.append(ConditionToken(kind: .end, position: characters.count + 1))
        return tokens
    }
}

/// Recursive descent over the tokens, checking paths and values against
/// `FactsSchema` as it goes.
private struct ConditionParser {
    let tokens: [ConditionToken]
    var index = 0

    static let keywords: Set<String> = ["and", "or", "not", "in", "has", "always", "never"]

    var peek: ConditionToken { tokens[index] }

    private mutating func advance() -> ConditionToken {
        defer { if index < tokens.count - 1 { index += 1 } }
        return tokens[index]
    }

    mutating func parseOr() throws -> Condition {
        var operands = [try parseAnd()]
        while peek.isWord("or") {
            _ = advance()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws -> Condition {
        var operands = [try parseNot()]
        while peek.isWord("and") {
            _ = advance()
            operands.append(try parseNot())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseNot() throws -> Condition {
        if peek.isWord("not") {
            _ = advance()
            return .not(try parseNot())
        }
        return try parseAtom()
    }

    private mutating func parseAtom() throws -> Condition {
        let token = advance()
        switch token.kind {
        case .symbol("("):
            let inner = try parseOr()
            let close = advance()
            guard close.kind == .symbol(")") else {
                throw VouchError("expected ')' at position \(close.position) to close '(' at position \(token.position), got \(close)")
            }
            return inner
        case .word("always"):
            return .always
        case .word("never"):
            return .never
        case .word(let path) where !Self.keywords.contains(path):
            return try parseTest(path)
        default:
            throw VouchError("expected a fact, 'not', 'always', 'never' or '(' at position \(token.position), got \(token)")
        }
    }

    /// What follows a path: an operator, `in`, `has`, or nothing.
    private mutating func parseTest(_ path: String) throws -> Condition {
        guard let field = FactsSchema.field(path) else {
            let known = FactsSchema.fields.map(\.path).joined(separator: ", ")
            throw VouchError("unknown fact '\(path)' (known: \(known))")
        }
        let next = peek
        if case .symbol(let symbol) = next.kind, let op = ComparisonOperator(rawValue: symbol) {
            _ = advance()
            if op.isOrdering, path != "status" {
                throw VouchError("'\(op.rawValue)' only works with status (its phases are ordered), not \(path)")
            }
            return .compare(path, op, try value(after: "'\(op.rawValue)'", for: field))
        }
        if next.isWord("in") {
            _ = advance()
            return .oneOf(path, try valueList(for: field))
        }
        if next.isWord("has") {
            _ = advance()
            guard case .enumerationList(let allowed) = field.type else {
                let lists = FactsSchema.fields.filter { if case .enumerationList = $0.type { true } else { false } }
                throw VouchError("'has' only works with a list fact (\(lists.map(\.path).joined(separator: ", "))), not \(path); use '=='")
            }
            let token = advance()
            let member = try valueText(token, after: "'has'")
            guard allowed.contains(member) else {
                throw VouchError("\(path): unknown value '\(FactsLoader.messageText(member))' (allowed: \(allowed.joined(separator: ", ")))")
            }
            return .has(path, member)
        }
        return .holds(path)
    }

    /// `[VALUE, VALUE, ...]` after `in`.
    private mutating func valueList(for field: FactField) throws -> [FactValue] {
        let open = advance()
        guard open.kind == .symbol("[") else {
            throw VouchError("expected '[' after 'in' at position \(open.position), got \(open)")
        }
        var values = [try value(after: "'['", for: field)]
        while peek.kind == .symbol(",") {
            _ = advance()
            values.append(try value(after: "','", for: field))
        }
        let close = advance()
        guard close.kind == .symbol("]") else {
            throw VouchError("expected ',' or ']' at position \(close.position), got \(close)")
        }
        return values
    }

    /// The next token as a value of `field`'s type.
    private mutating func value(after previous: String, for field: FactField) throws -> FactValue {
        let text = try valueText(advance(), after: previous)
        let shown = FactsLoader.messageText(text)
        let path = field.path
        switch field.type {
        case .string:
            return .string(text)
        case .bool:
            guard text == "true" || text == "false" else {
                throw VouchError("\(path): expected true or false, got '\(shown)'")
            }
            return .bool(text == "true")
        case .integer:
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
                throw VouchError("\(path): expected a whole number (0 or more), got '\(shown)'")
            }
            return .integer(number)
        case .timestamp:
            throw VouchError("\(path) is a time; a condition can only test whether it is set ('\(path)' or 'not \(path)')")
        case .enumeration(let allowed):
            guard allowed.contains(text) else {
                throw VouchError("\(path): unknown value '\(shown)' (allowed: \(allowed.joined(separator: ", ")))")
            }
            return .enumeration(text)
        case .enumerationList:
            throw VouchError("\(path) is a list; use '\(path) has \(shown)'")
        }
    }

    /// The text of a value token (a word or quoted text).
    private func valueText(_ token: ConditionToken, after previous: String) throws -> String {
        switch token.kind {
        case .word(let text), .quoted(let text): return text
        case .symbol, .end:
            throw VouchError("expected a value after \(previous) at position \(token.position), got \(token)")
        }
    }
}
