import Testing
@testable import VouchCore

@Suite struct EngineClaimKindTests {
    static let pack = enginePack("""
        rules:
          - id: claim.resolved
            kind: claim
            phrases:
              - (resolved | fixed)
              - back to normal
              - everything is back
            exceptions:
              - resolved (address | ip)
            allowed_when: status == fixed and verified.all_impacted
            message: '"{match}" says it is resolved, but {reason}'
            suggestion: a fix is deployed and we are verifying
          - id: claim.outage
            kind: claim
            phrases: [outage]
            allowed_when: kind has outage
            denial:
              flagged_when: kind has outage
              message: '"{match}" denies an outage: {reason} ({fact})'
            message: '"{match}" is not established: {reason} ({fact})'
          - id: claim.temporary
            kind: claim
            phrases: [temporary]
            allowed_when: eta
            message: '"{match}" needs a bound; next update at {next_update_at}'
            suggestion:
              - "until {eta}"
              - "until our next update at {next_update_at}"
              - "we will share the expected duration"
          - id: claim.root-cause
            kind: claim
            phrases: [root cause]
            message: '"{match}" [{reason}{fact}]'
        """)

    static let identified = facts("status: identified\nkind: bug")

    private func findings(_ m: Marked, facts: Facts? = identified) -> [Finding] {
        engineCheck(m, Self.pack, facts: facts).findings
    }

    private func silenced(_ m: Marked, facts: Facts? = identified) -> [String] {
        let result = engineCheck(m, Self.pack, facts: facts)
        #expect(result.findings == [])
        return result.silenced.map(\.reason)
    }

    // MARK: Flagged, with exact findings

    @Test func flaggedClaim() {
        let m = Marked("Hi Dana,\nthe issue is [[resolved]].")
        #expect(findings(m) == [Finding(
            rule: "claim.resolved", category: "claim.resolved", severity: .error,
            message: "\"resolved\" says it is resolved, but status is identified", match: "resolved",
            line: 2, column: 14, range: m.range, fact: "status", suggestion: "a fix is deployed and we are verifying")])
    }

    @Test func reasonsFollowTheFacts() {
        let m = Marked("It is [[fixed]].")
        #expect(findings(m, facts: nil).map(\.message) == ["\"fixed\" says it is resolved, but no facts were given"])
        #expect(findings(m, facts: facts("status: fixed")).map(\.message) == ["\"fixed\" says it is resolved, but verified.all_impacted is not set"])
        let unverified = findings(m, facts: facts("status: fixed\nverified: {all_impacted: false}"))
        #expect(unverified.map(\.message) == ["\"fixed\" says it is resolved, but verified.all_impacted is false"])
        #expect(unverified.map(\.fact) == ["verified.all_impacted"])
    }

    @Test func allowedByFacts() {
        let m = Marked("It is fixed.")
        #expect(silenced(m, facts: facts("status: fixed\nverified: {all_impacted: true}")) == ["allowed: status == fixed and verified.all_impacted"])
    }

    @Test func matchCollapsesWhitespaceAndKeepsPosition() {
        let m = Marked("👍🏽 All good: it is [[back\nto   normal]].")
        let found = findings(m)
        #expect(found.map(\.match) == ["back\nto   normal"])
        #expect(found.map(\.message) == ["\"back to normal\" says it is resolved, but status is identified"])
        #expect(found.map(\.range) == [m.range])
        #expect(found.map { [$0.line, $0.column] } == [[1, 19]])
    }

    @Test func overlappingMatchesOfOneRuleMerge() {
        let m = Marked("Good news: [[everything is back to normal]].")
        #expect(findings(m).map(\.range) == [m.range])
    }

    @Test func crlfAndBOM() {
        let m = Marked("\u{FEFF}Hello.\r\nIt is [[resolved]].")
        #expect(findings(m).map { [$0.line, $0.column, $0.range.lowerBound] } == [[2, 7, m.range.lowerBound]])
    }

    @Test func exceptionsAreNotClaims() {
        let m = Marked("The resolved address is wrong.")
        let result = engineCheck(m, Self.pack, facts: Self.identified)
        #expect(result.findings == [])
        #expect(result.silenced == [])
    }

    // MARK: Silenced

    @Test func negation() {
        #expect(silenced(Marked("It is not resolved yet.")) == ["inside the scope of 'not' (ctx.negation), negated"])
        #expect(silenced(Marked("Nothing is fixed.")) == ["inside the scope of 'Nothing' (ctx.negation), negated"])
        #expect(silenced(Marked("That it is resolved is not the case.")) == ["inside the scope of 'is not the case' (ctx.negation.backward), negated"])
    }

    @Test func hedge() {
        #expect(silenced(Marked("We cannot say whether it is resolved.")) == ["inside the scope of 'whether' (ctx.hedge), hedged"])
    }

    @Test func hypothetical() {
        #expect(silenced(Marked("We will tell you once it is resolved.")) == ["inside the scope of 'will' (ctx.hypothetical), hypothetical"])
        #expect(silenced(Marked("Until it is fixed, use the workaround.")) == ["inside the scope of 'Until' (ctx.hypothetical), hypothetical"])
    }

    @Test func reported() {
        #expect(silenced(Marked("The customer thinks it is fixed.")) == ["inside the scope of 'The customer thinks' (ctx.reported), reported"])
    }

    @Test func silencersInPreferenceOrder() {
        // Reported wins over negated, hedged over hypothetical.
        #expect(silenced(Marked("You said it is not fixed.")) == ["inside the scope of 'You said' (ctx.reported), reported"])
        #expect(silenced(Marked("If maybe it is fixed.")) == ["inside the scope of 'maybe' (ctx.hedge), hedged"])
    }

    @Test func question() {
        #expect(silenced(Marked("Is it resolved?")) == ["the sentence is a question"])
        #expect(findings(Marked("Is it fixed? It is [[resolved]].")).count == 1)
    }

    @Test func quoted() {
        #expect(silenced(Marked("He wrote \"resolved\" in the ticket.")) == ["quoted text"])
        #expect(silenced(Marked("> it is resolved")) == ["quoted text"])
        #expect(silenced(Marked("the status 'resolved' is wrong")) == ["quoted text"])
    }

    @Test func codeAndURLsAreNotRead() {
        for text in ["Run `resolved` now", "See https://status.example.com/resolved today", "```\nresolved\n```"] {
            let result = engineCheck(Marked(text), Self.pack, facts: Self.identified)
            #expect(result.findings == [], "\(text)")
            #expect(result.silenced == [], "\(text)")
        }
    }

    @Test func terminatorCutsTheScope() {
        let m = Marked("It is not new, but it is [[resolved]].")
        #expect(findings(m).map(\.range) == [m.range])
        let semi = Marked("Not new; it is [[resolved]].")
        #expect(findings(semi).map(\.range) == [semi.range])
    }

    @Test func pseudoTriggerSwitchesNegationOff() {
        let m = Marked("Not only is it [[resolved]], it is faster.")
        #expect(findings(m).map(\.range) == [m.range])
    }

    @Test func sentenceEndCutsTheScope() {
        let m = Marked("We did not expect it. It is [[resolved]].")
        #expect(findings(m).map(\.range) == [m.range])
    }

    // MARK: Denial

    @Test func denialFlaggedWhenItContradictsTheFacts() {
        let m = Marked("This is not an [[outage]].")
        #expect(findings(m, facts: facts("status: identified\nkind: [bug, outage]")) == [Finding(
            rule: "claim.outage", category: "claim.outage", severity: .error,
            message: "\"outage\" denies an outage: kind includes outage (kind)", match: "outage",
            line: 1, column: 16, range: m.range, fact: "kind", suggestion: nil)])
    }

    @Test func denialSilentOtherwise() {
        let m = Marked("This is not an outage.")
        #expect(silenced(m, facts: facts("status: identified\nkind: bug")) == ["inside the scope of 'not' (ctx.negation), negated"])
        #expect(silenced(m, facts: nil) == ["inside the scope of 'not' (ctx.negation), negated"])
        // A hedged denial is not a denial.
        #expect(silenced(Marked("We cannot say whether this is not an outage."), facts: facts("status: identified\nkind: outage"))
            == ["inside the scope of 'whether' (ctx.hedge), hedged"])
    }

    @Test func positiveClaimOfTheDenialRule() {
        let m = Marked("This is an [[outage]].")
        #expect(findings(m).map(\.message) == ["\"outage\" is not established: kind is bug (kind)"])
        #expect(findings(m, facts: facts("status: identified\nkind: outage")) == [])
    }

    // MARK: Messages and suggestions

    @Test func suggestionFallsBackWhenAFactIsUnset() {
        let m = Marked("The delay is [[temporary]].")
        let noUpdate = findings(m)
        #expect(noUpdate.map(\.suggestion) == ["we will share the expected duration"])
        let withUpdate = findings(m, facts: facts("status: identified\nnext_update_at: 2026-11-22T17:00:00Z"))
        #expect(withUpdate.map(\.suggestion) == ["until our next update at 2026-11-22 17:00 UTC"])
        #expect(withUpdate.map(\.message) == ["\"temporary\" needs a bound; next update at 2026-11-22 17:00 UTC"])
        #expect(withUpdate.map(\.fact) == ["eta"])
    }

    @Test func ruleWithoutAllowedWhenHasNoReasonOrFact() {
        let m = Marked("The [[root cause]] was a bad deploy.")
        let found = findings(m, facts: facts("status: identified"))
        #expect(found.map(\.message) == ["\"root cause\" []"])
        #expect(found.map(\.fact) == [nil])
        #expect(found.map(\.suggestion) == [nil])
    }

    /// A message naming a fact that is not set still names the match, and
    /// says the fact is not set.
    @Test func messageWithUnsetFactStillNamesTheMatch() {
        let m = Marked("The delay is [[temporary]].")
        let message = findings(m).first?.message
        #expect(message == "\"temporary\" needs a bound; next update at (not set)")
    }

    /// The URL bug seen from a check: after a no-break space the URL is not
    /// recognised, and "resolved" in its path is flagged as a claim.
    @Test func urlAfterNoBreakSpace() {
        let m = Marked("Details:\u{00A0}https://status.example.com/incidents/resolved")
        #expect(findings(m) == [])
    }

    /// The quotation-in-code bug seen from a check: the quotation closes in
    /// the code span, the real closing mark then opens a new quotation, and
    /// the claim after it is silenced as quoted text.
    @Test func quotationClosedInsideCode() {
        let m = Marked("Say \"run `x\"` now\" and it is [[resolved]], \"ok\".")
        #expect(findings(m).map(\.range) == [m.range])
    }

    /// The "no." abbreviation bug seen from a check: the claim in the next
    /// sentence is silenced by the "no" before it.
    @Test func claimAfterSentenceEndingInNo() {
        let m = Marked("The answer is no. It is [[resolved]].")
        #expect(findings(m).map(\.range) == [m.range])
    }
}
