/// Turns a draft into folded tokens and sentences in one pass over its bytes.
///
/// Words are runs of letters, digits and combining marks; default-ignorable
/// code points (zero-width space, soft hyphen) and control characters are
/// skipped without breaking a word; an apostrophe between letters stays in the word ("won't"); "16:00"
/// and "1.5" are one token. Sentences end at ".", "!" or "?" followed by
/// space, at a blank line, and at a line break unless the line runs on into
/// a lowercase continuation (wrapped prose).
struct Tokenizer {
    let vocabulary: Vocabulary

    /// The longest sentence read as one, in tokens.
    static let maxSentenceTokens = 256

    static let abbreviations: Set<String> = ["e", "g", "i", "etc", "vs", "mr", "mrs", "ms", "dr", "approx", "inc", "ltd", "jr", "sr", "st", "cf", "al"]
    static let emDash = Array("\u{2014}".utf8)
    static let enDash = Array("\u{2013}".utf8)

    /// Closing brackets and quotes, which may follow a sentence's final mark.
    @inline(__always)
    static func isCloser(_ mark: UInt8) -> Bool {
        mark == 0x29 || mark == 0x5D || mark == 0x7D || mark == 0x22 || mark == 0x27
    }

    func tokenize(_ source: SourceText, regions: Regions, recordFolded: Bool = false) -> TokenStream {
        var state = State(source: source, vocabulary: vocabulary)
        state.recordFolded = recordFolded
        state.run(regions: regions)
        state.finishSentences()
        return state.stream
    }

    private struct State {
        let bytes: [UInt8]
        let vocabulary: Vocabulary
        var folder = Folder()
        var stream = TokenStream()

        // The word being built.
        var wordStart = -1
        var wordEnd = 0
        var scratch: [UInt8] = []
        var hasLetter = false
        var hasColon = false

        // What lies between the last token and the next one.
        var newlines = 0
        var spaced = false
        var terminalPending = false
        var quotedIndex = 0
        var quoted: [Regions.Region] = []
        var recordFolded = false

        init(source: SourceText, vocabulary: Vocabulary) {
            self.bytes = source.bytes
            self.vocabulary = vocabulary
            scratch.reserveCapacity(64)
        }

        mutating func run(regions: Regions) {
            quoted = regions.quoted
            let opaque = regions.opaque
            var opaqueIndex = 0
            let n = bytes.count
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < n {
                if opaqueIndex < opaque.count, opaque[opaqueIndex].range.lowerBound <= i {
                    let range = opaque[opaqueIndex].range
                    opaqueIndex += 1
                    if i < range.upperBound {
                        finishWord()
                        emit(start: range.lowerBound, end: range.upperBound, kind: .opaque, literal: -1, mark: 0)
                        i = range.upperBound
                        continue
                    }
                }
                let b = bytes[i]
                if b < 0x80 {
                    let charClass = Folder.classOfASCII(b)
                    switch charClass {
                    case .letter, .digit:
                        // A run of ASCII letters and digits at once (most of any draft).
                        if wordStart < 0 { beginWord(i) }
                        let end = min(n, opaqueIndex < opaque.count ? opaque[opaqueIndex].range.lowerBound : n)
                        var k = i
                        var letter = false
                        while k < end {
                            let c = bytes[k]
                            if c >= 0x61 && c <= 0x7A { letter = true; scratch.append(c) }
                            else if c >= 0x41 && c <= 0x5A { letter = true; scratch.append(c + 32) }
                            else if c >= 0x30 && c <= 0x39 { scratch.append(c) }
                            else { break }
                            k += 1
                        }
                        hasLetter = hasLetter || letter
                        wordEnd = k
                        i = k
                        continue
                    case .space:
                        finishWord(); spaced = true
                    case .newline:
                        finishWord()
                        if !(b == 0x0A && i > 0 && bytes[i - 1] == 0x0D) { newlines += 1 }
                    case .ignorable:
                        if wordStart >= 0 { wordEnd = i + 1 }
                    default:
                        punctuation(i, i + 1, ascii: b)
                    }
                    i += 1
                    continue
                }
                let (scalar, length) = decode(at: i)
                let (charClass, folded) = folder.fold(scalar)
                switch charClass {
                case .letter, .digit, .mark:
                    if charClass == .mark && wordStart < 0 {
                        punctuation(i, i + length, folded: folded)
                    } else {
                        addToWord(i, i + length, bytes: folded, letter: charClass == .letter)
                    }
                case .ignorable:
                    if wordStart >= 0 { wordEnd = i + length }
                case .space:
                    finishWord(); spaced = true
                case .newline:
                    finishWord(); newlines += 1
                case .punct, .other:
                    punctuation(i, i + length, folded: folded)
                }
                i += length
            }
            finishWord()
        }

        @inline(__always)
        private func decode(at i: Int) -> (UInt32, Int) {
            let b = bytes[i]
            if b < 0xE0 { return (UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
            if b < 0xF0 {
                return (UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
            }
            return (UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
        }

        @inline(__always)
        private mutating func addToWord(_ start: Int, _ end: Int, folded: UInt8, letter: Bool) {
            if wordStart < 0 { beginWord(start) }
            scratch.append(folded)
            hasLetter = hasLetter || letter
            wordEnd = end
        }

        private mutating func addToWord(_ start: Int, _ end: Int, bytes folded: [UInt8], letter: Bool) {
            if wordStart < 0 { beginWord(start) }
            scratch.append(contentsOf: folded)
            hasLetter = hasLetter || letter
            wordEnd = end
        }

        private mutating func beginWord(_ start: Int) {
            wordStart = start
            scratch.removeAll(keepingCapacity: true)
            hasLetter = false
            hasColon = false
        }

        /// Whether the code point at `i` folds to a letter or digit.
        private mutating func wordCharacter(at i: Int) -> Bool {
            guard i < bytes.count else { return false }
            let b = bytes[i]
            if b < 0x80 {
                let c = Folder.classOfASCII(b)
                return c == .letter || c == .digit
            }
            let c = folder.fold(decode(at: i).0).0
            return c == .letter || c == .digit
        }

        /// Whether the one-character mark `c` ending at `end` stays inside
        /// the word being built (and adds it): "won't", "customer's" (an
        /// apostrophe between letters), "16:00", "1.5" (a separator between
        /// digits).
        private mutating func continuesWord(_ c: UInt8, end: Int) -> Bool {
            guard wordStart >= 0 else { return false }
            if c == UInt8(ascii: "'"), hasLetter, wordCharacter(at: end) {
                scratch.append(c); wordEnd = end
                return true
            }
            if (c == UInt8(ascii: ":") || c == UInt8(ascii: ".")) && !hasLetter,
               end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 {
                scratch.append(c); wordEnd = end
                if c == UInt8(ascii: ":") { hasColon = true }
                return true
            }
            return false
        }

        /// One ASCII punctuation mark (most of them), without building an array.
        private mutating func punctuation(_ start: Int, _ end: Int, ascii c: UInt8) {
            if continuesWord(c, end: end) { return }
            if c == UInt8(ascii: "-") && spacedAround(start, end) { return punctuation(start, end, folded: [c]) }
            finishWord()
            let literal = vocabulary.asciiIDs[Int(c)]
            if recordFolded { stream.folded.append([c]) }
            emit(start: start, end: end, kind: .punct, literal: literal, mark: c)
        }

        private mutating func punctuation(_ start: Int, _ end: Int, folded: [UInt8]) {
            if folded.count == 1, continuesWord(folded[0], end: end) { return }
            finishWord()
            var mark: UInt8 = 0
            var folded = folded
            if folded.count == 1, folded[0] < 0x80 { mark = folded[0] }
            // A hyphen with space on both sides, or an en dash, is a dash
            // between clauses ("the root cause - role changes - is ..."),
            // read as the em dash.
            if (mark == UInt8(ascii: "-") && spacedAround(start, end)) || folded == Tokenizer.enDash {
                folded = Tokenizer.emDash
                mark = 0
            }
            let literal = folded.withUnsafeBufferPointer { vocabulary.lookup($0) }
            if recordFolded { stream.folded.append(folded) }
            emit(start: start, end: end, kind: .punct, literal: literal, mark: mark)
        }

        private mutating func finishWord() {
            guard wordStart >= 0 else { return }
            var kind: Token.Kind
            if hasColon || (hasLetter && Self.isClockTime(scratch)) {
                kind = .time
            } else {
                kind = hasLetter ? .word : .number
            }
            let literal = scratch.withUnsafeBufferPointer { vocabulary.lookup($0) }
            if kind == .word, scratch.withUnsafeBufferPointer({ vocabulary.isPast($0, id: literal) }) { kind = .past }
            if recordFolded { stream.folded.append(scratch) }
            let start = wordStart
            wordStart = -1
            emit(start: start, end: wordEnd, kind: kind, literal: literal, mark: 0)
        }

        /// 5pm, 11am, 5:30pm.
        private static func isClockTime(_ s: [UInt8]) -> Bool {
            guard s.count >= 3, s.last == UInt8(ascii: "m"), s[s.count - 2] == UInt8(ascii: "a") || s[s.count - 2] == UInt8(ascii: "p") else { return false }
            let digits = s.dropLast(2)
            return digits.count <= 2 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }

        private mutating func emit(start: Int, end: Int, kind: Token.Kind, literal: Int32, mark: UInt8) {
            while quotedIndex < quoted.count, quoted[quotedIndex].range.upperBound <= start { quotedIndex += 1 }
            let isQuoted = quotedIndex < quoted.count && quoted[quotedIndex].range.contains(start)
            let token = Token(start: Int32(start), end: Int32(end), literal: literal, kind: kind, quoted: isQuoted, mark: mark)
            if breaksSentence(before: token) {
                stream.sentenceStarts.append(stream.tokens.count)
            }
            if kind == .punct, mark == UInt8(ascii: ".") || mark == UInt8(ascii: "!") || mark == UInt8(ascii: "?") || literal == -1 && isEllipsis(start) {
                terminalPending = !(mark == UInt8(ascii: ".") && followsAbbreviation())
            } else if !(kind == .punct && (Tokenizer.isCloser(mark) || isClosingQuote(start))) {
                terminalPending = false
            }
            stream.tokens.append(token)
            newlines = 0
            spaced = false
        }

        private func breaksSentence(before token: Token) -> Bool {
            guard let previous = stream.tokens.last else { return true }
            // Nobody writes a sentence of hundreds of words; text without
            // sentence ends (a pasted log, a list run together) is read in
            // pieces, at a comma or dash once long, at the cap at the latest,
            // so context resolution stays linear in the text.
            let length = stream.tokens.count - (stream.sentenceStarts.last ?? 0)
            if length >= Tokenizer.maxSentenceTokens { return true }
            if length >= Tokenizer.maxSentenceTokens * 3 / 4, previous.kind == .punct, previous.mark != UInt8(ascii: "'") {
                return true
            }
            if newlines >= 2 { return true }
            if newlines == 1 {
                let runsOn = previous.isWordLike || previous.mark == UInt8(ascii: ",")
                let first = bytes[Int(token.start)]
                let lowercase = (first >= 0x61 && first <= 0x7A) || (first >= 0x30 && first <= 0x39)
                return !(runsOn && lowercase)
            }
            return terminalPending && spaced
        }

        private func spacedAround(_ start: Int, _ end: Int) -> Bool {
            func space(_ i: Int) -> Bool { i < 0 || i >= bytes.count || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D }
            return space(start - 1) && space(end)
        }

        private func followsAbbreviation() -> Bool {
            guard let previous = stream.tokens.last, previous.kind == .word else { return false }
            // The longest abbreviation ("approx") is 6 bytes; a longer word is none.
            if previous.end - previous.start > 6 { return false }
            let text = String(decoding: bytes[Int(previous.start)..<Int(previous.end)], as: UTF8.self).lowercased()
            return text.count == 1 || Tokenizer.abbreviations.contains(text)
        }

        /// "…" at `i`.
        private func isEllipsis(_ i: Int) -> Bool {
            i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA6
        }

        /// A closing quotation mark at `i`: ” ’ or ».
        private func isClosingQuote(_ i: Int) -> Bool {
            if bytes[i] == 0xE2 { return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9D || bytes[i + 2] == 0x99) }
            return bytes[i] == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xBB
        }

        mutating func finishSentences() {
            if stream.sentenceStarts.isEmpty, !stream.tokens.isEmpty { stream.sentenceStarts = [0] }
            stream.questionMark = (0..<stream.sentenceCount).map { k in
                let range = stream.sentenceRange(k)
                var j = range.upperBound - 1
                while j >= range.lowerBound {
                    let t = stream.tokens[j]
                    if t.kind == .punct, Tokenizer.isCloser(t.mark) || isClosingQuote(Int(t.start)) { j -= 1; continue }
                    return t.mark == UInt8(ascii: "?") ? j : -1
                }
                return -1
            }
        }
    }
}
