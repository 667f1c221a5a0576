import Foundation

/// A loaded, validated and compiled set of rules and context modifiers: the
/// default pack, plus any `--rules DIR` packs.
public struct RulePack: @unchecked Sendable {
    public let rules: [Rule]
    public let modifiers: [Modifier]

    enum Owner: Sendable {
        case target(Int)
        case exception(Int)
        case modifier(Int)
    }

    let vocabulary: Vocabulary
    let automaton: Automaton
    /// Word forms for pattern words and for `<past>`.
    public let lexicon: Lexicon
    let owners: [Owner]
    /// Every leak rule's groups of needs, and where each rule's groups are.
    let needles: NeedleIndex
    let needleSlots: [Range<Int>]

    /// Loads rule files given as (path, text); paths appear in errors.
    public init(files: [(path: String, text: String)]) throws {
        var rules: [Rule] = []
        var modifiers: [Modifier] = []
        var patterns: [PatternNode] = []
        var owners: [Owner] = []
        var ruleFiles: [String: String] = [:]
        // The lexicon first (any file may hold one), so every file's
        // patterns are inflected with all of it.
        let roots = try files.map { ($0.path, try RuleLoader(file: $0.path).root($0.text)) }
        var lexicon = Lexicon()
        for (path, root) in roots { try RuleLoader(file: path).readLexicon(root, into: &lexicon) }
        for (path, root) in roots {
            let loaded = try RuleLoader(file: path, lexicon: lexicon).load(root: root)
            for rule in loaded.rules {
                if let other = ruleFiles[rule.id] {
                    throw VouchError(file: path, line: rule.line, "rule id '\(rule.id)' is already defined in \(other)")
                }
                ruleFiles[rule.id] = "\(path):\(rule.line)"
                rules.append(rule)
            }
            for modifier in loaded.modifiers {
                if let other = ruleFiles[modifier.id] {
                    throw VouchError(file: path, line: modifier.line, "id '\(modifier.id)' is already defined in \(other)")
                }
                ruleFiles[modifier.id] = "\(path):\(modifier.line)"
                modifiers.append(modifier)
            }
        }
        for (index, rule) in rules.enumerated() {
            guard let matcher = rule.phrases else { continue }
            for phrase in matcher.compiledPhrases {
                patterns.append(phrase); owners.append(.target(index))
            }
            for phrase in matcher.compiledExceptions {
                patterns.append(phrase); owners.append(.exception(index))
            }
        }
        for (index, modifier) in modifiers.enumerated() {
            for phrase in modifier.compiledPhrases {
                patterns.append(phrase); owners.append(.modifier(index))
            }
        }
        var vocabulary = Vocabulary()
        // Before the automaton, whose tables are sized by the vocabulary.
        vocabulary.markPast(lexicon.irregularPast, notPast: lexicon.notPast)
        self.automaton = Automaton(patterns: patterns, vocabulary: &vocabulary)
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.rules = rules
        self.modifiers = modifiers
        self.owners = owners
        var slots: [Range<Int>] = []
        let needs = rules.map { $0.leak?.needs ?? [] }
        for groups in needs { slots.append((slots.last?.upperBound ?? 0)..<((slots.last?.upperBound ?? 0) + groups.count)) }
        self.needleSlots = slots
        self.needles = NeedleIndex(needs.flatMap { $0 })
    }

    /// The `.yaml` and `.yml` files of a directory, sorted by name.
    public static func files(inDirectory directory: String) throws -> [(path: String, text: String)] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VouchError("rules directory '\(directory)' does not exist or is not a directory")
        }
        let names = try manager.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        if names.isEmpty { throw VouchError("rules directory '\(directory)' has no .yaml files") }
        return try names.map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            return (path, try FileReader.text(path, what: "rule file"))
        }
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
