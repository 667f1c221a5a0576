import Testing
@testable import VouchCore

@Suite struct EngineRegionsTests {
    typealias Region = Regions.Region

    private func opaque(_ raw: String) -> (found: [Region], marked: [Range<Int>]) {
        let m = Marked(raw)
        return (Regions(Array(m.text.utf8)).opaque, m.ranges)
    }

    private func quoted(_ raw: String) -> (found: [Region], marked: [Range<Int>]) {
        let m = Marked(raw)
        return (Regions(Array(m.text.utf8)).quoted, m.ranges)
    }

    private func expectOpaque(_ raw: String, _ kinds: [Regions.Kind], sourceLocation: SourceLocation = #_sourceLocation) {
        let (found, marked) = opaque(raw)
        #expect(found == zip(kinds, marked).map { Region(kind: $0, range: $1) }, sourceLocation: sourceLocation)
        #expect(kinds.count == marked.count, sourceLocation: sourceLocation)
    }

    private func expectQuoted(_ raw: String, _ kinds: [Regions.Kind], sourceLocation: SourceLocation = #_sourceLocation) {
        let (found, marked) = quoted(raw)
        #expect(found == zip(kinds, marked).map { Region(kind: $0, range: $1) }, sourceLocation: sourceLocation)
        #expect(kinds.count == marked.count, sourceLocation: sourceLocation)
    }

    // MARK: Fenced code

    @Test func backtickFence() {
        expectOpaque("Before\n[[```\nit is resolved\n```]]\nAfter", [.fencedCode])
        expectOpaque("[[```swift\nfixed()\n```]]", [.fencedCode])
    }

    @Test func tildeFenceAndIndent() {
        expectOpaque("Text\n[[  ~~~\nresolved\n  ~~~]]\nmore", [.fencedCode])
        // A ``` line does not close a ~~~ fence.
        expectOpaque("[[~~~\nx\n```\nresolved\n~~~]]", [.fencedCode])
    }

    /// One stray fence must not hide the rest of a draft from every rule:
    /// a fence that is never closed is code on its own line only.
    @Test func unterminatedFenceIsItsOwnLineOnly() {
        expectOpaque("Text\n[[```]]\nresolved\nstill prose", [.fencedCode])
        expectOpaque("Text\r\n[[```]]\r\nresolved\r\n", [.fencedCode])
        // After a stray fence, a real block still pairs up.
        expectOpaque("[[~~~]]\nprose\n[[```\ncode\n```]]\nmore", [.fencedCode, .fencedCode])
        // A stray fence after a closed block.
        expectOpaque("[[```\ncode\n```]]\nprose\n[[```]]\nresolved", [.fencedCode, .fencedCode])
        let claims = check("Here is the log:\n```\nThe issue is resolved.", facts: facts("status: identified\n"))
        #expect(claims.map(\.rule) == ["claim.resolved"])
    }

    /// Opening marks without a closing one are searched for once per kind
    /// of mark, not once each: linear in the paragraph.
    @Test(.timeLimit(.minutes(1)))
    func manyUnmatchedQuotationMarksAreLinear() {
        let paragraph = String(repeating: "we are \u{201C}investigating ", count: 40_000) + "and \u{00AB}this\u{00BB} is quoted."
        let regions = Regions(Array(paragraph.utf8))
        #expect(regions.quoted.count == 1)
        #expect(String(decoding: Array(paragraph.utf8)[regions.quoted[0].range], as: UTF8.self) == "\u{00AB}this\u{00BB}")
    }

    @Test func fenceAfterByteOrderMark() {
        // The fence's line range starts at byte 0, byte order mark included.
        let bom = "\u{FEFF}```\nresolved\n```"
        #expect(Regions(Array(bom.utf8)).opaque == [Region(kind: .fencedCode, range: 0..<19)])
        #expect(Regions(Array("\u{FEFF}x\n```\nresolved\n```".utf8)).opaque == [Region(kind: .fencedCode, range: 5..<21)])
    }

    @Test func twoBackticksAreNotAFence() {
        expectOpaque("[[``resolved``]] and ``", [.inlineCode])
    }

    // MARK: Inline code

    @Test func inlineCode() {
        expectOpaque("Run [[`fix --now`]] today", [.inlineCode])
        expectOpaque("[[``a ` b``]] c", [.inlineCode])
        expectOpaque("[[`a`]] and [[`b`]]", [.inlineCode, .inlineCode])
        // An unmatched backtick, and one that does not close on the same line.
        expectOpaque("a ` b", [])
        expectOpaque("a `b\nc` d", [])
    }

    // MARK: URLs

    @Test func urlTrailingPunctuationIsLeftOut() {
        expectOpaque("See [[https://status.example.com/incidents/1]].", [.url])
        expectOpaque("[[www.example.com]], then", [.url])
        expectOpaque("Go to [[HTTP://X.COM/a?b=c]]!", [.url])
        expectOpaque("Try [[ftp://files.example.com/x.log]]; or", [.url])
        expectOpaque("'[[https://a.example/x]]'", [.url])
    }

    @Test func urlParentheses() {
        expectOpaque("([[https://en.wikipedia.org/wiki/Foo_(bar)]])", [.url])
        expectOpaque("(see [[https://example.com/a]]).", [.url])
        expectOpaque("([[https://example.com/a]].)", [.url])
    }

    @Test func urlStops() {
        expectOpaque("<[[https://example.com/x]]>", [.url])
        expectOpaque("<[[https://example.com/x]]> \"[[www.example.com]]\"", [.url, .url])
        // Not a URL: letters before the scheme, or a scheme with nothing after it.
        expectOpaque("xhttps://example.com", [])
        expectOpaque("http:// is a scheme", [])
    }

    // MARK: Email addresses

    @Test func emails() {
        expectOpaque("Contact [[dana@example.com]].", [.email])
        expectOpaque("[[first.last+tag@mail.example.co]], thanks", [.email])
        expectOpaque("(.[[dana@example-mail.com]]-)", [.email])
        expectOpaque("@mention a@b.c user@localhost", [])
    }

    // MARK: Quotations

    @Test func quoteLines() {
        expectQuoted("Intro\n[[> your VP says it is resolved]]\nOutro", [.quoteLine])
        expectQuoted("[[  > indented]]\r\n[[>]]", [.quoteLine, .quoteLine])
        // A quotation inside a quoted line is part of it.
        expectQuoted("[[> he said \"resolved\" twice]]", [.quoteLine])
    }

    @Test func doubleQuotes() {
        expectQuoted("He said [[\"resolved\"]] twice", [.quotation])
        expectQuoted("[[“resolved”]] and [[„fixed“]] and [[«done»]] and [[「ok」]]", [.quotation, .quotation, .quotation, .quotation])
        // Within one paragraph a quotation may span a line break.
        expectQuoted("[[\"resolved\nfixed\"]] end", [.quotation])
        expectQuoted("a \"b", [])
    }

    @Test func singleQuotesAndApostrophes() {
        expectQuoted("the customer's [['resolved']] flag", [.quotation])
        expectQuoted("We can't say it's fixed", [])
        expectQuoted("the users' [['fixed']] flag", [.quotation])
        expectQuoted("[['resolved.']] we said", [.quotation])
        expectQuoted("customer’s [[‘fixed’]] state", [.quotation])
        expectQuoted("rock 'n roll", [])
    }

    @Test func quotesDoNotPairAcrossBlankLines() {
        expectQuoted("\"resolved\n\nfixed\"", [])
        expectQuoted("\"resolved\n   \nfixed\"", [])
        expectQuoted("\"resolved\r\n\r\n[[\"fixed\"]]", [.quotation])
    }

    @Test func quotesSkipCode() {
        expectQuoted("`\"a` b\" c", [])
        expectQuoted("[[\"y\"]] `\"` z", [.quotation])
    }

    /// Regression test: an opening quotation mark skips code, but the search for its
    /// closing mark does not, so a '"' inside inline code closes it.
    @Test func closingQuoteInsideCode() {
        expectQuoted("`x` [[\"y `\" z`\"]]", [.quotation])
    }

    /// Regression test: a URL is only recognised after an ASCII non-word byte; after any
    /// non-ASCII character (a curly quote, an em dash, a no-break space) it
    /// is not a URL at all, and its path is read as words.
    @Test func urlAfterNonASCII() {
        expectOpaque("“[[https://example.com/x]]”", [.url])
        expectOpaque("See\u{00A0}[[https://status.example.com/resolved]]", [.url])
        expectOpaque("Details—[[https://example.com/x]]", [.url])
    }

    @Test func regionLookup() {
        let regions = Regions(Array("a `b` c `d`".utf8)).opaque
        #expect(Regions.region(at: 2, in: regions)?.range == 2..<5)
        #expect(Regions.region(at: 5, in: regions) == nil)
        #expect(Regions.region(at: 10, in: regions)?.range == 8..<11)
    }
}
