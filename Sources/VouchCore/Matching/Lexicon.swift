import Foundation

/// Lexical variants of pattern words, so a rule phrase matches the lexeme
/// rather than one spelling of it (the way clinical NLP matches a term's
/// "lexical variants"): `return to normal` also reads "returns / returned /
/// returning to normal", `outage` reads "outages".
///
/// A word written in its base form matches its inflections, made by the
/// regular suffix rules (-s/-es/-ies; -ed/-d/-ied; -ing with a dropped e;
/// a doubled final consonant, where English might double it; the
/// possessive 's) plus the irregular forms kept as data in the pack
/// (`lexicon:` in a rule file: `find: [found]`, `be: [was, were, been]`) and its
/// spelling variants (`behavior` / `behaviour`). A word already written
/// inflected ("resolved", "identifying") stays as written, so a rule says
/// which forms it means by how it writes the word; `=word` keeps any word
/// exact ("=back up" must not read "backed up").
///
/// The same table tells the tokenizer which words are past-tense verb forms
/// (`<past>` in patterns): an -ed word not in `notPast`, or an irregular
/// past form (`Vocabulary.markPast`).
public struct Lexicon: Sendable, Equatable {
    /// Base form → its irregular forms (past, past participle, present).
    public private(set) var irregular: [String: [String]] = [:]
    /// Groups of spellings of one word.
    public private(set) var variants: [[String]] = []
    /// Words ending in -ed that are not past forms ("need", "hundred").
    public private(set) var notPast: Set<String> = []

    /// Irregular form → its base.
    private var baseOf: [String: String] = [:]
    private var variantsOf: [String: [String]] = [:]
    /// Irregular past and participle forms, for `<past>`.
    public private(set) var irregularPast: Set<String> = []

    public init() {}

    /// Adds another file's entries: irregular `past` forms (past tense and
    /// participle) and `present` forms by base, spelling `variants`, and
    /// -ed words that are `not_past`. A word given twice is an error.
    mutating func merge(past: [String: [String]], present: [String: [String]], variants groups: [[String]], notPast words: [String]) throws {
        for (base, forms) in past {
            if irregularPastOf[base] != nil { throw VouchError("lexicon: past forms of '\(base)' are given twice") }
            irregularPastOf[base] = forms
            irregularPast.formUnion(forms)
        }
        for (base, forms) in present {
            if irregularPresentOf[base] != nil { throw VouchError("lexicon: present forms of '\(base)' are given twice") }
            irregularPresentOf[base] = forms
        }
        for base in Set(past.keys).union(present.keys) {
            irregular[base] = (irregularPastOf[base] ?? []) + (irregularPresentOf[base] ?? [])
            for form in irregular[base]! where form != base { baseOf[form] = base }
        }
        for group in groups {
            for word in group {
                if variantsOf[word] != nil { throw VouchError("lexicon: the variant '\(word)' is given twice") }
                variantsOf[word] = group.filter { $0 != word }
            }
            variants.append(group)
        }
        notPast.formUnion(words)
    }

    private var irregularPastOf: [String: [String]] = [:]
    private var irregularPresentOf: [String: [String]] = [:]

    /// Every form a pattern word written as `word` matches, `word` first.
    /// `word` is folded (lowercase ASCII for the words this applies to).
    public func forms(of word: String) -> [String] {
        var out = [word]
        func add(_ form: String) { if !out.contains(form) { out.append(form) } }
        for spelling in [word] + (variantsOf[word] ?? []) {
            add(spelling)
            for form in inflections(of: spelling) { add(form) }
        }
        return out
    }

    private func inflections(of word: String) -> [String] {
        let letters = Array(word.utf8)
        guard letters.count >= 2, letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return [] }
        if let forms = irregular[word] { return forms + [Self.plural(word), Self.progressive(word)] }
        // An irregular form, or one already inflected, stays as written.
        if baseOf[word] != nil || letters.count < 3 { return [] }
        // "finding" → "findings"; a shorter -ing word ("ping") is a base form.
        if word.hasSuffix("ing") && letters.count >= 5 { return [word + "s"] }
        if word.hasSuffix("ed") && !word.hasSuffix("eed") { return [] }
        var forms = [Self.plural(word), Self.past(word), Self.progressive(word)]
        if let doubled = Self.doubled(word) { forms += [doubled + "ed", doubled + "ing"] }
        // The possessive: `provider` also reads "our provider's network"
        // ("provider’s" folds to "provider's", one token).
        forms.append(word + "'s")
        return forms
    }

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// -s, -es, -ies.
    static func plural(_ w: String) -> String {
        if w.hasSuffix("s") || w.hasSuffix("x") || w.hasSuffix("z") || w.hasSuffix("ch") || w.hasSuffix("sh") { return w + "es" }
        if w.hasSuffix("y"), let before = w.dropLast().last, !vowels.contains(before) { return w.dropLast() + "ies" }
        return w + "s"
    }

    /// -ed, -d, -ied.
    static func past(_ w: String) -> String {
        if w.hasSuffix("e") { return w + "d" }
        if w.hasSuffix("y"), let before = w.dropLast().last, !vowels.contains(before) { return w.dropLast() + "ied" }
        return w + "ed"
    }

    /// -ing, dropping a final silent e ("resolve" → "resolving"), "ie" → "ying".
    static func progressive(_ w: String) -> String {
        if w.hasSuffix("ie") { return w.dropLast(2) + "ying" }
        if w.hasSuffix("e"), !w.hasSuffix("ee"), !w.hasSuffix("ye"), !w.hasSuffix("oe"), w.count > 2 { return w.dropLast() + "ing" }
        return w + "ing"
    }

    /// The word with its final consonant doubled when it ends
    /// consonant-vowel-consonant ("stop" → "stopp", "occur" → "occurr"),
    /// for -ed and -ing; both spellings are kept, the one that is not a
    /// word never occurs in text.
    static func doubled(_ w: String) -> String? {
        let c = Array(w)
        guard c.count >= 3, let last = c.last, !vowels.contains(last), !"wxy".contains(last),
              vowels.contains(c[c.count - 2]), !vowels.contains(c[c.count - 3]) else { return nil }
        return w + String(last)
    }
}
