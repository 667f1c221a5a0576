import Testing
@testable import VouchCore

@Suite struct EngineSourceTextTests {
    /// Line and column of every point marker in `raw`.
    private func positions(_ raw: String) -> [String: [Int]] {
        let m = Marked(raw)
        let source = m.source
        return m.points.mapValues { [source.line(of: $0), source.column(of: $0)] }
    }

    @Test func lfLines() {
        #expect(positions("1️⃣one\ntw2️⃣o\n3️⃣") == ["1": [1, 1], "2": [2, 3], "3": [3, 1]])
        #expect(SourceText(path: "d", text: "one\ntwo\n").lineStarts == [0, 4, 8])
    }

    @Test func crlfIsOneLineEnd() {
        #expect(positions("ab1️⃣\r\n2️⃣cd3️⃣\r\n\r\n4️⃣e") == ["1": [1, 3], "2": [2, 1], "3": [2, 3], "4": [4, 1]])
        #expect(SourceText(path: "d", text: "ab\r\ncd").lineStarts == [0, 4])
    }

    @Test func loneCRIsALineEnd() {
        #expect(positions("ab\r1️⃣cd\r\r2️⃣e") == ["1": [2, 1], "2": [4, 1]])
        #expect(SourceText(path: "d", text: "a\n\rb").lineStarts == [0, 2, 3])
    }

    @Test func byteOrderMarkDoesNotShiftLineOne() {
        #expect(positions("\u{FEFF}1️⃣It is r2️⃣esolved\n3️⃣x") == ["1": [1, 1], "2": [1, 8], "3": [2, 1]])
        let source = SourceText(path: "d", text: "\u{FEFF}abc")
        #expect(source.lineStarts == [3])
        #expect(source.column(of: 0) == 1)
        #expect(source.lineText(1) == "abc")
    }

    /// Columns computed for many offsets at once agree with counting from
    /// the line start for each (the definition), on lines mixing ASCII,
    /// accents, emoji, CJK and CRLF.
    @Test func batchColumnsAgreeWithTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "word ", "é", "e\u{301}", "👍🏽", "👩‍👩‍👧", "日本", "\r\n", "\n", "\t", " ", "x"]
        for _ in 0..<40 {
            let text = (0..<Int.random(in: 1...200, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let source = SourceText(path: "d", text: text)
            // Offsets at scalar boundaries, in random order, some repeated.
            let scalarStarts = text.unicodeScalars.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } + [source.bytes.count]
            let offsets = (0..<50).map { _ in scalarStarts.randomElement(using: &generator)! }
            let batch = source.columns(of: offsets)
            for (k, offset) in offsets.enumerated() {
                let start = source.lineStarts[source.line(of: offset) - 1]
                let definition = Graphemes.count(in: source.bytes[start..<max(start, offset)]) + 1
                #expect(batch[k] == definition, "offset \(offset) in \(text.debugDescription)")
            }
        }
    }

    /// One 4 MB line full of findings: columns are found in one pass over
    /// the line, not once per finding from the line start.
    @Test(.timeLimit(.minutes(1)))
    func longLineWithManyFindingsIsLinear() {
        let sentence = "It is resolved and it was an outage. "
        let line = "é " + String(repeating: sentence, count: 4 * 1024 * 1024 / sentence.utf8.count)
        let result = Repository.checker.check(SourceText(path: "d", text: line), facts: facts("status: identified\n"),
                                              options: CheckOptions(maxFindings: .max))
        #expect(result.findings.count > 100_000)
        #expect(result.findings[2].column == 3 + sentence.count + 6)
        let last = result.findings[result.findings.count - 1]
        #expect(last.column == Graphemes.count(in: SourceText(path: "d", text: line).bytes[0..<last.range.lowerBound]) + 1)
    }

    @Test func columnsCountGraphemeClusters() {
        // Thumbs up with a skin tone (8 bytes), a ZWJ family (18 bytes), a
        // flag (8 bytes): one column each.
        #expect(positions("👍🏽 1️⃣x") == ["1": [1, 3]])
        #expect(positions("👩‍👩‍👧 1️⃣x") == ["1": [1, 3]])
        #expect(positions("🇫🇷🇩🇪 1️⃣x") == ["1": [1, 4]])
        // e + combining acute is one column; so is a precomposed é.
        #expect(positions("e\u{301}tat 1️⃣ok") == ["1": [1, 6]])
        #expect(positions("\u{E9}tat 1️⃣ok") == ["1": [1, 6]])
        // Wide characters are one cluster each (column, not display width).
        #expect(positions("日本 1️⃣x") == ["1": [1, 4]])
        #expect(Graphemes.displayWidth(of: "日本") == 4)
        // A second line after emoji starts at column 1 again.
        #expect(positions("👍🏽\r\n1️⃣x") == ["1": [2, 1]])
    }

    @Test func byteOffsetsOfMarkers() {
        let m = Marked("👍🏽 1️⃣x")
        #expect(m.points["1"] == 9)
        #expect(Array("👩‍👩‍👧".utf8).count == 18)
    }

    @Test func lineText() {
        let source = SourceText(path: "d", text: "one\r\ntwo\rthree\n\nfive")
        #expect((1...5).map(source.lineText) == ["one", "two", "three", "", "five"])
        #expect(SourceText(path: "d", text: "last\n").lineText(2) == "")
        #expect(source.text(5..<8) == "two")
    }

    // MARK: Invalid UTF-8

    private func error(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SourceText(path: "draft.txt", bytes: bytes)
            return nil
        } catch {
            return (error as? VouchError)?.message ?? "\(error)"
        }
    }

    @Test func overlongEncodings() {
        // "/" as two bytes.
        #expect(error([0x61, 0x0A, 0xC0, 0xAF]) == "draft.txt:2: not valid UTF-8 (bad byte 0xC0 at offset 2)")
        #expect(error([0xC1, 0xBF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xC1 at offset 0)")
        // U+002F as three bytes, U+0800 lower bound just missed.
        #expect(error([0x20, 0xE0, 0x80, 0xAF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xE0 at offset 1)")
        #expect(error([0xE0, 0x9F, 0xBF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xE0 at offset 0)")
        // Four bytes for a BMP code point.
        #expect(error([0xF0, 0x8F, 0xBF, 0xBF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xF0 at offset 0)")
        #expect(error([0xE0, 0xA0, 0x80]) == nil)
    }

    @Test func surrogatesAndOutOfRange() {
        #expect(error(Array("ab".utf8) + [0xED, 0xA0, 0x80]) == "draft.txt:1: not valid UTF-8 (bad byte 0xED at offset 2)")
        #expect(error([0xED, 0xBF, 0xBF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xED at offset 0)")
        #expect(error([0xED, 0x9F, 0xBF]) == nil)   // U+D7FF
        #expect(error([0xF4, 0x90, 0x80, 0x80]) == "draft.txt:1: not valid UTF-8 (bad byte 0xF4 at offset 0)")
        #expect(error([0xF5, 0x80, 0x80, 0x80]) == "draft.txt:1: not valid UTF-8 (bad byte 0xF5 at offset 0)")
        #expect(error([0xFF]) == "draft.txt:1: not valid UTF-8 (bad byte 0xFF at offset 0)")
    }

    @Test func truncatedAndStraySequences() {
        #expect(error(Array("abc".utf8) + [0xE2, 0x82]) == "draft.txt:1: not valid UTF-8 (bad byte 0xE2 at offset 3)")
        #expect(error([0xE2, 0x82, 0x41]) == "draft.txt:1: not valid UTF-8 (bad byte 0xE2 at offset 0)")
        #expect(error([0x0A, 0x0A, 0xF0, 0x9F, 0x91]) == "draft.txt:3: not valid UTF-8 (bad byte 0xF0 at offset 2)")
        #expect(error([0x61, 0x80]) == "draft.txt:1: not valid UTF-8 (bad byte 0x80 at offset 1)")
        #expect(error(Array("ok €".utf8)) == nil)
    }

    @Test func invalidByteLineAfterCRLF() {
        #expect(error(Array("a\r\nb".utf8) + [0xFF]) == "draft.txt:2: not valid UTF-8 (bad byte 0xFF at offset 4)")
    }

    /// Regression test: the error counts only LF, while `lineStarts` (and every finding)
    /// also ends a line at a lone CR, so the error names the wrong line.
    @Test func invalidByteLineAfterLoneCR() {
        let bytes = Array("a\rb".utf8) + [0xFF]
        #expect(error(bytes) == "draft.txt:2: not valid UTF-8 (bad byte 0xFF at offset 3)")
    }
}
