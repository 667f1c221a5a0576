import Testing
@testable import VouchCore

@Suite struct EnginePatternTests {
    private func parse(_ pattern: String, _ definitions: [String: String] = [:]) throws -> PatternNode {
        try PatternParser(definitions: definitions, fold: Fold.tokens).parse(pattern)
    }

    private func parseError(_ pattern: String, _ definitions: [String: String] = [:]) -> String? {
        do {
            _ = try parse(pattern, definitions)
            return nil
        } catch let error as VouchError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    private func lit(_ word: String) -> PatternNode { .literal(Array(word.utf8)) }

    // MARK: Parser

    @Test func wordsAreFolded() throws {
        #expect(try parse("Resolved") == lit("resolved"))
        #expect(try parse("won’t") == lit("won't"))
        #expect(try parse("ＦＩＸＥＤ =now") == .sequence([lit("fixed"), lit("now")]))
    }

    @Test func alternativesAndOptional() throws {
        #expect(try parse("(resolved | fixed)") == .alternatives([lit("resolved"), lit("fixed")]))
        #expect(try parse("resolved | =back =to =normal") == .alternatives([lit("resolved"), .sequence([lit("back"), lit("to"), lit("normal")])]))
        #expect(try parse("(=has | =have)? =been fixed")
            == .sequence([.repeated(.alternatives([lit("has"), lit("have")]), min: 0, max: 1), lit("been"), lit("fixed")]))
    }

    @Test func repeatsAndClasses() throws {
        #expect(try parse("=no _{0,2} =data") == .sequence([lit("no"), .repeated(.anyWord, min: 0, max: 2), lit("data")]))
        #expect(try parse("=very{3}") == .repeated(lit("very"), min: 3, max: 3))
        #expect(try parse("=a{ 1 , 12 }") == .repeated(lit("a"), min: 1, max: 12))
        #expect(try parse("=by (<time> | <num> (=am | =pm))")
            == .sequence([lit("by"), .alternatives([.time, .sequence([.number, .alternatives([lit("am"), lit("pm")])])])]))
    }

    @Test func escapes() throws {
        #expect(try parse("resolved \\?") == .sequence([lit("resolved"), lit("?")]))
        #expect(try parse("\\(fixed\\)") == .sequence([lit("("), lit("fixed"), lit(")")]))
    }

    @Test func optionalHyphen() throws {
        #expect(try parse("short-lived") == .sequence([lit("short"), .repeated(lit("-"), min: 0, max: 1), lit("lived")]))
        // Only between words: a leading hyphen is required.
        #expect(try parse("-lived") == .sequence([lit("-"), lit("lived")]))
    }

    @Test func definitions() throws {
        let defs = ["done": "(resolved | fixed)", "again": "(=again | =now)", "both": "@done @again"]
        #expect(try parse("@done =again", defs) == .sequence([.alternatives([lit("resolved"), lit("fixed")]), lit("again")]))
        #expect(try parse("@both", defs)
            == .sequence([.alternatives([lit("resolved"), lit("fixed")]), .alternatives([lit("again"), lit("now")])]))
        // The same definition twice in a row is not recursion.
        #expect(try parse("@done @done", defs) == .sequence([.alternatives([lit("resolved"), lit("fixed")]), .alternatives([lit("resolved"), lit("fixed")])]))
    }

    // MARK: Parser errors

    @Test func definitionErrors() {
        #expect(parseError("@nope", ["a": "x", "b": "y"]) == "pattern uses '@nope', which the file does not define (defined: a, b)")
        #expect(parseError("@nope") == "pattern uses '@nope', which the file does not define")
        #expect(parseError("@loop", ["loop": "x @loop"]) == "definition '@loop' refers to itself")
        #expect(parseError("@a", ["a": "x @b", "b": "y @a"]) == "definition '@a' refers to itself")
    }

    @Test func emptyAlternatives() {
        let message = "pattern has an empty alternative (two '|' in a row, or '|' at an end)"
        #expect(parseError("a || b") == message)
        #expect(parseError("(a | )") == message)
        #expect(parseError("| a") == message)
    }

    @Test func unbalancedParentheses() {
        #expect(parseError("(a b") == "pattern has a '(' without its ')'")
        #expect(parseError("((a | b) c") == "pattern has a '(' without its ')'")
    }

    /// Regression test: the message prints the lexer's enum case, not the character.
    @Test func unexpectedClosingParenthesis() {
        #expect(parseError("a b)") != nil)
        #expect(parseError("a b)") == "pattern 'a b)': unexpected ')'")
    }

    /// Regression test: the same enum case name leaks into the definition error.
    @Test func unexpectedClosingParenthesisInDefinition() {
        #expect(parseError("@a", ["a": "x)"]) != nil)
        #expect(parseError("@a", ["a": "x)"]) == "definition '@a': unexpected ')'")
    }

    /// Regression test: the doc comment says a backslash makes `_ @ <` literal, but the
    /// lexer drops the backslash and the parser then reads `_` as any word,
    /// `<num>` as the number class and `@x` as a definition.
    @Test func escapedSpecialWords() {
        #expect((try? parse("a \\_")) == .sequence([lit("a"), lit("_")]))
        #expect((try? parse("\\<num>")) == .sequence([lit("<"), lit("num"), lit(">")]))
        #expect(parseError("\\@home") == nil)
    }

    @Test func badRepeats() {
        #expect(parseError("a{0}") == "pattern has a bad repeat '{0}' (write {n} or {m,n} with 0 <= m <= n <= 12, n >= 1)")
        #expect(parseError("a{2,1}") == "pattern has a bad repeat '{2,1}' (write {n} or {m,n} with 0 <= m <= n <= 12, n >= 1)")
        #expect(parseError("a{1,13}") == "pattern has a bad repeat '{1,13}' (write {n} or {m,n} with 0 <= m <= n <= 12, n >= 1)")
        #expect(parseError("a{x}") == "pattern has a bad repeat '{x}' (write {n} or {m,n} with 0 <= m <= n <= 12, n >= 1)")
        #expect(parseError("{2} a") == "pattern has '?' or '{m,n}' with nothing before it")
        #expect(parseError("(? a)") == "pattern has '?' or '{m,n}' with nothing before it")
    }

    @Test func unknownClassAndEmptyWord() {
        #expect(parseError("by <date>") == "pattern has an unknown class '<date>' (known: <num>, <time>, <past>, _)")
        #expect(parseError("a \u{200B}") == "pattern word '\u{200B}' has no letters, digits or punctuation to match")
    }

    @Test func patternsThatMatchNothing() {
        #expect(parseError("resolved?") == "pattern 'resolved?' can match nothing; every pattern needs at least one required word")
        #expect(parseError("_{0,3}") == "pattern '_{0,3}' can match nothing; every pattern needs at least one required word")
        #expect(parseError("(a? | b)") == "pattern '(a? | b)' can match nothing; every pattern needs at least one required word")
        #expect(parseError("a? b") == nil)
    }

    @Test func sentenceCrossing() throws {
        #expect(Fold.sentenceCrossing(try parse("fixed . thanks")) == ".")
        #expect(Fold.sentenceCrossing(try parse("fixed \\? (yes | no)")) == "?")
        #expect(Fold.sentenceCrossing(try parse("fixed !")) == nil)
        #expect(Fold.sentenceCrossing(try parse("fixed . _?")) == nil)
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases:
                  - fixed . thanks
                message: m
            """) == "test.yaml:5:9: rule claim.x: pattern 'fixed . thanks' can never match: '.' ends a sentence and words follow it")
    }

    /// Regression test: the crossing check treats every "." as a sentence end, but the
    /// tokenizer does not end a sentence after a one-letter abbreviation, so
    /// a pattern such as "by 5 p.m. today" is rejected though it matches.
    @Test func abbreviationDotIsNotASentenceEnd() throws {
        let pattern = try parse("by 5 p.m. today")
        #expect(Fold.sentenceCrossing(pattern) == nil)
    }

    // MARK: Matching

    private static let pack = enginePack("""
        rules:
          - id: claim.hyphen
            kind: claim
            phrases: [short-lived]
            message: "{match}"
          - id: claim.gap
            kind: claim
            phrases: ["nothing _{0,2} was lost"]
            message: "{match}"
          - id: claim.time
            kind: claim
            phrases: ["by <time>"]
            message: "{match}"
          - id: claim.number
            kind: claim
            phrases: ["<num> accounts"]
            message: "{match}"
        """, context: false)

    private func matched(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let m = Marked(raw)
        let found = engineCheck(m, Self.pack).findings
        #expect(found.map(\.range) == m.ranges, sourceLocation: sourceLocation)
    }

    @Test func hyphenIsOptionalWhenMatching() {
        matched("It was [[short-lived]].")
        matched("It was [[short lived]].")
        matched("It was [[Short‐Lived]].")
        matched("It was shortlived.")
    }

    @Test func anyWordGap() {
        matched("[[nothing was lost]]")
        matched("[[Nothing of yours was lost]]")
        matched("nothing at all of yours was lost")
        matched("nothing. It was lost")
    }

    @Test func classes() {
        matched("Fixed [[by 16:00]] or [[by 5pm]] but not by 5 or by noon.")
        matched("About [[14 accounts]], not fourteen accounts; [[1.5 accounts]].")
    }

    @Test func wordsMatchAfterFolding() {
        matched("It was [[ｓｈｏｒｔ-ｌｉｖｅｄ]] and [[sh\u{200B}ort lived]] and [[sh\u{043E}rt-lived]].")
    }
}
