import Foundation
import Testing
@testable import VouchCore

/// The lazy DFA and its leftmost-start search against a direct reading of
/// the patterns: random patterns over a small vocabulary, random sentences
/// over the same words, every (pattern, start, end) compared.
@Suite struct EngineAutomatonTests {
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let words = ["we", "the", "issue", "is", "not", "resolved", "fixed", "yet", "all", "back"]

    static func pattern(_ random: inout Random, depth: Int = 0) -> PatternNode {
        switch depth > 2 ? random.next(3) : random.next(7) {
        case 0, 1: return .literal(Array(words[random.next(words.count)].utf8))
        case 2: return [PatternNode.number, .anyWord, .anyWord, .past][random.next(4)]
        case 3, 4: return .sequence((0..<(2 + random.next(2))).map { _ in pattern(&random, depth: depth + 1) })
        case 5: return .alternatives((0..<(2 + random.next(2))).map { _ in pattern(&random, depth: depth + 1) })
        default:
            let min = random.next(2)
            return .repeated(pattern(&random, depth: depth + 1), min: min, max: min + 1 + random.next(2))
        }
    }

    /// The token counts `node` can cover starting at token `i`.
    static func ends(_ node: PatternNode, _ tokens: [Token], _ i: Int, _ vocabulary: Vocabulary) -> Set<Int> {
        switch node {
        case .literal(let word):
            let id = word.withUnsafeBufferPointer { vocabulary.lookup($0) }
            return i < tokens.count && tokens[i].literal == id ? [i + 1] : []
        case .anyWord: return i < tokens.count && tokens[i].isWordLike ? [i + 1] : []
        case .number: return i < tokens.count && tokens[i].kind == .number ? [i + 1] : []
        case .time: return i < tokens.count && tokens[i].kind == .time ? [i + 1] : []
        case .past: return i < tokens.count && tokens[i].kind == .past ? [i + 1] : []
        case .sequence(let items):
            return items.reduce([i]) { starts, item in Set(starts.flatMap { ends(item, tokens, $0, vocabulary) }) }
        case .alternatives(let alternatives):
            return alternatives.reduce([]) { $0.union(ends($1, tokens, i, vocabulary)) }
        case .repeated(let inner, let min, let max):
            var out: Set<Int> = []
            var frontier: Set<Int> = [i]
            for count in 0...max {
                if count >= min { out.formUnion(frontier) }
                frontier = Set(frontier.flatMap { ends(inner, tokens, $0, vocabulary) })
            }
            return out
        }
    }

    @Test(arguments: 0..<40) func dfaMatchesTheDirectReading(seed: Int) {
        var random = Random(state: UInt64(seed))
        let patterns = (0..<12).map { _ in Self.pattern(&random) }.filter { !$0.matchesEmpty }
        var vocabulary = Vocabulary()
        let automaton = Automaton(patterns: patterns, vocabulary: &vocabulary)
        let text = (0..<40).map { _ in random.next(8) == 0 ? "\(random.next(100))" : Self.words[random.next(Self.words.count)] }
            .joined(separator: " ")
        let stream = Tokenizer(vocabulary: vocabulary).tokenize(SourceText(path: "t", text: text), regions: Regions(Array(text.utf8)))
        var found: [Automaton.Match] = []
        // Two scans with one scratch: the second runs on a warm cache.
        for _ in 0..<2 {
            found.removeAll()
            automaton.scan(stream.tokens, 0..<stream.tokens.count, scratch: automaton.makeScratch(), into: &found)
            var expected: Set<[Int32]> = []
            for (p, pattern) in patterns.enumerated() {
                for end in 1...stream.tokens.count {
                    if let start = (0..<end).first(where: { Self.ends(pattern, stream.tokens, $0, vocabulary).contains(end) }) {
                        expected.insert([Int32(p), Int32(start), Int32(end)])
                    }
                }
            }
            #expect(Set(found.map { [$0.pattern, $0.start, $0.end] }) == expected, "seed \(seed): \(text)")
            #expect(found.count == expected.count, "one match per pattern and end")
        }
    }
}

@Suite struct MessageTemplateTimeTests {
    /// Calendar arithmetic against Foundation's formatter over four centuries.
    @Test func utcMatchesTheFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        var seconds = -2_208_988_800.0   // 1900-01-01
        while seconds < 10_413_792_000 {  // 2300-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.readable(date) == formatter.string(from: date))
            seconds += 86_400 * 13 + 3_719.5
        }
        #expect(Timestamp.readable(Date(timeIntervalSince1970: 1_795_366_800)) == "2026-11-22 17:00 UTC")
    }
}
