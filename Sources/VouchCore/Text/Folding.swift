import CICU

/// Per-code-point folding and classes from ICU, with ASCII answered inline
/// and everything else cached for the life of one `Folder`.
///
/// Folding is what makes "ＲＥＳＯＬＶＥＤ", "res\u{200B}olved" and
/// "res\u{043E}lved" all read "resolved": NFKC case folding, accents
/// removed, typographic apostrophes and hyphens made ASCII, default-ignorable
/// code points dropped, and confusable letters mapped to the ASCII letter
/// with the same ICU skeleton.
struct Folder {
    enum CharClass: UInt8 {
        case other = 0, letter, digit, space, newline, mark, punct, ignorable
    }

    /// A direct-mapped cache by the scalar's low bits: text reuses few
    /// distinct non-ASCII characters, and a hit costs no hashing.
    /// Allocated on the first non-ASCII character (most drafts have few).
    private var cacheKeys: [UInt32] = []
    private var cacheValues: [(CharClass, [UInt8])] = []

    @inline(__always)
    static func classOfASCII(_ c: UInt8) -> CharClass {
        switch c {
        case 0x61...0x7A, 0x41...0x5A: return .letter
        case 0x30...0x39: return .digit
        case 0x20, 0x09: return .space
        case 0x0A, 0x0D, 0x0B, 0x0C: return .newline
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return .punct
        // Other control characters (NUL, ESC, DEL, ...) carry no text: like a
        // zero-width space, they must not split "res\0olved" into two words.
        default: return .ignorable
        }
    }

    /// The class of a non-ASCII scalar and its folded UTF-8 bytes.
    mutating func fold(_ scalar: UInt32) -> (CharClass, [UInt8]) {
        if cacheKeys.isEmpty {
            cacheKeys = Array(repeating: 0, count: 1024)
            cacheValues = Array(repeating: (.other, []), count: 1024)
        }
        let slot = Int(scalar & 1023)
        if cacheKeys[slot] == scalar { return cacheValues[slot] }
        // C1 control characters (U+0080 to U+009F, NEL among them) are
        // ignorable, as the C0 ones are.
        if scalar <= 0x9F {
            cacheKeys[slot] = scalar
            cacheValues[slot] = (.ignorable, [])
            return (.ignorable, [])
        }
        let charClass = CharClass(rawValue: UInt8(vouch_icu_class(Int32(bitPattern: scalar)))) ?? .other
        var out = [Int32](repeating: 0, count: 16)
        let n = out.withUnsafeMutableBufferPointer { vouch_icu_fold(Int32(bitPattern: scalar), $0.baseAddress, 16) }
        var utf8: [UInt8] = []
        for k in 0..<Int(n) {
            if let s = Unicode.Scalar(UInt32(bitPattern: out[k])) { utf8.append(contentsOf: String(s).utf8) }
        }
        let result = (charClass, utf8)
        cacheKeys[slot] = scalar   // never 0: only non-ASCII scalars come here
        cacheValues[slot] = result
        return result
    }
}
