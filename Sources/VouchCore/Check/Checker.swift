import Foundation

/// What to check a draft for.
public struct CheckOptions: Sendable {
    public var audience: Audience
    /// Rule ids (or id prefixes such as "redact") to leave out.
    public var disabled: Set<String>
    /// Also record what rules matched but did not flag, and why
    /// (`CheckResult.silenced`); off, a check skips that bookkeeping.
    public var explain: Bool

    /// At most this many findings per draft are reported (each with its
    /// message); the rest are counted in `CheckResult.omitted`. A draft
    /// pasted from a log can hold a hundred thousand matches, and nobody
    /// reads past the first few hundred.
    public var maxFindings: Int
    /// When set, the check stops at this instant (and when its task is
    /// cancelled) and throws `CheckInterrupted`: a server bounds each
    /// request's work, not only its answer.
    public var deadline: ContinuousClock.Instant?
    /// When raised, the check stops and throws `CheckInterrupted`.
    public var cancellation: CancellationFlag?
    /// Values leak rules do not flag (the recipient's own address or id,
    /// the public support address); never applied to credentials.
    public var allow: [AllowEntry]

    public static let defaultMaxFindings = 1000

    public init(audience: Audience = .customer, disabled: Set<String> = [], explain: Bool = false,
                maxFindings: Int = CheckOptions.defaultMaxFindings, deadline: ContinuousClock.Instant? = nil,
                cancellation: CancellationFlag? = nil, allow: [AllowEntry] = []) {
        self.audience = audience
        self.disabled = disabled
        self.explain = explain
        self.maxFindings = maxFindings
        self.deadline = deadline
        self.cancellation = cancellation
        self.allow = allow
    }

    /// Whether the check must stop now, and why.
    func interruption() -> CheckInterrupted.Reason? {
        if let cancellation, cancellation.isCancelled { return .cancelled }
        if Task.isCancelled { return .cancelled }
        if let deadline, ContinuousClock.now >= deadline { return .deadline }
        return nil
    }

    /// Whether the check is bounded at all (a plain check never polls).
    var isBounded: Bool { deadline != nil || cancellation != nil }

    func enables(_ rule: Rule) -> Bool {
        rule.audiences.contains(audience) && !disabled.contains(where: rule.isSelected(by:))
    }
}

/// Checks drafts against facts with a compiled rule pack: one pass of the
/// token automaton per sentence, context resolution, then the facts.
public struct Checker: Sendable {
    public let pack: RulePack

    public init(pack: RulePack) {
        self.pack = pack
    }

    /// Checks one draft to the end (any deadline or cancellation in
    /// `options` is ignored; see `checkWithin`).
    public func check(_ source: SourceText, facts: Facts?, options: CheckOptions = CheckOptions()) -> CheckResult {
        var options = options
        options.deadline = nil
        options.cancellation = nil
        return try! checkWithin(source, facts: facts, options: options)
    }

    /// Checks one draft, stopping with `CheckInterrupted` once
    /// `options.deadline` passes, `options.cancellation` is raised or the
    /// current task is cancelled.
    public func checkWithin(_ source: SourceText, facts: Facts?, options: CheckOptions) throws(CheckInterrupted) -> CheckResult {
        var run = Run(pack: pack, source: source, facts: facts, options: options)
        try run.phrases()
        try run.leaks()
        return run.result()
    }

    /// The same check, timing each stage: regions (code, URLs, quotes),
    /// tokens, automaton (matching every phrase), context and facts (per
    /// sentence with a match), leaks, result. For benchmarks.
    public func profile(_ source: SourceText, facts: Facts?, options: CheckOptions = CheckOptions()) -> (CheckResult, [(stage: String, time: Duration)]) {
        var options = options
        options.deadline = nil
        options.cancellation = nil
        var run = Run(pack: pack, source: source, facts: facts, options: options)
        run.stopwatch = Stopwatch()
        try! run.phrases()
        try! run.leaks()
        let result = run.result()
        run.stopwatch!.lap("result")
        return (result, run.stopwatch!.laps)
    }
}

/// A check stopped before it finished: its deadline passed, or it was
/// cancelled (the client went away).
public struct CheckInterrupted: Error, Equatable, Sendable {
    public enum Reason: Sendable, Equatable { case deadline, cancelled }
    public let reason: Reason
}

/// Raised from another thread to stop a check (`CheckOptions.cancellation`).
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public func cancel() {
        lock.lock(); raised = true; lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return raised
    }
}

/// A finding before its message, suggestion and column are written: only
/// the findings that are reported get them.
private struct Pending {
    let rule: Int
    let range: Range<Int>
    let template: String
    let verdict: ConditionVerdict?
}

private struct Run {
    let pack: RulePack
    let source: SourceText
    let facts: Facts?
    let options: CheckOptions
    let enabled: [Bool]
    var findings: [Pending] = []
    var silenced: [(rule: String, range: Range<Int>, reason: String, allowed: Bool)] = []
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

    /// Throws once the deadline has passed or the task is cancelled.
    func poll() throws(CheckInterrupted) {
        guard options.isBounded else { return }
        if let reason = options.interruption() { throw CheckInterrupted(reason: reason) }
    }

    mutating func phrases() throws(CheckInterrupted) {
        let regions = Regions(source.bytes)
        stopwatch?.lap("regions")
        try poll()
        let stream = Tokenizer(vocabulary: pack.vocabulary).tokenize(source, regions: regions)
        stopwatch?.lap("tokens")
        try poll()
        let scratch = pack.automaton.makeScratch()
        var matches: [Automaton.Match] = []
        for k in 0..<stream.sentenceCount {
            if k & 63 == 63 { try poll() }
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
    /// The facts do not change during a check: each rule's condition is
    /// evaluated once.
    private mutating func allowedVerdict(_ ruleIndex: Int) -> ConditionVerdict {
        if let known = verdicts[ruleIndex] { return known }
        let verdict = pack.rules[ruleIndex].allowedWhen!.evaluate(facts)
        verdicts[ruleIndex] = verdict
        return verdict
    }

    private mutating func judge(_ ruleIndex: Int, _ rule: Rule, range: Range<Int>, applied: ContextResolver.Applied, resolver: ContextResolver, stream: TokenStream) {
        func silence(_ reason: @autoclosure () -> String, allowed: Bool = false) {
            guard options.explain else { return }
            silenced.append((rule.id, range, reason(), allowed))
        }
        func triggerText(_ category: ContextCategory) -> String {
            guard let trigger = applied.trigger(category, modifiers: resolver.modifiers) else { return "" }
            let start = Int(stream.tokens[trigger.start].start), end = Int(stream.tokens[trigger.end - 1].end)
            return "'\(source.text(start..<end))' (\(resolver.modifiers[trigger.modifier].id))"
        }
        if applied.quoted && rule.kind.silencedWhenQuoted { return silence("quoted text") }
        if applied.question && rule.kind.silencedInQuestion { return silence("the sentence is a question") }
        for category in rule.kind.silencedBy where applied.contains(category) {
            if category == .negated, let denial = rule.denial {
                let contradiction = Condition.not(denial.flaggedWhen).evaluate(facts)
                if !contradiction.allowed {
                    flag(ruleIndex, range: range, template: denial.message, verdict: contradiction)
                    return
                }
            }
            return silence("inside the scope of \(triggerText(category)), \(category.rawValue)")
        }
        if rule.kind.needsRequest && !applied.contains(.request) {
            return silence("nothing asks the reader for it")
        }
        guard rule.allowedWhen != nil else {
            return flag(ruleIndex, range: range, template: rule.message, verdict: nil)
        }
        let verdict = allowedVerdict(ruleIndex)
        if verdict.allowed { return silence("allowed: \(rule.allowedWhenText ?? "")", allowed: true) }
        flag(ruleIndex, range: range, template: rule.message, verdict: verdict)
    }

    private mutating func flag(_ rule: Int, range: Range<Int>, template: String, verdict: ConditionVerdict?) {
        findings.append(Pending(rule: rule, range: range, template: template, verdict: verdict))
    }

    /// The finding with its message and suggestion written (`column` is
    /// filled in by `result()`, for all findings at once).
    private func finding(_ pending: Pending, line: Int, column: Int) -> Finding {
        let rule = pack.rules[pending.rule]
        let range = pending.range
        let match = source.text(range)
        var values = ["match": Self.oneLine(source.bytes[range], match)]
        values["reason"] = pending.verdict?.reason ?? ""
        values["fact"] = pending.verdict?.fact ?? ""
        let message = MessageTemplate.render(pending.template, values: values, facts: facts, unset: "(not set)")!
        let facts = self.facts
        let suggestion = rule.suggestions.lazy.compactMap { MessageTemplate.render($0, values: values, facts: facts) }.first
        return Finding(
            rule: rule.id, category: rule.category, severity: rule.severity, message: message, match: match,
            line: line, column: column, range: range, fact: pending.verdict?.fact, suggestion: suggestion)
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

    mutating func leaks() throws(CheckInterrupted) {
        try poll()
        let leakRules = pack.rules.indices.compactMap { index -> LeakScanner.Entry? in
            guard enabled[index], let leak = pack.rules[index].leak else { return nil }
            return LeakScanner.Entry(index: index, leak: leak, slots: pack.needleSlots[index])
        }
        let interrupted = options.isBounded ? { [options] in options.interruption() != nil } : nil
        guard let hits = LeakScanner.scan(source.bytes, rules: leakRules, needles: pack.needles, interrupted: interrupted) else {
            throw CheckInterrupted(reason: options.interruption() ?? .deadline)
        }
        var headers: MailHeaders? = nil
        for hit in hits {
            let rule = pack.rules[hit.rule]
            let policy = rule.leak!.policy
            if !policy.validators.isEmpty, !policy.validators.allSatisfy({ $0.accepts(source.bytes, hit.range) }) { continue }
            if policy.exemptions.contains(.mailHeader) {
                if headers == nil { headers = MailHeaders(source.bytes) }
                if headers!.contains(hit.range) {
                    if options.explain { silenced.append((rule.id, hit.range, "in a quoted or forwarded mail header: the customer's own correspondence", false)) }
                    continue
                }
            }
            if policy.allowable, !options.allow.isEmpty {
                let text = source.text(hit.range)
                if let entry = options.allow.first(where: { $0.allows(text) }) {
                    if options.explain { silenced.append((rule.id, hit.range, "allowed by '\(entry.value)' (\(entry.origin))", false)) }
                    continue
                }
            }
            flag(hit.rule, range: hit.range, template: rule.message, verdict: nil)
        }
        stopwatch?.lap("leaks")
    }

    // MARK: Result

    /// `findings` without the leaks that overlap a leak of a higher
    /// precedence (a secret shaped like an id is reported once, as the
    /// secret).
    private func outranked(_ findings: [Pending]) -> [Pending] {
        let rules = pack.rules
        func precedence(_ pending: Pending) -> Int? { rules[pending.rule].leak?.policy.precedence }
        let levels = Set(findings.lazy.compactMap(precedence))
        guard levels.count > 1 else { return findings }
        // Per level, the ranges of leaks above it, sorted; a finding is
        // dropped when one of them overlaps it.
        // (starts sorted, and the furthest end among the first k).
        var above: [Int: (starts: [Int], reach: [Int])] = [:]
        for level in levels {
            let ranges = findings.filter { (precedence($0) ?? .min) > level }
                .map(\.range).sorted { $0.lowerBound < $1.lowerBound }
            var reach: [Int] = []
            for range in ranges { reach.append(max(reach.last ?? Int.min, range.upperBound)) }
            above[level] = (ranges.map(\.lowerBound), reach)
        }
        return findings.filter { pending in
            guard let level = precedence(pending), let (starts, reach) = above[level], !starts.isEmpty else { return true }
            // Of the ranges starting before this one ends, does any end after it starts?
            var low = 0, high = starts.count
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] < pending.range.upperBound { low = mid + 1 } else { high = mid }
            }
            return low == 0 || reach[low - 1] <= pending.range.lowerBound
        }
    }

    /// Findings sorted by position; of two overlapping findings in the same
    /// category, the longer one stays. At most `options.maxFindings` are
    /// written out; the others are counted.
    func result() -> CheckResult {
        let sorted = outranked(findings).sorted {
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
        }
        var kept: [Pending] = []
        var reach: [String: Int] = [:]   // per category, the end of the last kept finding
        for pending in sorted {
            let category = pack.rules[pending.rule].category
            if let end = reach[category], pending.range.lowerBound < end { continue }
            kept.append(pending)
            reach[category] = pending.range.upperBound
        }
        let limit = max(0, options.maxFindings)
        let omitted = max(0, kept.count - limit)
        if omitted > 0 { kept.removeLast(omitted) }
        let quiet = silenced.sorted { $0.range.lowerBound < $1.range.lowerBound }.prefix(limit)
        let columns = source.columns(of: kept.map(\.range.lowerBound) + quiet.map(\.range.lowerBound))
        let reported = kept.enumerated().map { k, pending in
            finding(pending, line: source.line(of: pending.range.lowerBound), column: columns[k])
        }
        let explained = quiet.enumerated().map { k, s in
            Silenced(rule: s.rule, match: source.text(s.range), line: source.line(of: s.range.lowerBound),
                     column: columns[kept.count + k], range: s.range, reason: s.reason, allowedByFacts: s.allowed)
        }
        return CheckResult(source: source, findings: reported, silenced: explained, omitted: omitted)
    }
}
