/// The parts of a draft whose words are not the sender's own statements:
/// code and URLs and email addresses (opaque: their words are never read as
/// claims), and quoted text (`>` lines and text in quotation marks: read, but
/// silenced by the context layer).
///
/// Found on the raw bytes before tokenizing; every range is a UTF-8 byte
/// range of the input.
public struct Regions: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case fencedCode = "code block", inlineCode = "inline code", url = "URL", email = "email address"
        case quoteLine = "quoted line", quotation = "quotation"
    }

    public struct Region: Sendable, Equatable {
        public let kind: Kind
        public let range: Range<Int>
    }

    /// Code, URLs and email addresses, sorted and not overlapping.
    public private(set) var opaque: [Region] = []
    /// Quoted lines and quotations, sorted and not overlapping.
    public private(set) var quoted: [Region] = []

    public init(_ bytes: [UInt8]) {
        var scanner = RegionScanner(bytes: bytes)
        scanner.scan()
        opaque = Regions.flatten(scanner.opaque)
        quoted = Regions.flatten(scanner.quoted)
    }

    /// Sorts by start and drops regions inside an earlier one.
    private static func flatten(_ regions: [Region]) -> [Region] {
        var out: [Region] = []
        for region in regions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = out.last, region.range.lowerBound < last.range.upperBound { continue }
            out.append(region)
        }
        return out
    }

    /// The region of `list` holding `offset`, if any.
    public static func region(at offset: Int, in list: [Region]) -> Region? {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low].range.contains(offset) ? list[low] : nil
    }
}

private struct RegionScanner {
    let bytes: [UInt8]
    var opaque: [Regions.Region] = []
    var quoted: [Regions.Region] = []

    /// Instance copies of the tables the per-byte loops read (a static
    /// table would be a lazy global, checked on every read).
    private let pairs = RegionScanner.quotationPairs
    /// First bytes of "http", "ftp" and "www", either case.
    private let urlStarts = ByteSet("hHfFwW".utf8)
    /// First bytes of every quotation mark in `pairs`.
    private let quoteStarts = ByteSet(RegionScanner.quotationPairs.map { $0.open[0] })

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scan() {
        let lines = lineRanges()
        let fences = fencePairs(lines)
        var paragraph: [Range<Int>] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let body = indentEnd(line)
            if let close = fences[index] {
                flushQuotations(paragraph); paragraph = []
                opaque.append(.init(kind: .fencedCode, range: line.lowerBound..<lines[close].upperBound))
                index = close + 1
                continue
            }
            index += 1
            if body < line.upperBound, bytes[body] == UInt8(ascii: ">") {
                quoted.append(.init(kind: .quoteLine, range: line))
            }
            scanInline(line)
            if body == line.upperBound {
                flushQuotations(paragraph); paragraph = []
            } else {
                paragraph.append(line)
            }
        }
        flushQuotations(paragraph)
    }

    /// For each line that opens a fenced code block, the line that closes
    /// it (the next fence line of the same marker). A fence that is never
    /// closed is code on its own line only: one stray "```" must not turn
    /// the rest of a draft into code that no rule reads.
    private func fencePairs(_ lines: [Range<Int>]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var open: (line: Int, marker: UInt8)? = nil
        for (index, line) in lines.enumerated() {
            let body = indentEnd(line)
            if let current = open {
                if startsFence(at: body, line: line, marker: current.marker) {
                    pairs[current.line] = index
                    open = nil
                }
            } else if startsFence(at: body, line: line, marker: nil) {
                open = (index, bytes[body])
            }
        }
        if let unclosed = open {
            // Its own line only, and the lines after it are read again.
            pairs[unclosed.line] = unclosed.line
            var rest = fencePairs(Array(lines[(unclosed.line + 1)...]))
            rest = Dictionary(uniqueKeysWithValues: rest.map { ($0.key + unclosed.line + 1, $0.value + unclosed.line + 1) })
            pairs.merge(rest) { a, _ in a }
        }
        return pairs
    }

    // MARK: Lines

    /// Each line's content range (without its line end).
    private func lineRanges() -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                out.append(start..<i)
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        out.append(start..<bytes.count)
        return out
    }

    private func indentEnd(_ line: Range<Int>) -> Int {
        var i = line.lowerBound
        if i == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    private func startsFence(at i: Int, line: Range<Int>, marker: UInt8?) -> Bool {
        guard i + 3 <= line.upperBound else { return false }
        let c = bytes[i]
        guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~"), marker == nil || marker == c else { return false }
        return bytes[i + 1] == c && bytes[i + 2] == c
    }

    // MARK: Inline code, URLs, email addresses


    private mutating func scanInline(_ line: Range<Int>) {
        var i = line.lowerBound
        while i < line.upperBound {
            let c = bytes[i]
            if c == UInt8(ascii: "`") {
                var run = i
                while run < line.upperBound, bytes[run] == c { run += 1 }
                let width = run - i
                if let close = closingBackticks(from: run, width: width, end: line.upperBound) {
                    opaque.append(.init(kind: .inlineCode, range: i..<close))
                    i = close
                } else {
                    i = run
                }
                continue
            }
            if urlStarts.contains(c), let end = urlEnd(at: i, lineEnd: line.upperBound) {
                opaque.append(.init(kind: .url, range: i..<end))
                i = end
                continue
            }
            if c == UInt8(ascii: "@"), let email = emailRange(at: i, line: line) {
                opaque.append(.init(kind: .email, range: email))
                i = email.upperBound
                continue
            }
            i += 1
        }
    }

    private func closingBackticks(from start: Int, width: Int, end: Int) -> Int? {
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "`") {
                var run = i
                while run < end, bytes[run] == UInt8(ascii: "`") { run += 1 }
                if run - i == width { return run }
                i = run
            } else {
                i += 1
            }
        }
        return nil
    }

    private func hasPrefix(_ prefix: String, at i: Int) -> Bool {
        var k = i
        for p in prefix.utf8 {
            guard k < bytes.count else { return false }
            var b = bytes[k]
            if b >= 0x41 && b <= 0x5A { b += 32 }
            if b != p { return false }
            k += 1
        }
        return true
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    /// The end of a URL starting at `i` (scheme:// or www.), trailing
    /// sentence punctuation and an unbalanced closing bracket left out.
    private func urlEnd(at i: Int, lineEnd: Int) -> Int? {
        // "xhttp://" is not a URL; a URL after a no-break space, a dash or a
        // curly quote (non-ASCII bytes) is.
        if i > 0, bytes[i - 1] < 0x80, isWordByte(bytes[i - 1]) { return nil }
        var start: Int? = nil
        for scheme in ["https://", "http://", "ftp://", "www."] where hasPrefix(scheme, at: i) {
            start = i + scheme.utf8.count
            break
        }
        guard let bodyStart = start, bodyStart < lineEnd, !isURLStop(bytes[bodyStart]) else { return nil }
        var end = bodyStart
        var depth = 0
        while end < lineEnd, !isURLStop(bytes[end]) {
            if bytes[end] == UInt8(ascii: "(") { depth += 1 }
            if bytes[end] == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
            }
            end += 1
        }
        while end > bodyStart, ".,;:!?'\"".utf8.contains(bytes[end - 1]) { end -= 1 }
        return end
    }

    private func isURLStop(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`")
            || b == 0xE2 // curly quotes and other typographic punctuation start with 0xE2
    }

    private func isLocalByte(_ b: UInt8) -> Bool {
        isWordByte(b) && b < 0x80 || "._%+-".utf8.contains(b)
    }

    private func emailRange(at: Int, line: Range<Int>) -> Range<Int>? {
        var start = at
        while start > line.lowerBound, isLocalByte(bytes[start - 1]) { start -= 1 }
        while start < at, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        var lastDot = -1
        while end < line.upperBound, isWordByte(bytes[end]) && bytes[end] < 0x80 || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ".") {
            if bytes[end] == UInt8(ascii: ".") { lastDot = end }
            end += 1
        }
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        if lastDot >= end { lastDot = bytes[(at + 1)..<end].lastIndex(of: UInt8(ascii: ".")) ?? -1 }
        guard lastDot > at + 1, end - lastDot - 1 >= 2 else { return nil }
        return start..<end
    }

    // MARK: Quotations

    /// Opening and closing quotation marks, as UTF-8.
    private static let quotationPairs: [(open: [UInt8], close: [[UInt8]])] = [
        (Array("\u{201C}".utf8), [Array("\u{201D}".utf8)]),
        (Array("\u{201E}".utf8), [Array("\u{201C}".utf8), Array("\u{201D}".utf8)]),
        (Array("\u{00AB}".utf8), [Array("\u{00BB}".utf8)]),
        (Array("\u{300C}".utf8), [Array("\u{300D}".utf8)]),
        (Array("\u{2018}".utf8), [Array("\u{2019}".utf8)]),
        (Array("\"".utf8), [Array("\"".utf8)]),
        (Array("'".utf8), [Array("'".utf8)]),
    ]

    /// Finds quotations within one paragraph (marks never pair across a
    /// blank line), skipping code, URLs and email addresses.
    private mutating func flushQuotations(_ lines: [Range<Int>]) {
        guard let first = lines.first, let last = lines.last else { return }
        let end = last.upperBound
        var i = first.lowerBound
        let skip = opaque
        var skipIndex = firstOpaque(endingAfter: i)
        // A mark with no closing mark after one opening has none after any
        // later opening either: search for it once, not once per opening
        // (a paragraph of unmatched marks would be quadratic).
        var unmatched = [Bool](repeating: false, count: pairs.count)
        while i < end {
            while skipIndex < skip.count, skip[skipIndex].range.upperBound <= i { skipIndex += 1 }
            if skipIndex < skip.count, skip[skipIndex].range.contains(i) { i = skip[skipIndex].range.upperBound; continue }
            guard let (pair, width) = opening(at: i, end: end) else { i += 1; continue }
            if !unmatched[pair], let close = closing(for: pair, from: i + width, end: end) {
                quoted.append(.init(kind: .quotation, range: i..<close))
                i = close
            } else {
                unmatched[pair] = true
                i += width
            }
        }
    }

    /// The index of the first opaque region (sorted: found line by line,
    /// left to right) that ends after `offset`.
    private func firstOpaque(endingAfter offset: Int) -> Int {
        var low = 0, high = opaque.count
        while low < high {
            let mid = (low + high) / 2
            if opaque[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func matches(_ mark: [UInt8], at i: Int, end: Int) -> Bool {
        i + mark.count <= end && bytes[i..<(i + mark.count)].elementsEqual(mark)
    }

    /// Whether the code point before `i` is a letter or digit (ASCII or
    /// any non-ASCII scalar, which is good enough to tell an apostrophe).
    private func wordBefore(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        var k = i - 1
        while k > 0, bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return isWordByte(bytes[k])
    }

    private func wordAfter(_ i: Int, end: Int) -> Bool { i < end && isWordByte(bytes[i]) }

    private func opening(at i: Int, end: Int) -> (Int, Int)? {
        guard quoteStarts.contains(bytes[i]) else { return nil }
        for (index, pair) in pairs.enumerated() where matches(pair.open, at: i, end: end) {
            let single = pair.open == Array("'".utf8) || pair.open == Array("\u{2018}".utf8)
            // An apostrophe is not an opening quote: it follows a letter.
            if single && wordBefore(i) { return nil }
            if !wordAfter(i + pair.open.count, end: end) && single { return nil }
            return (index, pair.open.count)
        }
        return nil
    }

    private func closing(for pair: Int, from start: Int, end: Int) -> Int? {
        let closes = pairs[pair].close
        let single = pair >= 4 && pair != 5
        var i = start
        var skipIndex = firstOpaque(endingAfter: start)
        while i < end {
            // A closing mark inside code or a URL does not count.
            while skipIndex < opaque.count, opaque[skipIndex].range.upperBound <= i { skipIndex += 1 }
            if skipIndex < opaque.count, opaque[skipIndex].range.contains(i) { i = opaque[skipIndex].range.upperBound; continue }
            for mark in closes where matches(mark, at: i, end: end) {
                let after = i + mark.count
                // "customer's": a single mark between letters is an apostrophe.
                if single && wordAfter(after, end: end) { continue }
                if !wordBefore(i) && single && !(i > start && ".,!?".utf8.contains(bytes[i - 1])) { continue }
                return after
            }
            i += 1
        }
        return nil
    }
}
