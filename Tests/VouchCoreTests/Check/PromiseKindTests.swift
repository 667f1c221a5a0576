import Testing
@testable import VouchCore

@Suite struct EnginePromiseKindTests {
    static let pack = enginePack("""
        rules:
          - id: promise.eta
            kind: promise
            phrases:
              - by (<time> | <num> (am | pm))
            allowed_when: eta
            message: '"{match}" commits to a time, but {reason}'
            suggestion:
              - "our next update will be at {next_update_at}"
              - "we will share an update soon"
          - id: promise.guarantee
            kind: promise
            severity: warning
            phrases: [never happen again]
            allowed_when: never
            message: '"{match}" is a guarantee ({reason})'
        """)

    static let identified = facts("status: identified")

    private func findings(_ m: Marked, facts: Facts? = identified) -> [Finding] {
        engineCheck(m, Self.pack, facts: facts).findings
    }

    private func silenced(_ m: Marked, facts: Facts? = identified) -> [String] {
        let result = engineCheck(m, Self.pack, facts: facts)
        #expect(result.findings == [])
        return result.silenced.map(\.reason)
    }

    @Test func promiseIsNotSilencedByHypothetical() {
        let m = Marked("The fix will ship [[by 16:00]].")
        #expect(findings(m) == [Finding(
            rule: "promise.eta", category: "promise.eta", severity: .error,
            message: "\"by 16:00\" commits to a time, but eta is not set", match: "by 16:00",
            line: 1, column: 19, range: m.range, fact: "eta", suggestion: "we will share an update soon")])
        let conditional = Marked("Once it deploys, it is done [[by 5 pm]].")
        #expect(findings(conditional).map(\.range) == [conditional.range])
    }

    @Test func suggestionUsesAFactWhenSet() {
        let m = Marked("Done [[by 5pm]].")
        #expect(findings(m, facts: facts("status: identified\nnext_update_at: 2026-11-22T17:00:00Z")).map(\.suggestion)
            == ["our next update will be at 2026-11-22 17:00 UTC"])
    }

    @Test func allowedWhenEtaIsSet() {
        #expect(silenced(Marked("Done by 5pm."), facts: facts("status: identified\neta: 2026-11-22T17:00:00Z")) == ["allowed: eta"])
    }

    @Test func neverAllowed() {
        let m = Marked("This will [[never happen again]].")
        let found = findings(m, facts: facts("status: fixed"))
        #expect(found.map(\.message) == ["\"never happen again\" is a guarantee (never allowed)"])
        #expect(found.map(\.severity) == [.warning])
        #expect(found.map(\.fact) == [nil])
    }

    @Test func silencedByNegationHedgeReportedQuestionQuote() {
        #expect(silenced(Marked("We do not promise anything by 5pm.")) == ["inside the scope of 'not' (ctx.negation), negated"])
        #expect(silenced(Marked("Maybe by 5pm.")) == ["inside the scope of 'Maybe' (ctx.hedge), hedged"])
        #expect(silenced(Marked("You said by 5pm.")) == ["inside the scope of 'You said' (ctx.reported), reported"])
        #expect(silenced(Marked("Will it be fixed by 5pm?")) == ["the sentence is a question"])
        #expect(silenced(Marked("> fixed by 5pm")) == ["quoted text"])
    }

    @Test func negationInsideTheMatchDoesNotCount() {
        // The guarantee's own "never" is not a negation of it.
        let m = Marked("It will [[never happen again]].")
        #expect(findings(m).map(\.range) == [m.range])
    }
}
