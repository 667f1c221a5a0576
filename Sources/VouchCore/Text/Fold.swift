import Foundation

/// Folding for pattern words: the same tokenizer that reads drafts, so a
/// pattern's words and a draft's tokens always agree.
enum Fold {
    /// Pattern words recur across rules ("your", "is", "the") and every
    /// pattern is parsed by the loader and again by the pack: each word is
    /// folded once per process.
    nonisolated(unsafe) private static var cache: [String: [[UInt8]]] = [:]
    private static let lock = NSLock()

    /// The folded tokens of `text` ("Won’t" gives ["won't"]; "short-lived"
    /// gives ["short", "-", "lived"]).
    static func tokens(_ text: String) -> [[UInt8]] {
        lock.lock()
        let hit = cache[text]
        lock.unlock()
        if let hit { return hit }
        let folded = fold(text)
        lock.lock()
        cache[text] = folded
        lock.unlock()
        return folded
    }

    private static func fold(_ text: String) -> [[UInt8]] {
        let source = SourceText(path: "", text: text)
        // No regions: a pattern word is never code or a quotation.
        let stream = Tokenizer(vocabulary: Vocabulary()).tokenize(source, regions: Regions([]), recordFolded: true)
        return stream.folded
    }

    /// The token text if `pattern` requires a sentence-ending mark followed
    /// by more tokens, which can never match (matching is per sentence).
    static func sentenceCrossing(_ pattern: PatternNode) -> String? {
        func ends(_ node: PatternNode) -> String? {
            if case .literal(let word) = node, [[UInt8(ascii: ".")], [UInt8(ascii: "!")], [UInt8(ascii: "?")]].contains(word) {
                return String(decoding: word, as: UTF8.self)
            }
            return nil
        }
        func flat(_ node: PatternNode) -> [PatternNode] {
            if case .sequence(let items) = node { return items.flatMap(flat) }
            return [node]
        }
        let items = flat(pattern)
        for (index, item) in items.enumerated() where index < items.count - 1 {
            guard let mark = ends(item), items[(index + 1)...].contains(where: { !$0.matchesEmpty }) else { continue }
            // "p.m. today": a dot after a single letter or an abbreviation
            // does not end a sentence.
            if mark == ".", index > 0, case .literal(let word) = items[index - 1],
               word.count == 1 || Tokenizer.abbreviations.contains(String(decoding: word, as: UTF8.self)) {
                continue
            }
            return mark
        }
        return nil
    }
}
