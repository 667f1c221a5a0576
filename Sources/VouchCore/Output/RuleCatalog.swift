/// Human descriptions of a rule pack: the `vouch rules` listing and the
/// `vouch rules explain ID` page.
public enum RuleCatalog {
    public static func list(_ pack: RulePack) -> String {
        let width = max(pack.rules.map(\.id.count).max() ?? 0, pack.modifiers.map(\.id.count).max() ?? 0)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var out = "RULES (\(pack.rules.count))\n"
        for rule in pack.rules.sorted(by: { $0.id < $1.id }) {
            let audiences = Audience.allCases.filter(rule.audiences.contains).map(\.rawValue).joined(separator: ",")
            out += "  \(pad(rule.id))  \(rule.kind.rawValue.padding(7))  \(rule.severity.rawValue.padding(7))  \(audiences.padding(24))  \(rule.summary)\n"
        }
        out += "\nCONTEXT MODIFIERS (\(pack.modifiers.count))\n"
        for modifier in pack.modifiers.sorted(by: { $0.id < $1.id }) {
            out += "  \(pad(modifier.id))  \(modifier.category.rawValue.padding(12))  \(modifier.summary)\n"
        }
        return out
    }

    public static func explain(_ id: String, in pack: RulePack) -> String? {
        if let rule = pack.rule(id) { return explain(rule) }
        if let modifier = pack.modifiers.first(where: { $0.id == id }) { return explain(modifier) }
        return nil
    }

    static func explain(_ rule: Rule) -> String {
        var out = "\(rule.id)  (\(rule.kind.rawValue), \(rule.severity.rawValue))  \(rule.file):\(rule.line)\n"
        if !rule.summary.isEmpty { out += "\n\(rule.summary)\n" }
        out += "\nAudiences: \(Audience.allCases.filter(rule.audiences.contains).map(\.rawValue).joined(separator: ", "))\n"
        if rule.kind == .leak {
            out += "\nCatches (regular expression): \(rule.regex ?? "")\n"
            if !rule.except.isEmpty { out += "Except: \(rule.except.joined(separator: ", "))\n" }
        } else {
            out += "\nCatches:\n" + rule.phrases.map { "  \($0)\n" }.joined()
            if !rule.exceptions.isEmpty { out += "Except inside:\n" + rule.exceptions.map { "  \($0)\n" }.joined() }
        }
        out += "\nAllowed when: \(rule.allowedWhenText ?? "never (does not depend on facts)")\n"
        if let denial = rule.denial { out += "A denial is flagged when: \(denial.flaggedWhenText)\n" }
        out += "\nMessage: \(rule.message)\n"
        if !rule.suggestions.isEmpty { out += "Suggestion: \(rule.suggestions.joined(separator: " | "))\n" }
        if !rule.flagExamples.isEmpty {
            out += "\nFlags:\n" + rule.flagExamples.map { "  \(marked($0.text, $0.marks))\(factsNote($0))\n" }.joined()
        }
        if !rule.passExamples.isEmpty {
            out += "\nPasses:\n" + rule.passExamples.map { "  \($0.text)\(factsNote($0))\n" }.joined()
        }
        return out
    }

    static func explain(_ modifier: Modifier) -> String {
        var out = "\(modifier.id)  (context: \(modifier.category.rawValue))  \(modifier.file):\(modifier.line)\n"
        if !modifier.summary.isEmpty { out += "\n\(modifier.summary)\n" }
        if modifier.category != .pseudo && modifier.category != .terminator {
            out += "\nDirection: \(modifier.direction.rawValue); scope: " + (modifier.maxTokens.map { "up to \($0) tokens" } ?? "to the end of the clause") + "\n"
        }
        out += "\nTriggers:\n" + modifier.phrases.map { "  \($0)\n" }.joined()
        if !modifier.silentExamples.isEmpty { out += "\nSilences:\n" + modifier.silentExamples.map { "  \($0.text)\n" }.joined() }
        if !modifier.flagExamples.isEmpty { out += "\nStill flags:\n" + modifier.flagExamples.map { "  \(marked($0.text, $0.marks))\n" }.joined() }
        return out
    }

    private static func factsNote(_ example: RuleExample) -> String {
        var notes: [String] = []
        if let name = example.factsName { notes.append("facts: \(name)") } else if example.facts != nil { notes.append("facts: inline") }
        if example.audience != .customer { notes.append("audience: \(example.audience.rawValue)") }
        return notes.isEmpty ? "" : "   (\(notes.joined(separator: ", ")))"
    }

    /// The text with its marks shown as [[...]].
    static func marked(_ text: String, _ marks: [Range<Int>]) -> String {
        var bytes = Array(text.utf8)
        for mark in marks.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            bytes.insert(contentsOf: Array("]]".utf8), at: mark.upperBound)
            bytes.insert(contentsOf: Array("[[".utf8), at: mark.lowerBound)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
