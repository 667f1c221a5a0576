import Foundation
import Testing
@testable import VouchCore

/// Runs every example of every rule and context modifier in Rules/, plus
/// mutations of each: an emoji before it, CRLF line ends and a zero-width
/// space inside the match must not move what is flagged; the flagged words
/// put in code, in quotation marks or on a quoted line must go silent.
/// A failure points at the example's line in its rule file.
@Suite struct RuleExamplesTests {
    enum Mutation: String, CaseIterable, Sendable {
        case none, emoji, crlf, zeroWidth, code, quotes, quoteLine
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let index: Int
        let flag: Bool
        let mutation: Mutation
        var testDescription: String { "\(rule) \(flag ? "flag" : "pass") #\(index + 1) \(mutation.rawValue)" }
    }

    static let ruleCases: [Case] = Repository.pack.rules.flatMap { rule in
        rule.flagExamples.indices.flatMap { i in Mutation.allCases.map { Case(rule: rule.id, index: i, flag: true, mutation: $0) } }
            + rule.passExamples.indices.flatMap { i in [Mutation.none, .emoji, .crlf].map { Case(rule: rule.id, index: i, flag: false, mutation: $0) } }
    }

    @Test(arguments: ruleCases)
    func ruleExample(_ c: Case) throws {
        let rule = try #require(Repository.pack.rule(c.rule))
        let example = c.flag ? rule.flagExamples[c.index] : rule.passExamples[c.index]
        let location = SourceLocation.ruleFile(example.file, line: example.line)
        guard let (text, expected, silent) = Self.mutate(example.text, marks: example.marks, c.mutation, kind: rule.kind) else { return }
        let found = check(text, facts: example.facts, audience: example.audience).filter { $0.rule == rule.id }
        let ranges = found.map(\.range)
        let shown = found.map { "\($0.range) \"\($0.match)\"" }.joined(separator: ", ")
        if !c.flag {
            if !found.isEmpty { Issue.record("\(rule.id) must pass \(c.mutation): \(text.debugDescription) but flagged \(shown)", sourceLocation: location) }
            return
        }
        for (k, mark) in expected.enumerated() {
            if silent.contains(k) {
                if found.contains(where: { $0.range.overlaps(mark) }) {
                    Issue.record("\(rule.id) must be silent with the mark \(c.mutation): \(text.debugDescription) but flagged \(shown)", sourceLocation: location)
                }
            } else if !ranges.contains(mark) {
                Issue.record("\(rule.id) must flag bytes \(mark) \"\(Self.slice(text, mark))\" (\(c.mutation)) in \(text.debugDescription); flagged: [\(shown)]", sourceLocation: location)
            }
        }
        for finding in found where !expected.enumerated().contains(where: { !silent.contains($0.offset) && $0.element == finding.range }) {
            if silent.isEmpty || !expected.contains(where: { $0.overlaps(finding.range) }) {
                Issue.record("\(rule.id) flagged unmarked words \(finding.range) \"\(finding.match)\" (\(c.mutation)) in \(text.debugDescription)", sourceLocation: location)
            }
        }
    }

    static func slice(_ text: String, _ range: Range<Int>) -> String {
        let bytes = Array(text.utf8)
        guard range.upperBound <= bytes.count else { return "?" }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The mutated text, where each mark now is, and which marks must be
    /// silent; nil when the mutation does not apply to this example.
    static func mutate(_ text: String, marks: [Range<Int>], _ mutation: Mutation, kind: RuleKind) -> (String, [Range<Int>], Set<Int>)? {
        let bytes = Array(text.utf8)
        func insert(_ pieces: [(at: Int, text: String)]) -> (String, (Int) -> Int) {
            var out = bytes
            for piece in pieces.sorted(by: { $0.at > $1.at }) { out.insert(contentsOf: Array(piece.text.utf8), at: piece.at) }
            let shifts = pieces.map { ($0.at, $0.text.utf8.count) }
            // Offsets after an insertion point move by its length.
            return (String(decoding: out, as: UTF8.self), { offset in offset + shifts.filter { $0.0 <= offset }.reduce(0) { $0 + $1.1 } })
        }
        switch mutation {
        case .none:
            return (text, marks, [])
        case .emoji:
            let (t, move) = insert([(0, "🚀 ")])
            return (t, marks.map { move($0.lowerBound)..<move($0.upperBound) }, [])
        case .crlf:
            guard bytes.contains(0x0A) else { return nil }
            let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
            let (t, _) = insert(newlines.map { ($0, "\r") })
            func move(_ o: Int) -> Int { o + newlines.filter { $0 < o }.count }
            return (t, marks.map { move($0.lowerBound)..<move($0.upperBound) }, [])
        case .zeroWidth:
            guard kind != .leak, let mark = marks.first else { return nil }
            // After the first letter of the first marked word.
            let first = bytes[mark.lowerBound]
            guard mark.count >= 2, first < 0x80, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A,
                  (bytes[mark.lowerBound + 1] | 0x20) >= 0x61, (bytes[mark.lowerBound + 1] | 0x20) <= 0x7A else { return nil }
            let at = mark.lowerBound + 1
            let (t, move) = insert([(at, "\u{200B}")])
            return (t, marks.map { move($0.lowerBound)..<move($0.upperBound) }, [])
        case .code, .quotes:
            guard let mark = marks.first else { return nil }
            let (open, close) = mutation == .code ? ("`", "`") : ("\"", "\"")
            if mutation == .quotes && (bytes[mark].contains(UInt8(ascii: "\"")) || text.contains("\"")) { return nil }
            let (t, move) = insert([(mark.lowerBound, open), (mark.upperBound, close)])
            let moved = marks.enumerated().map { $0.offset == 0 ? (mark.lowerBound + 1)..<(mark.upperBound + 1) : move($0.element.lowerBound)..<move($0.element.upperBound) }
            // Leaks stay flagged in code and quotes; claims go silent.
            return (t, moved, kind == .leak ? [] : [0])
        case .quoteLine:
            guard kind != .leak, !text.contains("\n") else { return nil }
            let (t, move) = insert([(0, "> ")])
            return (t, marks.map { move($0.lowerBound)..<move($0.upperBound) }, Set(marks.indices))
        }
    }

    // MARK: Context modifiers

    struct ModifierCase: Sendable, CustomTestStringConvertible {
        let modifier: String
        let index: Int
        let flag: Bool
        var testDescription: String { "\(modifier) \(flag ? "flag" : "silent") #\(index + 1)" }
    }

    static let modifierCases: [ModifierCase] = Repository.pack.modifiers.flatMap { m in
        m.flagExamples.indices.map { ModifierCase(modifier: m.id, index: $0, flag: true) }
            + m.silentExamples.indices.map { ModifierCase(modifier: m.id, index: $0, flag: false) }
    }

    @Test(arguments: modifierCases)
    func modifierExample(_ c: ModifierCase) throws {
        let modifier = try #require(Repository.pack.modifiers.first { $0.id == c.modifier })
        let example = c.flag ? modifier.flagExamples[c.index] : modifier.silentExamples[c.index]
        let location = SourceLocation.ruleFile(example.file, line: example.line)
        let found = check(example.text, facts: example.facts)
            .filter { !$0.rule.hasPrefix("redact.") }
        let shown = found.map { "\($0.rule) \"\($0.match)\"" }.joined(separator: ", ")
        if !c.flag {
            if !found.isEmpty { Issue.record("\(modifier.id) must silence \(example.text.debugDescription) but found \(shown)", sourceLocation: location) }
            return
        }
        for mark in example.marks where !found.contains(where: { $0.range == mark }) {
            Issue.record("\(modifier.id): \(example.text.debugDescription) must flag \"\(Self.slice(example.text, mark))\"; found [\(shown)]", sourceLocation: location)
        }
    }
}
