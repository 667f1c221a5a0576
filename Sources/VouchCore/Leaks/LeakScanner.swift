import Foundation

/// Finds leak-rule matches: each rule's regular expression is run on the
/// word-like chunks of the draft (runs of non-space text, surrounding
/// brackets, quotes and sentence punctuation trimmed) that contain one of
/// the characters the rule `needs`, so most words are never looked at.
/// Code, quotes and URLs are searched too: a leak is a leak wherever it is.
struct LeakScanner {
    struct Hit {
        let rule: Int
        let range: Range<Int>
    }

    private static let trimmed: Set<UInt8> = Set("()[]{}<>\"'.,;:!?*`".utf8)

    static func scan(_ bytes: [UInt8], rules: [(index: Int, rule: Rule, regex: NSRegularExpression)]) -> [Hit] {
        guard !rules.isEmpty else { return [] }
        var hits: [Hit] = []
        let needs: [[UInt8]?] = rules.map { entry in
            entry.rule.needs.map { needs in
                var set = Array(needs.utf8)
                if needs.contains("0-9") { set += Array("0123456789".utf8) }
                return set
            }
        }
        var i = 0
        let n = bytes.count
        while i < n {
            while i < n, isSpace(bytes[i]) { i += 1 }
            var end = i
            while end < n, !isSpace(bytes[end]) { end += 1 }
            var start = i
            var stop = end
            while start < stop, trimmed.contains(bytes[start]) && bytes[start] != UInt8(ascii: "#") { start += 1 }
            while stop > start, trimmed.contains(bytes[stop - 1]) { stop -= 1 }
            if stop - start >= 3 {
                let chunk = bytes[start..<stop]
                var text: String? = nil
                for (k, entry) in rules.enumerated() {
                    if let need = needs[k], !chunk.contains(where: { need.contains($0) }) { continue }
                    if text == nil { text = String(decoding: chunk, as: UTF8.self) }
                    for range in matches(entry.regex, in: text!) {
                        let value = String(decoding: chunk[(start + range.lowerBound)..<(start + range.upperBound)], as: UTF8.self)
                        if entry.rule.except.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) { continue }
                        hits.append(Hit(rule: entry.index, range: (start + range.lowerBound)..<(start + range.upperBound)))
                    }
                }
            }
            i = end
        }
        return hits
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// UTF-8 offsets of every match of `regex` in `text`.
    private static func matches(_ regex: NSRegularExpression, in text: String) -> [Range<Int>] {
        let ns = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.matches(in: text, range: ns).compactMap { match in
            guard let range = Range(match.range, in: text), !range.isEmpty else { return nil }
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            let end = text.utf8.distance(from: text.startIndex, to: range.upperBound)
            return start..<end
        }
    }
}
