import Foundation
import Yams

/// Reads one rule file (`Rules/*.yaml`): its `define:` patterns, named
/// `example_facts:`, `rules:` and context `modifiers:`. Anything unknown,
/// missing or malformed is an error naming the file, line and column;
/// a rule never loads as a silent no-op.
struct RuleLoader {
    let file: String
    private let yaml: YAMLReader
    /// The pack's lexicon (every file's `lexicon:`), for inflecting pattern words.
    private let lexicon: Lexicon

    init(file: String, lexicon: Lexicon = Lexicon()) {
        self.file = file
        self.yaml = YAMLReader(file: file)
        self.lexicon = lexicon
    }

    /// The parsed root of a rule file.
    func root(_ text: String) throws -> Node { try yaml.root(text) }

    /// Adds the file's `lexicon:` (if any) to `lexicon`.
    func readLexicon(_ root: Node, into lexicon: inout Lexicon) throws {
        guard let node = root.mapping?.first(where: { $0.key.string == "lexicon" })?.value else { return }
        var past: [String: [String]] = [:], present: [String: [String]] = [:]
        var variants: [[String]] = [], notPast: [String] = []
        func words(_ node: Node, _ what: String) throws -> [String] {
            let list = try yaml.strings(node, what)
            for word in list where word.isEmpty || !word.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                throw yaml.error(node, "\(what): '\(word)' is not a lowercase word (a to z)")
            }
            return list
        }
        for (key, _, value) in try yaml.mapping(node, "lexicon", allowed: ["past", "present", "variants", "not_past"]) {
            switch key {
            case "past", "present":
                for (base, _, forms) in try yaml.mapping(value, "lexicon.\(key)", allowed: (value.mapping ?? [:]).compactMap { $0.key.string }) {
                    let list = try words(forms, "lexicon.\(key).\(base)")
                    if key == "past" { past[base] = list } else { present[base] = list }
                }
            case "variants":
                guard let groups = value.sequence else { throw yaml.error(value, "lexicon.variants: expected a list of lists of spellings") }
                for group in groups {
                    let spellings = try words(group, "lexicon.variants")
                    if spellings.count < 2 { throw yaml.error(group, "lexicon.variants: a group needs at least two spellings") }
                    variants.append(spellings)
                }
            default:
                notPast = try words(value, "lexicon.not_past")
            }
        }
        do {
            try lexicon.merge(past: past, present: present, variants: variants, notPast: notPast)
        } catch let error as VouchError {
            throw yaml.error(node, error.reason)
        }
    }

    struct Loaded {
        var definitions: [String: String] = [:]
        var rules: [Rule] = []
        var modifiers: [Modifier] = []
    }

    func load(_ text: String) throws -> Loaded {
        try load(root: try yaml.root(text))
    }

    func load(root: Node) throws -> Loaded {
        var loaded = Loaded()
        var factSets: [String: Facts] = [:]
        let entries = try yaml.mapping(root, "rule file", allowed: ["define", "example_facts", "rules", "modifiers", "lexicon"])
        if let define = entries.first(where: { $0.key == "define" }) {
            for (name, _, value) in try yaml.mapping(define.value, "define", allowed: (try? definedNames(define.value)) ?? []) {
                loaded.definitions[name] = try yaml.string(value, "define.\(name)")
            }
        }
        if let sets = entries.first(where: { $0.key == "example_facts" }) {
            for (name, _, value) in try yaml.mapping(sets.value, "example_facts", allowed: (try? definedNames(sets.value)) ?? []) {
                factSets[name] = try facts(value, "example_facts.\(name)")
            }
        }
        let context = Context(definitions: loaded.definitions, factSets: factSets)
        if let rules = entries.first(where: { $0.key == "rules" }) {
            guard let list = rules.value.sequence else { throw yaml.error(rules.value, "rules: expected a list of rules") }
            loaded.rules = try list.map { try rule($0, context) }
        }
        if let modifiers = entries.first(where: { $0.key == "modifiers" }) {
            guard let list = modifiers.value.sequence else { throw yaml.error(modifiers.value, "modifiers: expected a list of modifiers") }
            loaded.modifiers = try list.map { try modifier($0, context) }
        }
        if loaded.rules.isEmpty && loaded.modifiers.isEmpty && !entries.contains(where: { $0.key == "lexicon" }) {
            throw yaml.error(root, "the file has no rules, no modifiers and no lexicon")
        }
        return loaded
    }

    private struct Context {
        let definitions: [String: String]
        let factSets: [String: Facts]
    }

    private func definedNames(_ node: Node) throws -> [String] {
        (node.mapping ?? [:]).compactMap { $0.key.string }
    }

    // MARK: Rules

    /// Every key a rule may have, in the order the docs give them; the
    /// phrase keys belong to claim, promise and request rules, the leak keys
    /// to leak rules.
    private static let ruleKeys = [
        "id", "kind", "severity", "audiences", "summary", "phrases", "exceptions", "allowed_when",
        "denial", "message", "suggestion", "regex", "needs", "min_length", "except", "examples",
        "scope", "validate", "not_in", "allow_list", "precedence", "asserts",
    ]
    private static let phraseKeys = ["phrases", "exceptions"]
    private static let leakKeys = ["regex", "needs", "min_length", "except", "scope", "validate", "not_in", "allow_list", "precedence"]

    private func rule(_ node: Node, _ context: Context) throws -> Rule {
        let fields = try yaml.mapping(node, "rule", allowed: Self.ruleKeys)
        func field(_ key: String) -> Node? { fields.first { $0.key == key }?.value }
        guard let idNode = field("id") else { throw yaml.error(node, "rule: missing required key 'id'") }
        let id = try yaml.string(idNode, "id")
        guard Self.isRuleID(id) else {
            throw yaml.error(idNode, "id '\(id)': expected dotted lowercase segments such as claim.resolved.all-clear")
        }
        let what = "rule \(id)"
        func required(_ key: String) throws -> Node {
            guard let value = field(key) else { throw yaml.error(node, "\(what): missing required key '\(key)'") }
            return value
        }
        let kind = try yaml.choice(try required("kind"), "\(what): kind", as: RuleKind.self)
        let severity = try field("severity").map { try yaml.choice($0, "\(what): severity", as: Severity.self) } ?? .error
        var audiences = Set(Audience.allCases)
        if let node = field("audiences") {
            audiences = []
            for item in node.sequence ?? [node] {
                audiences.insert(try yaml.choice(item, "\(what): audiences", as: Audience.self))
            }
        }
        // A key of the other matcher is a mistake worth naming.
        let foreign = kind.matchesPhrases ? Self.leakKeys : Self.phraseKeys
        if let key = foreign.first(where: { field($0) != nil }) {
            throw yaml.error(field(key)!, kind.matchesPhrases
                ? "\(what): '\(key)' is only for leak rules"
                : "\(what): a leak rule uses 'regex', not '\(key)'")
        }
        let matcher: Rule.Matcher = kind.matchesPhrases
            ? .phrases(try phraseMatcher(field, node, kind, context, what))
            : .leak(try leakMatcher(field, try required("regex"), what))
        var allowedWhen: Condition? = nil
        var allowedWhenText: String? = nil
        if let node = field("allowed_when") {
            allowedWhenText = try yaml.string(node, "\(what): allowed_when")
            allowedWhen = try condition(node, "\(what): allowed_when")
        }
        var denial: Denial? = nil
        if let node = field("denial") {
            guard kind == .claim else { throw yaml.error(node, "\(what): only claim rules have a denial") }
            denial = try self.denial(node, what)
        }
        var asserts = Assertion.none
        if let node = field("asserts") {
            guard kind == .claim else { throw yaml.error(node, "\(what): only claim rules assert a phase or kind") }
            asserts = try assertion(node, what)
        }
        let messageNode = try required("message")
        let message = try yaml.string(messageNode, "\(what): message")
        try MessageTemplate.validate(message) { yaml.error(messageNode, "\(what): message: \($0)") }
        var suggestions: [String] = []
        if let node = field("suggestion") {
            suggestions = try yaml.strings(node, "\(what): suggestion")
            for suggestion in suggestions {
                try MessageTemplate.validate(suggestion) { yaml.error(node, "\(what): suggestion: \($0)") }
            }
        }
        var flag: [RuleExample] = []
        var pass: [RuleExample] = []
        if let examples = field("examples") {
            for (key, _, list) in try yaml.mapping(examples, "\(what): examples", allowed: ["flag", "pass"]) {
                guard let items = list.sequence else { throw yaml.error(list, "\(what): examples.\(key): expected a list") }
                for item in items {
                    let example = try self.example(item, context, "\(what): examples.\(key)", marked: key == "flag")
                    if key == "flag" { flag.append(example) } else { pass.append(example) }
                }
            }
        }
        return Rule(
            id: id, kind: kind, severity: severity, audiences: audiences,
            summary: try field("summary").map { try yaml.string($0, "\(what): summary") } ?? "",
            matcher: matcher, allowedWhen: allowedWhen, allowedWhenText: allowedWhenText, denial: denial, asserts: asserts,
            message: message, suggestions: suggestions, flagExamples: flag, passExamples: pass, file: file, line: node.mark?.line ?? 0)
    }

    /// `phrases` (at least one) and `exceptions`; each pattern is parsed
    /// here (the automaton is built with the whole pack) so a broken one
    /// names its own line.
    private func phraseMatcher(_ field: (String) -> Node?, _ node: Node, _ kind: RuleKind, _ context: Context, _ what: String) throws -> PhraseMatcher {
        let phrases = try field("phrases").map { try yaml.strings($0, "\(what): phrases") } ?? []
        if phrases.isEmpty { throw yaml.error(field("phrases") ?? node, "\(what): a \(kind.rawValue) rule needs at least one phrase") }
        func patterns(_ key: String) throws -> [PatternNode] {
            guard let node = field(key) else { return [] }
            return try (node.sequence ?? [node]).map { try checkPattern($0, context, what) }
        }
        return PhraseMatcher(phrases: phrases, exceptions: try field("exceptions").map { try yaml.strings($0, "\(what): exceptions") } ?? [],
                             compiledPhrases: try patterns("phrases"), compiledExceptions: try patterns("exceptions"))
    }

    /// `regex` and the leak keys.
    private func leakMatcher(_ field: (String) -> Node?, _ node: Node, _ what: String) throws -> LeakMatcher {
        let pattern = try yaml.string(node, "\(what): regex")
        let compiled: LeakRegex
        do {
            compiled = try LeakRegex(pattern)
        } catch {
            throw yaml.error(node, "\(what): regex does not compile (\(error)): \(pattern)")
        }
        if [UInt8]().withUnsafeBufferPointer({ !compiled.matches($0).isEmpty }) {
            throw yaml.error(node, "\(what): regex matches empty text")
        }
        return LeakMatcher(
            regex: pattern, compiled: compiled, needs: try needs(field("needs"), what),
            minLength: try field("min_length").map { try yaml.integer($0, "\(what): min_length", range: 1...1000) } ?? 1,
            except: try field("except").map { try yaml.strings($0, "\(what): except") } ?? [],
            policy: try leakPolicy(field, what))
    }

    /// `asserts: {status: [...], kind: [...]}`, each value one the facts
    /// schema allows.
    private func assertion(_ node: Node, _ what: String) throws -> Assertion {
        var statuses: Set<IncidentStatus> = [], kinds: Set<String> = []
        for (key, _, value) in try yaml.mapping(node, "\(what): asserts", allowed: ["status", "kind"]) {
            for item in value.sequence ?? [value] {
                if key == "status" {
                    statuses.insert(try yaml.choice(item, "\(what): asserts.status", as: IncidentStatus.self))
                } else {
                    let kind = try yaml.string(item, "\(what): asserts.kind")
                    guard FactsSchema.kinds.contains(kind) else {
                        throw yaml.error(item, "\(what): asserts.kind: unknown value '\(kind)' (allowed: \(FactsSchema.kinds.joined(separator: ", ")))")
                    }
                    kinds.insert(kind)
                }
            }
        }
        return Assertion(statuses: statuses, kinds: kinds)
    }

    /// `denial: {flagged_when, message}`.
    private func denial(_ node: Node, _ what: String) throws -> Denial {
        let parts = try yaml.mapping(node, "\(what): denial", allowed: ["flagged_when", "message"])
        guard let when = parts.first(where: { $0.key == "flagged_when" })?.value,
              let message = parts.first(where: { $0.key == "message" })?.value
        else { throw yaml.error(node, "\(what): denial needs 'flagged_when' and 'message'") }
        let text = try yaml.string(message, "\(what): denial.message")
        try MessageTemplate.validate(text) { yaml.error(message, "\(what): denial.message: \($0)") }
        return Denial(flaggedWhen: try condition(when, "\(what): denial.flagged_when"),
                      flaggedWhenText: try yaml.string(when, "\(what): denial.flagged_when"), message: text)
    }

    /// `scope`, `validate`, `not_in`, `allow_list` and `precedence` of a leak rule.
    private func leakPolicy(_ field: (String) -> Node?, _ what: String) throws -> LeakPolicy {
        let scope = try field("scope").map { try yaml.choice($0, "\(what): scope", as: LeakPolicy.Scope.self) } ?? .word
        var validators: [LeakValidator] = []
        if let node = field("validate") {
            for (key, keyNode, value) in try yaml.mapping(node, "\(what): validate", allowed: LeakValidator.names) {
                switch key {
                case "luhn":
                    guard value.scalar?.string == "true" else { throw yaml.error(value, "\(what): validate.luhn: expected true") }
                    validators.append(.luhn)
                case "entropy":
                    let parts = try yaml.mapping(value, "\(what): validate.entropy", allowed: ["hex", "base64"])
                    func bits(_ name: String) throws -> Double {
                        guard let node = parts.first(where: { $0.key == name })?.value else {
                            throw yaml.error(value, "\(what): validate.entropy: missing '\(name)' (bits per character, 0 to 8)")
                        }
                        guard let number = node.scalar.flatMap({ Double($0.string) }), (0...8).contains(number) else {
                            throw yaml.error(node, "\(what): validate.entropy.\(name): expected bits per character, 0 to 8")
                        }
                        return number
                    }
                    validators.append(.entropy(hex: try bits("hex"), base64: try bits("base64")))
                default:
                    let parts = try yaml.mapping(value, "\(what): validate.\(key)", allowed: ["words", "within"])
                    guard let wordsNode = parts.first(where: { $0.key == "words" })?.value else {
                        throw yaml.error(keyNode, "\(what): validate.\(key): missing 'words'")
                    }
                    let words = try yaml.strings(wordsNode, "\(what): validate.\(key).words")
                    if words.isEmpty || words.contains(where: { $0.isEmpty || !$0.allSatisfy(\.isASCII) }) {
                        throw yaml.error(wordsNode, "\(what): validate.\(key).words: expected non-empty ASCII words")
                    }
                    let within = try parts.first(where: { $0.key == "within" }).map {
                        try yaml.integer($0.value, "\(what): validate.\(key).within", range: 1...200)
                    } ?? 40
                    validators.append(key == "preceded_by" ? .precededBy(words: words, within: within) : .notPrecededBy(words: words, within: within))
                }
            }
        }
        var exemptions: Set<LeakPolicy.Exemption> = []
        if let node = field("not_in") {
            for item in node.sequence ?? [node] {
                exemptions.insert(try yaml.choice(item, "\(what): not_in", as: LeakPolicy.Exemption.self))
            }
        }
        var allowable = true
        if let node = field("allow_list") {
            switch node.scalar?.string {
            case "true"?: allowable = true
            case "false"?: allowable = false
            default: throw yaml.error(node, "\(what): allow_list: expected true or false")
            }
        }
        let precedence = try field("precedence").map { try yaml.integer($0, "\(what): precedence", range: 0...100) } ?? 0
        return LeakPolicy(scope: scope, validators: validators, exemptions: exemptions, allowable: allowable, precedence: precedence)
    }

    /// `needs: "@"`, `needs: [a, b]` (one of them) or `needs: [[a, b], [".", "/"]]`
    /// (one of each group).
    private func needs(_ node: Node?, _ what: String) throws -> [[String]] {
        guard let node else { return [] }
        let groups = node.sequence?.contains(where: { $0.sequence != nil }) == true
            ? try node.sequence!.map { try yaml.strings($0, "\(what): needs") }
            : [try yaml.strings(node, "\(what): needs")]
        if groups.contains(where: { $0.isEmpty || $0.contains(where: \.isEmpty) }) {
            throw yaml.error(node, "\(what): needs: expected non-empty strings, one of which a chunk must contain, or a list of such lists")
        }
        return groups
    }

    /// Parses one pattern (kept for the pack's automaton), so a broken one
    /// names its own line.
    /// Dotted lowercase segments: `^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$`.
    static func isRuleID(_ id: String) -> Bool {
        let segments = id.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count >= 2, let first = segments[0].first, ("a"..."z").contains(first) else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.first != "-"
                && segment.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    private func checkPattern(_ node: Node, _ context: Context, _ what: String) throws -> PatternNode {
        let text = try yaml.string(node, "\(what): pattern")
        do {
            let parsed = try PatternParser(definitions: context.definitions, lexicon: lexicon, fold: Fold.tokens).parse(text)
            if let crossing = Fold.sentenceCrossing(parsed) {
                throw VouchError("pattern '\(text)' can never match: '\(crossing)' ends a sentence and words follow it")
            }
            return parsed
        } catch let error as VouchError {
            throw yaml.error(node, "\(what): \(error.reason)")
        }
    }

    private func condition(_ node: Node, _ what: String) throws -> Condition {
        let text = try yaml.string(node, what)
        do {
            return try Condition.parse(text)
        } catch let error as VouchError {
            throw yaml.error(node, "\(what): \(error.reason)")
        }
    }

    /// Example facts, read where they are written: errors point at their
    /// line in the rule file.
    private func facts(_ node: Node, _ what: String) throws -> Facts {
        do {
            return try FactsLoader.facts(from: node, source: yaml.file)
        } catch let error as VouchError {
            throw error.location?.line == nil ? yaml.error(node, "\(what): \(error.reason)") : error.within("\(what): ")
        }
    }

    // MARK: Examples

    private func example(_ node: Node, _ context: Context, _ what: String, marked: Bool) throws -> RuleExample {
        var textNode = node
        var facts: Facts? = nil
        var factsName: String? = nil
        var audience = Audience.customer
        var skip: Set<ExampleVerifier.Mutation> = []
        if node.mapping != nil {
            let fields = try yaml.mapping(node, what, allowed: ["text", "facts", "audience", "skip"])
            guard let text = fields.first(where: { $0.key == "text" })?.value else { throw yaml.error(node, "\(what): missing required key 'text'") }
            textNode = text
            if let factsNode = fields.first(where: { $0.key == "facts" })?.value {
                (facts, factsName) = try exampleFacts(factsNode, context, what)
            }
            if let audienceNode = fields.first(where: { $0.key == "audience" })?.value {
                audience = try yaml.choice(audienceNode, "\(what): audience", as: Audience.self)
            }
            if let skipNode = fields.first(where: { $0.key == "skip" })?.value {
                for item in skipNode.sequence ?? [skipNode] {
                    let mutation = try yaml.choice(item, "\(what): skip", as: ExampleVerifier.Mutation.self)
                    if mutation == .none { throw yaml.error(item, "\(what): skip: 'none' is the example itself, which always runs") }
                    skip.insert(mutation)
                }
            }
        }
        let raw = try yaml.string(textNode, "\(what): text")
        let (text, marks) = try Marks.strip(raw) { yaml.error(textNode, "\(what): \($0)") }
        if marked && marks.isEmpty { throw yaml.error(textNode, "\(what): a flag example marks what it flags with [[...]]") }
        if !marked && !marks.isEmpty { throw yaml.error(textNode, "\(what): a pass example has no [[...]] marks") }
        return RuleExample(text: text, marks: marks, facts: facts, factsName: factsName, audience: audience, skip: skip, file: file, line: textNode.mark?.line ?? 0)
    }

    private func exampleFacts(_ node: Node, _ context: Context, _ what: String) throws -> (Facts?, String?) {
        if case .scalar = node {
            let name = try yaml.string(node, "\(what): facts")
            if name == "none" { return (nil, "none") }
            guard let facts = context.factSets[name] else {
                throw yaml.error(node, "\(what): facts '\(name)' is not in this file's example_facts (known: \((context.factSets.keys.sorted() + ["none"]).joined(separator: ", ")))")
            }
            return (facts, name)
        }
        return (try facts(node, "\(what): facts"), nil)
    }

    // MARK: Modifiers

    private func modifier(_ node: Node, _ context: Context) throws -> Modifier {
        let fields = try yaml.mapping(node, "modifier", allowed: ["id", "category", "direction", "max_tokens", "summary", "phrases", "examples"])
        func field(_ key: String) -> Node? { fields.first { $0.key == key }?.value }
        guard let idNode = field("id") else { throw yaml.error(node, "modifier: missing required key 'id'") }
        let id = try yaml.string(idNode, "id")
        let what = "modifier \(id)"
        guard let categoryNode = field("category") else { throw yaml.error(node, "\(what): missing required key 'category'") }
        let category = try yaml.choice(categoryNode, "\(what): category", as: ContextCategory.self)
        let scoped = category != .pseudo && category != .terminator
        var direction = Direction.forward
        if let node = field("direction") {
            guard scoped else { throw yaml.error(node, "\(what): a \(category.rawValue) has no direction") }
            direction = try yaml.choice(node, "\(what): direction", as: Direction.self)
        }
        guard let phrasesNode = field("phrases") else { throw yaml.error(node, "\(what): missing required key 'phrases'") }
        let phrases = try yaml.strings(phrasesNode, "\(what): phrases")
        let compiledPhrases = try (phrasesNode.sequence ?? [phrasesNode]).map { try checkPattern($0, context, what) }
        var flag: [ModifierExample] = []
        var silent: [ModifierExample] = []
        if let examples = field("examples") {
            for (key, _, list) in try yaml.mapping(examples, "\(what): examples", allowed: ["flag", "silent"]) {
                guard let items = list.sequence else { throw yaml.error(list, "\(what): examples.\(key): expected a list") }
                for item in items {
                    let e = try example(item, context, "\(what): examples.\(key)", marked: key == "flag")
                    let converted = ModifierExample(text: e.text, marks: e.marks, facts: e.facts, file: file, line: e.line)
                    if key == "flag" { flag.append(converted) } else { silent.append(converted) }
                }
            }
        }
        return Modifier(
            id: id, category: category, direction: direction,
            maxTokens: try field("max_tokens").map { try yaml.integer($0, "\(what): max_tokens", range: 1...60) },
            summary: try field("summary").map { try yaml.string($0, "\(what): summary") } ?? "",
            phrases: phrases, compiledPhrases: compiledPhrases, flagExamples: flag, silentExamples: silent, file: file, line: node.mark?.line ?? 0)
    }
}

/// `[[marked]]` spans in example text.
enum Marks {
    /// The text without its marks, and the UTF-8 byte range of each mark.
    static func strip(_ raw: String, error: (String) -> VouchError) throws -> (String, [Range<Int>]) {
        var out: [UInt8] = []
        var marks: [Range<Int>] = []
        var open: Int? = nil
        let bytes = Array(raw.utf8)
        var i = 0
        while i < bytes.count {
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") {
                if open != nil { throw error("'[[' inside a mark") }
                open = out.count; i += 2; continue
            }
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: "]"), let start = open {
                if start == out.count { throw error("an empty [[]] mark") }
                marks.append(start..<out.count); open = nil; i += 2; continue
            }
            out.append(bytes[i]); i += 1
        }
        if open != nil { throw error("'[[' without ']]'") }
        return (String(decoding: out, as: UTF8.self), marks)
    }
}
