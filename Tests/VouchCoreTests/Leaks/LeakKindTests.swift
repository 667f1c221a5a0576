import Testing
@testable import VouchCore

@Suite struct EngineLeakKindTests {
    static let pack = enginePack(#"""
        rules:
          - id: redact.email
            kind: leak
            audiences: [customer, public]
            regex: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'
            needs: "@"
            except: [support@vouch.example]
            message: 'email address {match}'
            suggestion: remove it or name the role
          - id: redact.internal
            kind: leak
            regex: '\bINC-[0-9]+\b'
            needs: [inc-, "#"]
            min_length: 5
            message: 'internal reference {match}'
          - id: redact.internal.channel
            kind: leak
            audiences: [customer]
            regex: '[a-z]+-[a-z]+'
            needs: "#"
            message: 'internal channel {match}'
        """#)

    private func findings(_ m: Marked, audience: Audience = .customer) -> [Finding] {
        engineCheck(m, Self.pack, audience: audience).findings
    }

    @Test func emailFinding() {
        let m = Marked("Hi,\nwrite to (Dana) [[dana@example.com]].")
        #expect(findings(m) == [Finding(
            rule: "redact.email", category: "redact.email", severity: .error,
            message: "email address dana@example.com", match: "dana@example.com",
            line: 2, column: 17, range: m.range, fact: nil, suggestion: "remove it or name the role")])
    }

    @Test func foundInsideCodeQuotesAndURLs() {
        for raw in [
            "Run `notify [[dana@example.com]]` now.",
            "He wrote \"[[dana@example.com]]\".",
            "> from: [[dana@example.com]]",
            "See https://x.example/?to=[[dana@example.com]] please",
            "```\n[[dana@example.com]]\n```",
        ] {
            let m = Marked(raw)
            #expect(findings(m).map(\.range) == [m.range], "\(raw)")
        }
    }

    @Test func trimmedChunks() {
        let m = Marked("Tracked as ([[INC-221]]), see [[INC-9]].")
        #expect(findings(m).map(\.match) == ["INC-221", "INC-9"])
        #expect(findings(m).map(\.range) == m.ranges)
    }

    @Test func needsPrefilter() {
        // The channel regex matches "support-escalations" either way; only a
        // chunk holding the needed "#" is searched.
        let m = Marked("Ask in #[[support-escalations]], not in support-escalations.")
        #expect(findings(m).map(\.range) == [m.range])
        #expect(findings(m).map(\.message) == ["internal channel support-escalations"])
    }

    @Test func needsAreSubstringsWithoutCaseAndMinLengthSkipsShortChunks() {
        let pack = enginePack(#"""
            rules:
              - id: redact.internal
                kind: leak
                regex: '(?i)\bINC-[0-9]+\b'
                needs: [inc-, "inc#"]
                min_length: 6
                message: 'internal reference {match}'
            """#)
        // "inc-" is met by "INC-" and "Inc-"; "INC-7" (5 bytes) is shorter
        // than min_length; "INC 221" has no needle.
        let m = Marked("See [[INC-221]], [[Inc-77]], INC-7 and INC 221.")
        #expect(engineCheck(m, pack).findings.map(\.range) == m.ranges)
    }

    @Test func exceptIsCaseInsensitive() {
        let m = Marked("Write to support@vouch.example or SUPPORT@Vouch.Example, not [[ops@vouch.example]].")
        #expect(findings(m).map(\.range) == [m.range])
    }

    @Test func audiences() {
        let m = Marked("Mail dana@example.com about [[INC-221]] in #support-escalations.")
        #expect(findings(m, audience: .internal).map(\.range) == [m.range])
        #expect(findings(m, audience: .public).map(\.rule) == ["redact.email", "redact.internal"])
        #expect(findings(m, audience: .customer).map(\.rule) == ["redact.email", "redact.internal", "redact.internal.channel"])
    }

    @Test func leaksAreNotSilencedByContext() {
        let m = Marked("We will not share [[INC-221]]?")
        let result = engineCheck(m, Self.pack)
        #expect(result.findings.map(\.range) == [m.range])
        #expect(result.silenced == [])
    }

    @Test func shortChunksAreSkipped() {
        // Chunks under three bytes are never searched.
        let pack = enginePack(#"""
            rules:
              - id: redact.id
                kind: leak
                regex: '[0-9]+'
                message: 'id {match}'
            """#, context: false)
        let m = Marked("ids 12, [[123]] and [[4567]].")
        #expect(engineCheck(m, pack).findings.map(\.range) == m.ranges)
    }
}
