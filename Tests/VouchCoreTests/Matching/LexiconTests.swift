import Testing
@testable import VouchCore

/// Inflection of pattern words, the `=word` exact marker, the pack's
/// `lexicon:` and the `<past>` class.
@Suite struct EngineLexiconTests {
    private func lexicon(past: [String: [String]] = [:], present: [String: [String]] = [:],
                         variants: [[String]] = [], notPast: [String] = []) throws -> Lexicon {
        var lexicon = Lexicon()
        try lexicon.merge(past: past, present: present, variants: variants, notPast: notPast)
        return lexicon
    }

    // MARK: Suffix rules

    @Test(arguments: [
        ("return", ["return", "return's", "returns", "returned", "returning"]),
        ("resolve", ["resolve", "resolve's", "resolves", "resolved", "resolving"]),
        ("fix", ["fix", "fix's", "fixes", "fixed", "fixing"]),
        ("apply", ["apply", "apply's", "applies", "applied", "applying"]),
        ("delay", ["delay", "delay's", "delays", "delayed", "delaying"]),
        ("stop", ["stop", "stop's", "stops", "stoped", "stoping", "stopped", "stopping"]),
        ("tie", ["tie", "tie's", "ties", "tied", "tying"]),
        ("agree", ["agree", "agree's", "agrees", "agreed", "agreeing"]),
        ("patch", ["patch", "patch's", "patches", "patched", "patching"]),
    ])
    func baseFormsInflect(word: String, expected: [String]) {
        let forms = Lexicon().forms(of: word)
        #expect(forms.first == word)
        #expect(Set(forms) == Set(expected), "\(word): \(forms)")
    }

    @Test(arguments: ["resolved", "identified", "restored", "be", "up", "x9", "co-op", "é"])
    func inflectedShortOrNonLetterWordsStayAsWritten(word: String) {
        #expect(Lexicon().forms(of: word) == [word])
    }

    @Test func progressiveFormsTakeOnlyAPlural() {
        #expect(Lexicon().forms(of: "finding") == ["finding", "findings"])
        #expect(Lexicon().forms(of: "ping") == ["ping", "pings", "pinged", "pinging", "ping's"], "a four-letter -ing word is a base form")
    }

    // MARK: The pack's lexicon

    @Test func irregularFormsComeFromTheLexicon() throws {
        let lexicon = try lexicon(past: ["find": ["found"], "be": ["was", "were", "been"]], present: ["be": ["am", "is", "are"]])
        #expect(Set(lexicon.forms(of: "find")) == ["find", "found", "finds", "finding"], "no possessive of an irregular verb")
        #expect(Set(lexicon.forms(of: "be")) == ["be", "was", "were", "been", "am", "is", "are", "bes", "being"])
        // An irregular form is itself written inflected: it stays.
        #expect(lexicon.forms(of: "found") == ["found"])
        #expect(lexicon.irregularPast == ["found", "was", "were", "been"])
    }

    @Test func variantsShareTheirInflections() throws {
        let lexicon = try lexicon(variants: [["behavior", "behaviour"]])
        #expect(Set(lexicon.forms(of: "behaviour")) == ["behaviour", "behaviours", "behavioured", "behaviouring", "behaviour's",
                                                       "behavior", "behaviors", "behaviored", "behavioring", "behavior's"])
    }

    @Test func aWordGivenTwiceIsAnError() throws {
        var lexicon = try lexicon(past: ["find": ["found"]], variants: [["grey", "gray"]])
        #expect(throws: VouchError("lexicon: past forms of 'find' are given twice")) {
            try lexicon.merge(past: ["find": ["finded"]], present: [:], variants: [], notPast: [])
        }
        #expect(throws: VouchError("lexicon: the variant 'gray' is given twice")) {
            try lexicon.merge(past: [:], present: [:], variants: [["gray", "grey"]], notPast: [])
        }
    }

    @Test func aLexiconInOneFileInflectsEveryFile() throws {
        let pack = try RulePack(files: [
            ("lexicon.yaml", "lexicon:\n  past:\n    go: [went, gone]\n"),
            ("test.yaml", """
            rules:
              - id: claim.gone
                kind: claim
                phrases: [go away]
                message: m
            """),
        ])
        #expect(engineCheck(Marked("It [[went away]]."), pack).findings.map(\.range) == [Marked("It [[went away]].").range])
        #expect(engineCheck(Marked("It [[has gone away]]."), pack).findings.count == 1)
        #expect(engineCheck(Marked("It goes on."), pack).findings.isEmpty)
    }

    @Test(arguments: [
        ("lexicon:\n  pasts: {}\n", "test.yaml:2:3: unknown key 'pasts' in lexicon (allowed: past, present, variants, not_past)"),
        ("lexicon:\n  variants:\n    - [grey]\n", "test.yaml:3:7: lexicon.variants: a group needs at least two spellings"),
        ("lexicon:\n  variants: grey\n", "test.yaml:2:13: lexicon.variants: expected a list of lists of spellings"),
    ])
    func lexiconErrorsNameTheirLine(yaml: String, message: String) {
        #expect(loadError(yaml) == message)
    }

    @Test func aFileWithOnlyALexiconLoads() {
        #expect(loadError("lexicon:\n  not_past: [hundred]\n") == nil)
    }

    // MARK: Matching

    private static let backUp = """
        rules:
          - id: claim.backup
            kind: claim
            phrases: ["=back up", "return to normal"]
            message: m
        """

    @Test func anExactWordDoesNotInflect() {
        let pack = enginePack(Self.backUp)
        #expect(engineCheck(Marked("Everything is [[back up]]."), pack).findings.count == 1)
        #expect(engineCheck(Marked("Queues backed up overnight."), pack).findings.isEmpty)
        #expect(engineCheck(Marked("The jobs were backing up."), pack).findings.isEmpty)
    }

    @Test(arguments: ["Latency [[returned to normal]].", "Latency [[returns to normal]].", "Latency is [[returning to normal]]."])
    func aBaseWordMatchesItsForms(text: String) {
        let m = Marked(text)
        #expect(engineCheck(m, enginePack(Self.backUp)).findings.map(\.range) == [m.range])
    }

    @Test(arguments: ["It was [[our provider’s problem]].", "It was [[our provider's problem]].", "It was [[our providers problem]]."])
    func aPossessiveIsAForm(text: String) {
        let pack = enginePack("rules:\n  - id: claim.vendor\n    kind: claim\n    phrases: [our provider problem]\n    message: m\n")
        let m = Marked(text)
        #expect(engineCheck(m, pack).findings.map(\.range) == [m.range])
    }

    private static let pastRule = """
        rules:
          - id: claim.past
            kind: claim
            phrases: ["=was <past>"]
            message: m
        """

    @Test(arguments: [("The job [[was restarted]].", true), ("The job [[was found]].", true),
                      ("The job was needed.", false), ("The job was hundred.", false), ("The job was fine.", false)])
    func pastMatchesPastForms(text: String, flagged: Bool) throws {
        let pack = try RulePack(files: [("lexicon.yaml", "lexicon:\n  past:\n    find: [found]\n  not_past: [need, needed, hundred]\n"),
                                        ("test.yaml", Self.pastRule)])
        #expect(engineCheck(Marked(text), pack).findings.isEmpty == !flagged, "\(text)")
    }
}
