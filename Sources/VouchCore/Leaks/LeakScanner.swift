/// Finds leak-rule matches: each rule's regular expression is run on the
/// word-like chunks of the draft (runs of non-space text, surrounding
/// brackets, quotes and sentence punctuation trimmed), or for a rule of
/// `scope: line` on each line, that are at least its `min_length` long and
/// contain a string of each group it `needs`, so most text is never
/// searched. Code, quotes and URLs are searched too: a leak is a leak
/// wherever it is.
struct LeakScanner {
    struct Hit {
        let rule: Int
        let range: Range<Int>
    }

    /// A leak rule ready for one scan (only what the per-chunk loop reads).
    struct Entry {
        let index: Int
        let prototype: LeakRegex
        let regex: LeakRegex
        /// The rule's groups of needs in the pack's `NeedleIndex`.
        let slots: Range<Int>
        let minLength: Int
        let except: Set<String>
        let scope: LeakPolicy.Scope

        init(index: Int, leak: LeakMatcher, slots: Range<Int>) {
            self.index = index
            self.prototype = leak.compiled
            self.regex = leak.compiled.borrow()
            self.slots = slots
            self.minLength = leak.minLength
            self.except = leak.exceptLowercased
            self.scope = leak.policy.scope
        }

        /// Whether the match at `range` of `bytes` is one of the rule's `except` values.
        func excepts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            !except.isEmpty && except.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased())
        }
    }

    private static let trimmed = ByteSet("()[]{}<>\"'.,;:!?*`".utf8)

    /// Every hit, or nil when `interrupted` (asked every 256 chunks and
    /// before each long one) said to stop.
    static func scan(_ bytes: [UInt8], rules all: [Entry], needles: NeedleIndex, interrupted shouldStop: (() -> Bool)? = nil) -> [Hit]? {
        guard !all.isEmpty else { return [] }
        defer { for entry in all { entry.prototype.giveBack(entry.regex) } }
        guard var hits = scanLines(bytes, rules: all.filter { $0.scope == .line }, needles: needles, interrupted: shouldStop) else { return nil }
        hits += scanText(bytes, rules: all.filter { $0.scope == .text }, needles: needles)
        let rules = all.filter { $0.scope == .word }
        guard !rules.isEmpty else { return hits }
        let trimmed = Self.trimmed
        var wanted = [Int](repeating: -1, count: needles.groupCount)
        let slots = rules.map(\.slots)
        let shortest = rules.map { max($0.minLength, 3) }.min()!
        let minLengths = rules.map(\.minLength)
        let filtered = rules.map { !$0.slots.isEmpty }
        var interrupted = false
        bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            var chunkNumber = 0
            let n = bytes.count
            while i < n {
                while i < n, isSpace(bytes[i]) { i += 1 }
                var end = i
                while end < n, !isSpace(bytes[end]) { end += 1 }
                var start = i
                var stop = end
                while start < stop, trimmed.contains(bytes[start]) { start += 1 }
                while stop > start, trimmed.contains(bytes[stop - 1]) { stop -= 1 }
                i = end
                if stop - start < shortest { continue }
                let chunk = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                chunkNumber += 1
                if let shouldStop, chunkNumber & 255 == 0 || chunk.count > 4096, shouldStop() {
                    interrupted = true
                    return
                }
                needles.mark(chunk, stamp: chunkNumber, into: &wanted)
                for r in 0..<minLengths.count where chunk.count >= minLengths[r] {
                    if filtered[r] && slots[r].contains(where: { wanted[$0] != chunkNumber }) { continue }
                    let entry = rules[r]
                    for range in entry.regex.matches(chunk) where !range.isEmpty {
                        let found = (start + range.lowerBound)..<(start + range.upperBound)
                        if entry.excepts(bytes, found) { continue }
                        hits.append(Hit(rule: entry.index, range: found))
                    }
                }
            }
        }
        return interrupted ? nil : hits
    }

    /// Lines longer than this are searched in windows of this size that
    /// overlap by `lineOverlap` bytes (a match longer than that overlap
    /// across a window's edge is not found), so one search stays well
    /// inside ICU's time limit.
    static let lineWindow = 4096
    static let lineOverlap = 512

    /// The hits of `scope: text` rules: each runs once over the whole draft
    /// when the draft has its needs.
    private static func scanText(_ bytes: [UInt8], rules: [Entry], needles: NeedleIndex) -> [Hit] {
        guard !rules.isEmpty else { return [] }
        var hits: [Hit] = []
        var wanted = [Int](repeating: -1, count: needles.groupCount)
        bytes.withUnsafeBufferPointer { text in
            needles.mark(text, stamp: 1, into: &wanted)
            for entry in rules where text.count >= entry.minLength && !entry.slots.contains(where: { wanted[$0] != 1 }) {
                for range in entry.regex.matches(text) where !range.isEmpty {
                    if entry.excepts(text, range) { continue }
                    hits.append(Hit(rule: entry.index, range: range))
                }
            }
        }
        return hits
    }

    /// The hits of `scope: line` rules, or nil when interrupted.
    private static func scanLines(_ bytes: [UInt8], rules: [Entry], needles: NeedleIndex, interrupted shouldStop: (() -> Bool)?) -> [Hit]? {
        guard !rules.isEmpty else { return [] }
        var hits: [Hit] = []
        var wanted = [Int](repeating: -1, count: needles.groupCount)
        var stamp = 0
        var interrupted = false
        bytes.withUnsafeBufferPointer { bytes in
            let n = bytes.count
            var lineStart = 0
            while lineStart < n {
                var lineEnd = lineStart
                while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var start = lineStart
                while start < lineEnd {
                    let end = min(lineEnd, start + lineWindow)
                    let window = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    stamp += 1
                    if let shouldStop, stamp & 63 == 0 || window.count > 1024, shouldStop() {
                        interrupted = true
                        return
                    }
                    needles.mark(window, stamp: stamp, into: &wanted)
                    for entry in rules where window.count >= entry.minLength {
                        if entry.slots.contains(where: { wanted[$0] != stamp }) { continue }
                        for range in entry.regex.matches(window) where !range.isEmpty {
                            let found = (start + range.lowerBound)..<(start + range.upperBound)
                            // Wholly inside the overlap: the previous window had it.
                            if start > lineStart, found.upperBound <= start + lineOverlap { continue }
                            if entry.excepts(bytes, found) { continue }
                            hits.append(Hit(rule: entry.index, range: found))
                        }
                    }
                    if end == lineEnd { break }
                    start = end - lineOverlap
                }
                lineStart = lineEnd + 1
            }
        }
        return interrupted ? nil : hits
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

/// Which groups of needles (each leak rule's `needs`) a chunk meets, in one
/// pass over its bytes: needles of one byte are looked up by that byte,
/// longer ones by their first two bytes and then compared (ASCII letters
/// without case). Built once per pack; flat tables, as this runs on every
/// byte of every chunk.
struct NeedleIndex: Sendable {
    let groupCount: Int
    /// Per byte: the rules with that byte as a needle, as a range of `singleRules`.
    private var singleOffsets = [Int32](repeating: 0, count: 257)
    private var singleRules: [Int32] = []
    /// Per lowercased byte pair: needles starting with it, as a range of `pairNeedles`.
    private var pairOffsets = [Int32](repeating: 0, count: 65_537)
    private var pairNeedles: [(rule: Int32, needle: [UInt8])] = []
    private var pairStarts = [Bool](repeating: false, count: 256)

    init(_ needs: [[String]]) {
        groupCount = needs.count
        var single = [[Int32]](repeating: [], count: 256)
        var pairs: [Int: [(rule: Int32, needle: [UInt8])]] = [:]
        for (rule, list) in needs.enumerated() {
            for text in list {
                let needle = Array(text.lowercased().utf8)
                if needle.count == 1 {
                    for b in Self.cases(needle[0]) { single[Int(b)].append(Int32(rule)) }
                } else {
                    pairs[Int(needle[0]) << 8 | Int(needle[1]), default: []].append((Int32(rule), needle))
                    for b in Self.cases(needle[0]) { pairStarts[Int(b)] = true }
                }
            }
        }
        for b in 0..<256 {
            singleRules += single[b]
            singleOffsets[b + 1] = Int32(singleRules.count)
        }
        for key in 0..<65_536 {
            if let list = pairs[key] { pairNeedles += list }
            pairOffsets[key + 1] = Int32(pairNeedles.count)
        }
    }

    private static func cases(_ b: UInt8) -> [UInt8] { b >= 0x61 && b <= 0x7A ? [b, b - 32] : [b] }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// Sets `wanted[group] = stamp` for every group of needles `chunk` meets.
    func mark(_ chunk: UnsafeBufferPointer<UInt8>, stamp: Int, into wanted: inout [Int]) {
        let n = chunk.count
        for i in 0..<n {
            let b = chunk[i]
            for k in Int(singleOffsets[Int(b)])..<Int(singleOffsets[Int(b) + 1]) { wanted[Int(singleRules[k])] = stamp }
            guard pairStarts[Int(b)], i + 1 < n else { continue }
            let key = Int(Self.lower(b)) << 8 | Int(Self.lower(chunk[i + 1]))
            for k in Int(pairOffsets[key])..<Int(pairOffsets[key + 1]) {
                let (rule, needle) = pairNeedles[k]
                guard wanted[Int(rule)] != stamp, i + needle.count <= n else { continue }
                var m = 2
                while m < needle.count, Self.lower(chunk[i + m]) == needle[m] { m += 1 }
                if m == needle.count { wanted[Int(rule)] = stamp }
            }
        }
    }
}
