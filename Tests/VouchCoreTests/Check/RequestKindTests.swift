import Testing
@testable import VouchCore

@Suite struct EngineRequestKindTests {
    static let pack = enginePack("""
        rules:
          - id: secret.request
            kind: request
            phrases:
              - (password | api key | recovery codes)
            message: 'asks the reader for a secret: "{match}"'
            suggestion: never share credentials; we will not ask for them
        """)

    private func findings(_ m: Marked, audience: Audience = .customer) -> [Finding] {
        engineCheck(m, Self.pack, audience: audience).findings
    }

    private func silenced(_ m: Marked) -> [String] {
        let result = engineCheck(m, Self.pack)
        #expect(result.findings == [])
        return result.silenced.map(\.reason)
    }

    @Test func flaggedInARequestScope() {
        let m = Marked("Please send us your [[API key]].")
        #expect(findings(m) == [Finding(
            rule: "secret.request", category: "secret.request", severity: .error,
            message: "asks the reader for a secret: \"API key\"", match: "API key",
            line: 1, column: 21, range: m.range, fact: nil, suggestion: "never share credentials; we will not ask for them")])
    }

    @Test func stillFlaggedInAQuestion() {
        let m = Marked("Can you paste your [[recovery codes]] here?")
        #expect(findings(m).map(\.range) == [m.range])
    }

    @Test func allAudiences() {
        let m = Marked("Share your [[password]].")
        #expect(findings(m, audience: .internal).map(\.range) == [m.range])
        #expect(findings(m, audience: .public).map(\.range) == [m.range])
    }

    @Test func notARequestWithoutAScope() {
        #expect(silenced(Marked("Your password is safe.")) == ["nothing asks the reader for it"])
        #expect(silenced(Marked("Is your password safe?")) == ["nothing asks the reader for it"])
    }

    @Test func scopeIsCappedAndCut() {
        // max_tokens 6: seven tokens between "send us" and "password".
        #expect(silenced(Marked("Please send us the report about the reset of your password.")) == ["nothing asks the reader for it"])
        #expect(findings(Marked("Please send us the report of your [[password]].")).count == 1)
        #expect(silenced(Marked("Send us the logs, but keep your password.")) == ["nothing asks the reader for it"])
        #expect(silenced(Marked("Send us the logs. Keep your password.")) == ["nothing asks the reader for it"])
    }

    @Test func silencedByNegationReportedAndQuotes() {
        #expect(silenced(Marked("Never send us your password.")) == ["inside the scope of 'Never' (ctx.negation), negated"])
        #expect(silenced(Marked("The customer said send the password.")) == ["inside the scope of 'The customer said' (ctx.reported), reported"])
        #expect(silenced(Marked("> please send your password")) == ["quoted text"])
    }

    @Test func hypotheticalDoesNotSilenceARequest() {
        let m = Marked("If you can, send us your [[password]].")
        #expect(findings(m).map(\.range) == [m.range])
    }
}
