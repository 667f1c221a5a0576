import CICU

/// A draft as given: its exact bytes (validated UTF-8), where each line
/// starts, and how to turn a byte offset into a line and a column.
///
/// Offsets are UTF-8 byte offsets into `bytes`, which is the input exactly as
/// read (a byte order mark and CRLF line ends included), so that
/// `bytes[range]` is always the matched text.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line's content starts. Line 1 starts after a
    /// byte order mark, so the mark never shifts a column.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) throws {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            var line = 1
            for i in 0..<bad where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
            }
            throw VouchError(file: path, line: line, "not valid UTF-8 (bad byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad))")
        }
        self.path = path
        self.bytes = bytes
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A:
                starts.append(i + 1)
            case 0x0D:
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            default:
                break
            }
            i += 1
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        // A Swift String is always valid UTF-8.
        try! self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line holding `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The 1-based column of `offset`: extended grapheme clusters from the
    /// start of its line, so emoji, combining marks and CRLF never shift it.
    public func column(of offset: Int) -> Int {
        columns(of: [offset])[0]
    }

    /// The columns of many offsets at once, in their order. Each line that
    /// holds one is read once, however many offsets fall on it: an ASCII
    /// line by subtraction, any other by one pass of ICU's grapheme
    /// iterator over the line, then a binary search per offset. (Counting
    /// from the line start for each offset is quadratic in the line's length
    /// when a long line has many findings.)
    public func columns(of offsets: [Int]) -> [Int] {
        var out = [Int](repeating: 1, count: offsets.count)
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var k = 0
        while k < order.count {
            let line = self.line(of: offsets[order[k]])
            let start = lineStarts[line - 1]
            let end = line < lineStarts.count ? lineStarts[line] : bytes.count
            var last = k
            while last < order.count, offsets[order[last]] < end { last += 1 }
            // The last line holds every offset at or past the end of the text.
            if line == lineStarts.count { last = order.count }
            let boundaries = Graphemes.boundaries(in: bytes[start..<end])
            for j in k..<last {
                let offset = offsets[order[j]]
                guard offset > start else { out[order[j]] = 1; continue }
                if let boundaries {
                    out[order[j]] = Self.clusters(before: offset - start, boundaries) + 1
                } else {
                    out[order[j]] = min(offset, end) - start + 1
                }
            }
            k = max(last, k + 1)
        }
        return out
    }

    /// The grapheme clusters that start before `offset`, given the cluster
    /// ends (UTF-8 offsets into the line, ascending).
    private static func clusters(before offset: Int, _ ends: [Int]) -> Int {
        // Clusters starting before `offset`: the first starts at 0, each
        // other at the end of the one before it.
        var low = 0, high = ends.count
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return low + 1
    }

    /// The text of a 1-based line, without its line end.
    public func lineText(_ line: Int) -> String {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Extended grapheme clusters, counted by ICU.
public enum Graphemes {
    public static func count(in utf8: ArraySlice<UInt8>) -> Int {
        if utf8.isEmpty { return 0 }
        return boundaries(in: utf8)?.count ?? utf8.count
    }

    /// The end of each grapheme cluster of `utf8` (UTF-8 offsets from its
    /// start, ascending, the last one its length), or nil when every byte
    /// is its own cluster (ASCII without a carriage return).
    static func boundaries(in utf8: ArraySlice<UInt8>) -> [Int]? {
        if utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return nil }
        // UTF-16 for ICU, remembering the UTF-8 offset of each unit.
        var utf16: [UInt16] = []
        var utf8Offset: [Int] = []
        utf16.reserveCapacity(utf8.count)
        utf8Offset.reserveCapacity(utf8.count + 1)
        var offset = 0
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
            for unit in scalar.utf16 {
                utf16.append(unit)
                utf8Offset.append(offset)
            }
            offset += scalar.utf8.count
        }
        utf8Offset.append(offset)
        var ends = [Int32](repeating: 0, count: utf16.count + 1)
        let n = utf16.withUnsafeBufferPointer { text in
            ends.withUnsafeMutableBufferPointer { out in
                vouch_icu_graphemes(text.baseAddress, Int32(text.count), out.baseAddress, Int32(out.count))
            }
        }
        if n < 0 { return (0..<utf8.count).map { $0 + 1 } }
        return ends[0..<Int(n)].map { utf8Offset[Int($0)] }
    }

    /// Terminal columns the text takes (wide characters take two).
    public static func displayWidth(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + Int(vouch_icu_width(Int32($1.value))) }
    }
}

enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a valid
    /// UTF-8 sequence, or nil when all of `bytes` is valid.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            if i + length > n { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
