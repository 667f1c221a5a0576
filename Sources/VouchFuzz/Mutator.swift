import VouchCore

/// Deterministic random mutation of byte strings: the same seed gives the
/// same inputs on every machine, so a violation found once is found again.
/// Builds each input from a seed (or an earlier input) with one to four
/// mutations: bit flips, random bytes, tokens from a dictionary of the
/// engine's own syntax (claim words, fences, quotes, YAML and JSON syntax,
/// invisible and control characters), deletions, duplications, long
/// repeats (super-linear time shows on long runs of one pattern), splices
/// of two seeds, truncation.
struct Mutator {
    var random: SplitMix64
    let seeds: [[UInt8]]
    let dictionary: [[UInt8]]
    let maxLength: Int

    static let commonTokens: [String] = [
        " resolved", " fixed", "back to normal", "outage", "root cause", "never happen again", "within the hour", " not ",
        " no ", "?", ".", "!", "\n", "\r\n", "\n\n", "> ", "```", "`", "\"", "“", "”", "'", "’", "«", "»",
        "http://", "https://x.example/", "@", "a@b.example", "INC-1", "#support", " but ", " once ", " if ", " may ",
        "\u{200B}", "\u{00AD}", "\u{FEFF}", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "é", "e\u{301}", "👍🏽", "👩‍👩‍👧", "日本", "ｒｅｓｏｌｖｅｄ",
        "17:00 UTC", "5pm", "2026-11-22T17:00:00Z", "AKIA0123456789ABCDEF", "password", "token", "API key", "please send",
    ]
    static let yamlTokens: [String] = [
        "status: ", "fixed", "identified", "kind: ", "[", "]", "{", "}", ", ", ": ", "- ", "&a ", "*a", "<<: ", "!!str ", "!!binary ",
        "? ", "|\n  ", ">\n  ", "---\n", "...\n", "#", "'", "\"", "\\u0000", "~", "null", "true", "0x1F", "1e9999",
        "verified:\n  all_impacted: true\n", "cause:\n  confirmed: ", "eta: ", "next_update_at: 2026-11-22T17:00:00Z\n", "\t", "  ",
    ]
    static let jsonTokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\n", "true", "false", "null", "-0", "1e308", "1e999",
        "0.5", "01", "\"text\"", "\"audience\"", "\"facts\"", "\"incident\"", "\"disable\"", "\"path\"", "\"public\"", "\"redact\"",
        "\"status: fixed\"", "{\"status\": \"fixed\"}", " ", "\n", "\u{FEFF}", "\u{0}",
    ]

    init(seed: UInt64, seeds: [[UInt8]], tokens: [String], maxLength: Int = 64 * 1024) {
        random = SplitMix64(seed: seed)
        self.seeds = seeds.isEmpty ? [[]] : seeds
        dictionary = (tokens + Self.commonTokens).map { Array($0.utf8) }
        self.maxLength = maxLength
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func next(from pool: [[UInt8]]) -> [UInt8] {
        let fromPool = !pool.isEmpty && int(0..<3) != 0
        let source = fromPool ? pool : seeds
        var input = source[int(0..<source.count)]
        for _ in 0..<int(1..<5) { mutate(&input) }
        if input.count > maxLength { input.removeLast(input.count - maxLength) }
        return input
    }

    private mutating func position(in input: [UInt8]) -> Int { input.isEmpty ? 0 : int(0..<(input.count + 1)) }

    private mutating func mutate(_ input: inout [UInt8]) {
        switch int(0..<10) {
        case 0 where !input.isEmpty:
            let i = int(0..<input.count)
            input[i] ^= UInt8(1 << int(0..<8))
        case 1 where !input.isEmpty:
            input[int(0..<input.count)] = UInt8(int(0..<256))
        case 2, 3:
            input.insert(contentsOf: dictionary[int(0..<dictionary.count)], at: position(in: input))
        case 4 where input.count > 1:
            let start = int(0..<input.count)
            let end = min(input.count, start + int(1..<33))
            input.removeSubrange(start..<end)
        case 5 where !input.isEmpty:
            let start = int(0..<input.count)
            let end = min(input.count, start + int(1..<65))
            input.insert(contentsOf: input[start..<end], at: position(in: input))
        case 6 where !input.isEmpty:
            // A long run of one piece: time that grows faster than the input shows here.
            let start = int(0..<input.count)
            let piece = Array(input[start..<min(input.count, start + int(1..<40))])
            let times = int(2..<(int(0..<8) == 0 ? 2000 : 64))
            var run: [UInt8] = []
            for _ in 0..<times { run += piece }
            input.insert(contentsOf: run, at: position(in: input))
        case 7:
            let other = seeds[int(0..<seeds.count)]
            let cut = position(in: input)
            let from = other.isEmpty ? 0 : int(0..<other.count)
            input = Array(input[..<cut]) + Array(other[from...])
        case 8 where !input.isEmpty:
            input.removeLast(int(0..<input.count))
        default:
            input.insert(UInt8(int(0..<256)), at: position(in: input))
        }
    }
}
