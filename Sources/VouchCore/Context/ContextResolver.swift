/// Decides which context applies to a target match inside one sentence, the
/// ConText way: each modifier's scope runs from its trigger toward the
/// target (forward, backward or both), is cut by terminators, and may be
/// capped at a number of tokens; a pseudo-trigger switches off any trigger
/// it contains; a trigger inside the target itself does not count ("no data
/// was lost" is not negated by its own "no").
struct ContextResolver {
    struct Trigger {
        let modifier: Int
        let start: Int
        let end: Int
    }

    /// What applies to one target: categories as bits (no allocation per
    /// target), and the first trigger of each, for explanations.
    struct Applied {
        private var mask: UInt16 = 0
        private var firstTriggers: [Trigger] = []
        var question = false
        var quoted = false

        @inline(__always)
        private static func bit(_ category: ContextCategory) -> UInt16 {
            switch category {
            case .negated: 1
            case .hedged: 2
            case .hypothetical: 4
            case .reported: 8
            case .request: 16
            case .pseudo: 32
            case .terminator: 64
            case .other: 128
            case .past: 256
            }
        }

        func contains(_ category: ContextCategory) -> Bool { mask & Self.bit(category) != 0 }

        var categories: Set<ContextCategory> { Set(ContextCategory.allCases.filter(contains)) }

        /// Adds `category`, remembering `trigger` when it is the first.
        mutating func insert(_ category: ContextCategory, _ trigger: Trigger) {
            guard !contains(category) else { return }
            mask |= Self.bit(category)
            firstTriggers.append(trigger)
        }

        /// The first trigger of `category` among those that apply.
        func trigger(_ category: ContextCategory, modifiers: [Modifier]) -> Trigger? {
            firstTriggers.first { modifiers[$0.modifier].category == category }
        }
    }

    let modifiers: [Modifier]
    private(set) var triggers: [Trigger] = []
    /// Every rule match in the sentence. A negation inside one of them
    /// belongs to it: the "nothing" of "nothing was lost" negates nothing
    /// outside those words (while "not" in "not a bug" still negates "bug").
    var claims: [(start: Int, end: Int)] = []
    private var terminators: [Int] = []

    init(modifiers: [Modifier], matches: [(modifier: Int, start: Int, end: Int)]) {
        self.modifiers = modifiers
        let pseudo = matches.filter { modifiers[$0.modifier].category == .pseudo }
        for m in matches {
            switch modifiers[m.modifier].category {
            case .pseudo:
                continue
            case .terminator:
                terminators.append(m.start)
            default:
                // "not only" switches off the "not" it contains; "I'd love
                // to tell you" is not switched off by the "tell you" inside it.
                if pseudo.contains(where: { $0.start <= m.start && m.end <= $0.end }) { continue }
                triggers.append(Trigger(modifier: m.modifier, start: m.start, end: m.end))
            }
        }
        terminators.sort()
        // "We will never ask you to send your password": a request that is
        // itself negated asks for nothing.
        let negations = triggers.filter { modifiers[$0.modifier].category == .negated }
        let negatedRequests = triggers.indices.filter { i in
            modifiers[triggers[i].modifier].category == .request
                && negations.contains { reaches($0, start: triggers[i].start, end: triggers[i].end) }
        }
        for i in negatedRequests.reversed() { triggers.remove(at: i) }
    }

    /// Whether a negation trigger belongs to a longer claim that does not
    /// hold the target start..<end.
    private func consumed(_ trigger: Trigger, start: Int, end: Int) -> Bool {
        guard modifiers[trigger.modifier].category == .negated else { return false }
        return claims.contains { claim in
            claim.start <= trigger.start && trigger.end <= claim.end
                && claim.end - claim.start > trigger.end - trigger.start
                && !(claim.start < end && start < claim.end)
        }
    }

    /// Whether a trigger's scope covers the tokens start..<end.
    private func reaches(_ trigger: Trigger, start: Int, end: Int) -> Bool {
        if trigger.start < end && start < trigger.end { return false }
        // Fields read in place: copying a Modifier would retain all its arrays.
        let direction = modifiers[trigger.modifier].direction
        let maxTokens = modifiers[trigger.modifier].maxTokens ?? Int.max
        if trigger.end <= start {
            return direction != .backward
                && !terminated(between: trigger.end, and: start)
                && start - trigger.end < maxTokens
        }
        return direction != .forward
            && !terminated(between: end, and: trigger.start)
            && trigger.start - end < maxTokens
    }

    /// Whether a terminator lies in from..<to (terminators are sorted).
    private func terminated(between from: Int, and to: Int) -> Bool {
        var low = 0, high = terminators.count
        while low < high {
            let mid = (low + high) / 2
            if terminators[mid] < from { low = mid + 1 } else { high = mid }
        }
        return low < terminators.count && terminators[low] < to
    }

    /// The context of tokens start..<end. `questionMark` is the token index of
    /// the sentence's final "?" (-1: not a question); a question covers only
    /// its own clause, so "This is a stale session problem - could you log
    /// out?" still claims the kind.
    func resolve(start: Int, end: Int, tokens: [Token], questionMark: Int) -> Applied {
        var applied = Applied()
        applied.question = questionMark >= end && !terminated(between: end, and: questionMark)
        applied.quoted = tokens[start..<end].contains { $0.quoted }
        for trigger in triggers where reaches(trigger, start: start, end: end) && !consumed(trigger, start: start, end: end) {
            let category = modifiers[trigger.modifier].category
            applied.insert(category, trigger)
        }
        return applied
    }
}
