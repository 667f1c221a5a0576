/// Runs every example of a pack's rules and context modifiers, each rule
/// example also mutated: an emoji before it, CRLF line ends and a zero-width
/// space inside the match must not move what is flagged; the flagged words
/// put in code, in quotation marks or on a quoted line must go silent
/// (leaks stay flagged). A failure names the example's file and line, so a
/// rule author fixes the YAML, not Swift (`vouch rules test`).
public struct ExampleVerifier: Sendable {
    /// How an example is changed before it is checked again.
    public enum Mutation: String, CaseIterable, Sendable {
        case none, emoji, crlf, zeroWidth = "zero-width", code, quotes, quoteLine = "quote-line"
    }

    /// One example under one mutation.
    public struct Case: Sendable, Equatable, CustomStringConvertible {
        public let id: String
        public let index: Int
        public let flag: Bool
        public let mutation: Mutation
        /// A context modifier's example (rule examples otherwise).
        public let modifier: Bool

        public var description: String {
            "\(id) \(flag ? "flag" : modifier ? "silent" : "pass") #\(index + 1)" + (modifier ? "" : " \(mutation.rawValue)")
        }
    }

    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public let pack: RulePack
    private let checker: Checker

    public init(pack: RulePack) {
        self.pack = pack
        self.checker = Checker(pack: pack)
    }

    /// Every case: each flag example under every mutation, each pass
    /// example as written, with an emoji and with CRLF line ends; each
    /// modifier example as written. Mutations an example opts out of
    /// (`skip:` in its YAML) are left out.
    public var cases: [Case] {
        pack.rules.flatMap { rule in
            rule.flagExamples.enumerated().flatMap { i, example in
                Mutation.allCases.filter { !example.skip.contains($0) }.map { Case(id: rule.id, index: i, flag: true, mutation: $0, modifier: false) }
            } + rule.passExamples.enumerated().flatMap { i, example in
                [Mutation.none, .emoji, .crlf].filter { !example.skip.contains($0) }.map { Case(id: rule.id, index: i, flag: false, mutation: $0, modifier: false) }
            }
        } + pack.modifiers.flatMap { m in
            m.flagExamples.indices.map { Case(id: m.id, index: $0, flag: true, mutation: .none, modifier: true) }
                + m.silentExamples.indices.map { Case(id: m.id, index: $0, flag: false, mutation: .none, modifier: true) }
        }
    }

    /// The failures of one case (none when it holds).
    public func run(_ c: Case) -> [Failure] {
        c.modifier ? runModifier(c) : runRule(c)
    }

    /// Every case; the failures in the order of the cases.
    public func runAll() -> (cases: Int, failures: [Failure]) {
        let all = cases
        return (all.count, all.flatMap(run))
    }

    private func findings(_ text: String, facts: Facts?, audience: Audience) -> [Finding] {
        checker.check(SourceText(path: "example", text: text), facts: facts,
                      options: CheckOptions(audience: audience, maxFindings: .max)).findings
    }

    private func runRule(_ c: Case) -> [Failure] {
        guard let rule = pack.rule(c.id) else { return [Failure(file: "?", line: 0, message: "no rule \(c.id)")] }
        let example = c.flag ? rule.flagExamples[c.index] : rule.passExamples[c.index]
        var failures: [Failure] = []
        func fail(_ message: String) { failures.append(Failure(file: example.file, line: example.line, message: message)) }
        guard let (text, expected, silent) = Self.mutate(example.text, marks: example.marks, c.mutation, kind: rule.kind) else { return [] }
        let found = findings(text, facts: example.facts, audience: example.audience).filter { $0.rule == rule.id }
        let ranges = found.map(\.range)
        let shown = found.map { "\($0.range) \"\($0.match)\"" }.joined(separator: ", ")
        let mutation = c.mutation == .none ? "" : " (\(c.mutation.rawValue))"
        if !c.flag {
            if !found.isEmpty { fail("\(rule.id) must pass\(mutation): \(text.debugDescription) but flagged \(shown)") }
            return failures
        }
        for (k, mark) in expected.enumerated() {
            if silent.contains(k) {
                if found.contains(where: { $0.range.overlaps(mark) }) {
                    fail("\(rule.id) must be silent with the mark\(mutation): \(text.debugDescription) but flagged \(shown)")
                }
            } else if !ranges.contains(mark) {
                fail("\(rule.id) must flag \"\(Self.slice(text, mark))\" (bytes \(mark))\(mutation) in \(text.debugDescription); flagged: [\(shown)]")
            }
        }
        for finding in found where !expected.enumerated().contains(where: { !silent.contains($0.offset) && $0.element == finding.range }) {
            if silent.isEmpty || !expected.contains(where: { $0.overlaps(finding.range) }) {
                fail("\(rule.id) flagged unmarked words \"\(finding.match)\" (bytes \(finding.range))\(mutation) in \(text.debugDescription)")
            }
        }
        return failures
    }

    private func runModifier(_ c: Case) -> [Failure] {
        guard let modifier = pack.modifiers.first(where: { $0.id == c.id }) else { return [Failure(file: "?", line: 0, message: "no modifier \(c.id)")] }
        let example = c.flag ? modifier.flagExamples[c.index] : modifier.silentExamples[c.index]
        let found = findings(example.text, facts: example.facts, audience: .customer).filter { !$0.rule.hasPrefix("redact.") }
        let shown = found.map { "\($0.rule) \"\($0.match)\"" }.joined(separator: ", ")
        if !c.flag {
            return found.isEmpty ? [] : [Failure(file: example.file, line: example.line,
                                                 message: "\(modifier.id) must silence \(example.text.debugDescription) but found \(shown)")]
        }
        return example.marks.filter { mark in !found.contains { $0.range == mark } }.map { mark in
            Failure(file: example.file, line: example.line,
                    message: "\(modifier.id): \(example.text.debugDescription) must flag \"\(Self.slice(example.text, mark))\"; found [\(shown)]")
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
}
