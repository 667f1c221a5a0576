import Testing
@testable import VouchCore

@Suite struct EngineTokenizerTests {
    private func stream(_ text: String) -> (TokenStream, SourceText) {
        let source = SourceText(path: "draft.txt", text: text)
        let stream = Tokenizer(vocabulary: Vocabulary()).tokenize(source, regions: Regions(source.bytes), recordFolded: true)
        return (stream, source)
    }

    /// Folded text of each token (drafts without code, URLs or emails).
    private func folded(_ text: String) -> [String] {
        stream(text).0.folded.map { String(decoding: $0, as: UTF8.self) }
    }

    private func kinds(_ text: String) -> [Token.Kind] {
        stream(text).0.tokens.map(\.kind)
    }

    /// Source text of each sentence, from its first token to its last.
    private func sentences(_ text: String) -> [String] {
        let (s, source) = stream(text)
        return (0..<s.sentenceCount).map { k in
            let r = s.sentenceRange(k)
            return source.text(Int(s.tokens[r.lowerBound].start)..<Int(s.tokens[r.upperBound - 1].end))
        }
    }

    private func questions(_ text: String) -> [Bool] { stream(text).0.questionMark.map { $0 >= 0 } }

    // MARK: Folding

    @Test func fullwidthAndCase() {
        #expect(folded("ＲＥＳＯＬＶＥＤ Resolved") == ["resolved", "resolved"])
        #expect(folded("ﬁxed") == ["fixed"])
    }

    @Test func ignorablesInsideAWord() {
        #expect(folded("res\u{200B}olved") == ["resolved"])
        #expect(folded("re\u{00AD}solved") == ["resolved"])
        #expect(folded("\u{200B}resolved") == ["resolved"])
        // The whole word, invisible characters included, is one token.
        #expect(stream("re\u{00AD}solved!").0.tokens.map { [$0.start, $0.end] } == [[0, 10], [10, 11]])
    }

    /// Control characters carry no text: inside a word they are skipped
    /// like a zero-width space, so "res\0olved" is still "resolved".
    @Test func controlCharactersInsideAWord() {
        for control in ["\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{8}"] {
            #expect(folded("res\(control)olved") == ["resolved"], "\(control.unicodeScalars.first!.value)")
            #expect(check("It is res\(control)olved.", facts: facts("status: identified\n")).map(\.rule) == ["claim.resolved"])
        }
        // The token still spans the original bytes.
        #expect(stream("re\u{1B}solved").0.tokens.map { [$0.start, $0.end] } == [[0, 9]])
        // Tabs and line ends still separate words.
        #expect(folded("a\tb\nc\u{B}d\u{C}e") == ["a", "b", "c", "d", "e"])
    }

    @Test func homoglyphsAndAccents() {
        #expect(folded("res\u{043E}lved") == ["resolved"])   // Cyrillic o
        #expect(folded("\u{0440}ending \u{0455}orted") == ["pending", "sorted"])   // Cyrillic er, dze
        #expect(folded("Résolu naïve e\u{301}tat") == ["resolu", "naive", "etat"])
    }

    @Test func apostrophes() {
        #expect(folded("won’t Won't customer's") == ["won't", "won't", "customer's"])
        #expect(folded("'resolved'") == ["'", "resolved", "'"])
        #expect(folded("customers' data") == ["customers", "'", "data"])
    }

    @Test func hyphens() {
        #expect(folded("short-lived short‐lived") == ["short", "-", "lived", "short", "-", "lived"])
    }

    // MARK: Ranges

    @Test func tokenRangesAreByteExact() {
        let m = Marked("[[We’ve]] [[fixed]] [[it]][[.]] [[👍]][[ｏｋ]]")
        let (s, _) = stream(m.text)
        #expect(s.tokens.map { Int($0.start)..<Int($0.end) } == m.ranges)
        // "fixed" is an -ed word: a past form, which `<past>` matches.
        #expect(s.tokens.map(\.kind) == [.word, .past, .word, .punct, .punct, .word])
    }

    @Test func opaqueTokensCoverTheirRegion() {
        let m = Marked("See [[https://x.example/a]] and [[`fixed`]] or [[dana@example.com]].")
        let (s, _) = stream(m.text)
        #expect(s.tokens.filter { $0.kind == .opaque }.map { Int($0.start)..<Int($0.end) } == m.ranges)
    }

    @Test func quotedTokens() {
        let (s, _) = stream("We said \"it is fixed\" today")
        #expect(s.tokens.map(\.quoted) == [false, false, true, true, true, true, true, false])
    }

    // MARK: Numbers and times

    @Test func times() {
        #expect(kinds("by 16:00 today") == [.word, .time, .word])
        #expect(folded("by 16:00 today") == ["by", "16:00", "today"])
        #expect(kinds("5pm 11AM 5:30pm") == [.time, .time, .time])
        #expect(folded("11AM") == ["11am"])
        #expect(kinds("5 pm") == [.number, .word])
        #expect(kinds("1.5 12") == [.number, .number])
        #expect(kinds("16:00.") == [.time, .punct])
        #expect(kinds("12: x") == [.number, .punct, .word])
        #expect(kinds("123pm v2") == [.word, .word])
    }

    // MARK: Sentences

    @Test func sentenceSplits() {
        #expect(sentences("It is fixed. We checked.") == ["It is fixed.", "We checked."])
        #expect(sentences("Is it fixed? We checked") == ["Is it fixed?", "We checked"])
        #expect(sentences("Fixed!Next") == ["Fixed!Next"])
        #expect(sentences("Fixed.Next") == ["Fixed.Next"])
        #expect(sentences("One\n\nTwo") == ["One", "Two"])
        #expect(sentences("one\r\n\r\ntwo") == ["one", "two"])
        #expect(sentences("one\r\rtwo") == ["one", "two"])
        #expect(sentences("It is resolved… We checked") == ["It is resolved…", "We checked"])
    }

    @Test func wrappedLines() {
        #expect(sentences("we have not\nresolved it") == ["we have not\nresolved it"])
        #expect(sentences("fixed by\n5pm") == ["fixed by\n5pm"])
        #expect(sentences("it is,\nresolved") == ["it is,\nresolved"])
        #expect(sentences("We have not\nResolved it") == ["We have not", "Resolved it"])
        #expect(sentences("Fixed.\nthe end") == ["Fixed.", "the end"])
        #expect(sentences("Status\n- resolved") == ["Status", "- resolved"])
    }

    @Test func abbreviationsDoNotSplit() {
        #expect(sentences("Some pages, e.g. the dashboard, are slow.") == ["Some pages, e.g. the dashboard, are slow."])
        #expect(sentences("See e.g. The page") == ["See e.g. The page"])
        #expect(sentences("Dr. Smith fixed it.") == ["Dr. Smith fixed it."])
    }

    /// Regression test: "no" is an abbreviation ("No. 5"), so a sentence that ends in
    /// the word "no" runs on into the next, where the negation trigger "no"
    /// then silences a claim ("The answer is no. It is resolved.").
    @Test func sentenceEndingInNo() {
        #expect(sentences("The answer is no. It is resolved.") == ["The answer is no.", "It is resolved."])
    }

    @Test func isQuestion() {
        #expect(questions("Is it fixed? Yes. Really?") == [true, false, true])
        #expect(questions("Is it \"resolved?\" Yes.") == [true, false])
        #expect(sentences("Is it \"resolved?\" Yes.") == ["Is it \"resolved?\"", "Yes."])
        #expect(questions("(Is it fixed?)") == [true])
        #expect(questions("Is it fixed?!") == [false])
        #expect(questions("") == [])
    }
}
