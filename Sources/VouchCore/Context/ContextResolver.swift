/// Decides which context applies to a target match inside one sentence, the
/// ConText way: each modifier's scope runs from its trigger toward the
/// target (forward, backward or both), is cut by terminators, and may be
/// capped at a number of tokens; a pseudo-trigger switches off any trigger
/// it overlaps; a trigger inside the target itself does not count ("no data
/// was lost" is not negated by its own "no").
struct ContextResolver {
    struct Trigger {
        let modifier: Int
        let start: Int
        let end: Int
    }

    /// What applies to one target.
    struct Applied {
        var categories: Set<ContextCategory> = []
        /// The first trigger of each category, for explanations.
        var triggers: [ContextCategory: Trigger] = [:]
        var question = false
        var quoted = false
    }

    let modifiers: [Modifier]
    private(set) var triggers: [Trigger] = []
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
                if pseudo.contains(where: { $0.start < m.end && m.start < $0.end }) { continue }
                triggers.append(Trigger(modifier: m.modifier, start: m.start, end: m.end))
            }
        }
        terminators.sort()
    }

    private func terminated(between from: Int, and to: Int) -> Bool {
        terminators.contains { $0 >= from && $0 < to }
    }

    func resolve(start: Int, end: Int, tokens: [Token], question: Bool) -> Applied {
        var applied = Applied()
        applied.question = question
        applied.quoted = tokens[start..<end].contains { $0.quoted }
        for trigger in triggers {
            if trigger.start < end && start < trigger.end { continue }
            let modifier = modifiers[trigger.modifier]
            let reaches: Bool
            if trigger.end <= start {
                let distance = start - trigger.end
                reaches = modifier.direction != .backward
                    && !terminated(between: trigger.end, and: start)
                    && distance < (modifier.maxTokens ?? Int.max)
            } else {
                let distance = trigger.start - end
                reaches = modifier.direction != .forward
                    && !terminated(between: end, and: trigger.start)
                    && distance < (modifier.maxTokens ?? Int.max)
            }
            guard reaches else { continue }
            if applied.categories.insert(modifier.category).inserted {
                applied.triggers[modifier.category] = trigger
            }
        }
        return applied
    }
}
