import Foundation

/// A test a leak rule's match must pass after its regular expression
/// matched, selected by the rule's data (`validate:`), so a shape that is
/// common in ordinary text is flagged only when it really is what the rule
/// says: a card number only when its check digit is right, a generic secret
/// only when it is random enough and stated as a key, token or password.
public enum LeakValidator: Sendable, Equatable {
    /// The digits of the match (spaces and hyphens ignored) pass the Luhn
    /// check, as every payment card number does.
    case luhn
    /// The match's Shannon entropy (bits per character) is at least `hex`
    /// when it is written in hexadecimal digits only, else at least
    /// `base64`.
    case entropy(hex: Double, base64: Double)
    /// One of `words` ends within `within` bytes before the match.
    case precededBy(words: [String], within: Int)
    /// None of `words` ends within `within` bytes before the match.
    case notPrecededBy(words: [String], within: Int)

    /// The names used in rule files, in the order errors list them.
    public static let names = ["luhn", "entropy", "preceded_by", "not_preceded_by"]

    /// Whether `range` of `bytes` passes.
    func accepts(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        switch self {
        case .luhn:
            return Self.luhn(bytes[range])
        case .entropy(let hex, let base64):
            let value = bytes[range]
            let isHex = value.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
            return Self.entropy(value) >= (isHex ? hex : base64)
        case .precededBy(let words, let within):
            return Self.wordBefore(words, bytes, range.lowerBound, within)
        case .notPrecededBy(let words, let within):
            return !Self.wordBefore(words, bytes, range.lowerBound, within)
        }
    }

    /// Shannon entropy in bits per byte: -Σ p·log2 p over the byte counts.
    public static func entropy(_ value: some Collection<UInt8>) -> Double {
        guard !value.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in value { counts[Int(b)] += 1 }
        let n = Double(value.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / n
            return sum - p * log2(p)
        }
    }

    /// The Luhn check over the digits of `value`; spaces and hyphens are
    /// skipped, anything else fails. 13 to 19 digits, as card numbers have.
    public static func luhn(_ value: some Collection<UInt8>) -> Bool {
        var digits: [Int] = []
        for b in value {
            if b >= 0x30 && b <= 0x39 { digits.append(Int(b - 0x30)) } else if b != 0x20 && b != 0x2D { return false }
        }
        guard (13...19).contains(digits.count) else { return false }
        var sum = 0
        for (k, digit) in digits.reversed().enumerated() {
            let d = k % 2 == 1 ? digit * 2 : digit
            sum += d > 9 ? d - 9 : d
        }
        return sum % 10 == 0
    }

    /// Whether one of `words` (ASCII letters without case; a space also
    /// matches "-" and "_") occurs as a whole word (or its plural in -s)
    /// within `within` bytes before `offset`: "api key is", "API_KEY=",
    /// "password:" all come before their value; "keyboard" is not "key".
    static func wordBefore(_ words: [String], _ bytes: [UInt8], _ offset: Int, _ within: Int) -> Bool {
        let low = max(0, offset - within)
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        for word in words {
            let needle = Array(word.lowercased().utf8)
            guard !needle.isEmpty, offset - low >= needle.count else { continue }
            var start = offset - needle.count
            while start >= low {
                var k = 0
                while k < needle.count {
                    let b = lower(bytes[start + k])
                    // A space in a word list matches "-" and "_" too: "Idempotency-Key", "key_id".
                    guard b == needle[k] || (needle[k] == 0x20 && (b == 0x2D || b == 0x5F)) else { break }
                    k += 1
                }
                // A word starts after a non-letter, or as the capital of camel case ("apiKey").
                let camel = start > 0 && bytes[start] >= 0x41 && bytes[start] <= 0x5A && bytes[start - 1] >= 0x61 && bytes[start - 1] <= 0x7A
                if k == needle.count, start == 0 || !isLetter(bytes[start - 1]) || !isLetter(needle[0]) || camel {
                    // Whole words, or with a plural -s: "key" is not "keyboard".
                    let after = start + needle.count
                    let next = after < bytes.count ? lower(bytes[after]) : 0x20
                    let nextOK = !isLetter(next) || !isLetter(needle[needle.count - 1])
                        || (next == 0x73 && (after + 1 >= bytes.count || !isLetter(bytes[after + 1])))
                    if nextOK { return true }
                }
                start -= 1
            }
        }
        return false
    }
}
