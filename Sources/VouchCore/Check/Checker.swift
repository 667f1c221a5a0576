import Foundation

/// What to check a draft for.
public struct CheckOptions: Sendable {
    public var audience: Audience
    /// Rule ids (or id prefixes such as "redact") to leave out.
    public var disabled: Set<String>
    /// Also record what rules matched but did not flag, and why
    /// (`CheckResult.silenced`); off, a check skips that bookkeeping.
    public var explain: Bool

    public init(audience: Audience = .customer, disabled: Set<String> = [], explain: Bool = false) {
        self.audience = audience
        self.disabled = disabled
        self.explain = explain
    }

    func enables(_ rule: Rule) -> Bool {
        rule.audiences.contains(audience) && !disabled.contains { rule.id == $0 || rule.id.hasPrefix($0 + ".") }
    }
}

/// Checks drafts against facts with a compiled rule pack: one pass of the
/// token automaton per sentence, context resolution, then the facts.
public struct Checker: Sendable {
    public let pack: RulePack

    public init(pack: RulePack) {
        self.pack = pack
    }

    public func check(_ source: SourceText, facts: Facts?, options: CheckOptions = CheckOptions()) -> CheckResult {
        var run = Run(pack: pack, source: source, facts: facts, options: options)
        run.phrases()
        run.leaks()
        return run.result()
    }

    /// The same check, timing each stage: regions (code, URLs, quotes),
    /// tokens, automaton (matching every phrase), context and facts (per
    /// sentence with a match), leaks, result. For benchmarks.
    public func profile(_ source: SourceText, facts: Facts?, options: CheckOptions = CheckOptions()) -> (CheckResult, [(stage: String, time: Duration)]) {
        var run = Run(pack: pack, source: source, facts: facts, options: options)
        run.stopwatch = Stopwatch()
        run.phrases()
        run.leaks()
        let result = run.result()
        run.stopwatch!.lap("result")
        return (result, run.stopwatch!.laps)
    }
}

private struct Run {
    let pack: RulePack
    let source: SourceText
    let facts: Facts?
    let options: CheckOptions
    let enabled: [Bool]
    var findings: [Finding] = []
    var silenced: [Silenced] = []
    var stopwatch: Stopwatch? = nil
    private var verdicts: [ConditionVerdict?]

    init(pack: RulePack, source: SourceText, facts: Facts?, options: CheckOptions) {
        self.pack = pack
        self.source = source
        self.facts = facts
        self.options = options
        self.enabled = pack.rules.map(options.enables)
        self.verdicts = Array(repeating: nil, count: pack.rules.count)
    }

    // MARK: Phrase rules (claim, promise, request)

    mutating func phrases() {
        let regions = Regions(source.bytes)
        stopwatch?.lap("regions")
        let stream = Tokenizer(vocabulary: pack.vocabulary).tokenize(source, regions: regions)
        stopwatch?.lap("tokens")
        let scratch = pack.automaton.makeScratch()
        var matches: [Automaton.Match] = []
        for k in 0..<stream.sentenceCount {
            matches.removeAll(keepingCapacity: true)
            pack.automaton.scan(stream.tokens, stream.sentenceRange(k), scratch: scratch, into: &matches)
            if matches.isEmpty { continue }
            stopwatch?.lap("automaton")
            sentence(matches, stream: stream, questionMark: stream.questionMark[k])
            stopwatch?.lap("context and facts")
        }
        stopwatch?.lap("automaton")
    }

    private mutating func sentence(_ matches: [Automaton.Match], stream: TokenStream, questionMark: Int) {
        let owners = pack.owners
        let enabled = self.enabled
        guard matches.contains(where: { if case .target(let rule) = owners[Int($0.pattern)] { return enabled[rule] } else { return false } }) else { return }
        var targets: [(rule: Int, start: Int, end: Int)] = []
        var exceptions: [(rule: Int, start: Int, end: Int)] = []
        var modifierMatches: [(modifier: Int, start: Int, end: Int)] = []
        for m in matches {
            switch owners[Int(m.pattern)] {
            case .target(let rule) where enabled[rule]: targets.append((rule, Int(m.start), Int(m.end)))
            case .exception(let rule) where enabled[rule]: exceptions.append((rule, Int(m.start), Int(m.end)))
            case .modifier(let modifier): modifierMatches.append((modifier, Int(m.start), Int(m.end)))
            default: break
            }
        }
        var resolver = ContextResolver(modifiers: pack.modifiers, matches: modifierMatches)
        resolver.claims = targets.map { ($0.start, $0.end) }
        // By rule, then start: each rule's overlapping spans merge.
        targets.sort { $0.rule != $1.rule ? $0.rule < $1.rule : $0.start < $1.start }
        var next = 0
        while next < targets.count {
            let ruleIndex = targets[next].rule
            var last = next
            while last < targets.count, targets[last].rule == ruleIndex { last += 1 }
            let spans = targets[next..<last].map { (start: $0.start, end: $0.end) }
            next = last
            let rule = pack.rules[ruleIndex]
            for span in Self.merged(spans) {
                if exceptions.contains(where: { $0.rule == ruleIndex && $0.start <= span.start && span.end <= $0.end }) { continue }
                let applied = resolver.resolve(start: span.start, end: span.end, tokens: stream.tokens, questionMark: questionMark)
                let range = Int(stream.tokens[span.start].start)..<Int(stream.tokens[span.end - 1].end)
                judge(ruleIndex, rule, range: range, applied: applied, resolver: resolver, stream: stream)
            }
        }
    }

    /// Overlapping matches of one rule merged into one span ("Everything is
    /// back" and "back to normal" become "Everything is back to normal").
    private static func merged(_ spans: [(start: Int, end: Int)]) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            if let last = out.last, span.start < last.end {
                out[out.count - 1].end = max(last.end, span.end)
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// Which context silences a target of this kind, in the order the
    /// explanation prefers.
    private static func silencers(_ kind: RuleKind) -> [ContextCategory] {
        switch kind {
        case .claim: return [.reported, .hedged, .hypothetical, .negated]
        case .promise: return [.reported, .hedged, .negated]
        case .request: return [.reported, .negated]
        case .leak: return []
        }
    }

    /// The facts do not change during a check: each rule's condition is
    /// evaluated once.
    private mutating func allowedVerdict(_ ruleIndex: Int) -> ConditionVerdict {
        if let known = verdicts[ruleIndex] { return known }
        let verdict = pack.rules[ruleIndex].allowedWhen!.evaluate(facts)
        verdicts[ruleIndex] = verdict
        return verdict
    }

    private mutating func judge(_ ruleIndex: Int, _ rule: Rule, range: Range<Int>, applied: ContextResolver.Applied, resolver: ContextResolver, stream: TokenStream) {
        func silence(_ reason: @autoclosure () -> String) {
            guard options.explain else { return }
            silenced.append(Silenced(rule: rule.id, match: source.text(range), line: source.line(of: range.lowerBound),
                                     column: source.column(of: range.lowerBound), range: range, reason: reason()))
        }
        func triggerText(_ category: ContextCategory) -> String {
            guard let trigger = applied.trigger(category, modifiers: resolver.modifiers) else { return "" }
            let start = Int(stream.tokens[trigger.start].start), end = Int(stream.tokens[trigger.end - 1].end)
            return "'\(source.text(start..<end))' (\(resolver.modifiers[trigger.modifier].id))"
        }
        if applied.quoted { return silence("quoted text") }
        if applied.question && rule.kind != .request { return silence("the sentence is a question") }
        for category in Self.silencers(rule.kind) where applied.contains(category) {
            if category == .negated, let denial = rule.denial {
                let contradiction = Condition.not(denial.flaggedWhen).evaluate(facts)
                if !contradiction.allowed {
                    flag(rule, range: range, template: denial.message, verdict: contradiction)
                    return
                }
            }
            return silence("inside the scope of \(triggerText(category)), \(category.rawValue)")
        }
        if rule.kind == .request && !applied.contains(.request) {
            return silence("nothing asks the reader for it")
        }
        guard rule.allowedWhen != nil else {
            return flag(rule, range: range, template: rule.message, verdict: nil)
        }
        let verdict = allowedVerdict(ruleIndex)
        if verdict.allowed { return silence("allowed: \(rule.allowedWhenText ?? "")") }
        flag(rule, range: range, template: rule.message, verdict: verdict)
    }

    private mutating func flag(_ rule: Rule, range: Range<Int>, template: String, verdict: ConditionVerdict?) {
        let match = source.text(range)
        var values = ["match": Self.oneLine(source.bytes[range], match)]
        values["reason"] = verdict?.reason ?? ""
        values["fact"] = verdict?.fact ?? ""
        let message = MessageTemplate.render(template, values: values, facts: facts, unset: "(not set)")!
        let facts = self.facts
        let suggestion = rule.suggestions.lazy.compactMap { MessageTemplate.render($0, values: values, facts: facts) }.first
        findings.append(Finding(
            rule: rule.id, category: rule.category, severity: rule.severity, message: message, match: match,
            line: source.line(of: range.lowerBound), column: source.column(of: range.lowerBound), range: range,
            fact: verdict?.fact, suggestion: suggestion))
    }

    /// The match with each run of white space (line breaks included) as
    /// one space, for messages.
    private static func oneLine(_ bytes: ArraySlice<UInt8>, _ text: String) -> String {
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var previous: UInt8 = 0x20
        var plain = true
        for b in bytes {
            if space(b) && (b != 0x20 || space(previous)) { plain = false; break }
            previous = b
        }
        if plain && !(bytes.last.map(space) ?? false) { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Leak rules

    mutating func leaks() {
        let leakRules = pack.rules.indices.compactMap { index -> LeakScanner.Entry? in
            guard enabled[index], let regex = pack.rules[index].compiledRegex else { return nil }
            return LeakScanner.Entry(index: index, rule: pack.rules[index], regex: regex, slots: pack.needleSlots[index])
        }
        for hit in LeakScanner.scan(source.bytes, rules: leakRules, needles: pack.needles) {
            flag(pack.rules[hit.rule], range: hit.range, template: pack.rules[hit.rule].message, verdict: nil)
        }
        stopwatch?.lap("leaks")
    }

    // MARK: Result

    /// Findings sorted by position; of two overlapping findings in the same
    /// category, the longer one stays.
    func result() -> CheckResult {
        let sorted = findings.sorted {
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
        }
        var kept: [Finding] = []
        var reach: [String: Int] = [:]   // per category, the end of the last kept finding
        for finding in sorted {
            if let end = reach[finding.category], finding.range.lowerBound < end { continue }
            kept.append(finding)
            reach[finding.category] = finding.range.upperBound
        }
        return CheckResult(source: source, findings: kept, silenced: silenced.sorted { $0.range.lowerBound < $1.range.lowerBound })
    }
}
