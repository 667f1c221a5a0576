import Testing
@testable import VouchCore

/// What a leak rule's policy does in a check: line scope, validators, the
/// value group, precedence between categories, mail headers and the allow
/// list.
@Suite struct LeakPolicyTests {
    static let pack = enginePack(#"""
        rules:
          - id: secret.leak.card
            kind: leak
            scope: line
            allow_list: false
            precedence: 10
            regex: '(?<![0-9])[0-9]{4}([ -]?)[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?![0-9])'
            needs: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
            validate:
              luhn: true
            message: 'card {match}'
          - id: secret.leak.password
            kind: leak
            scope: line
            allow_list: false
            precedence: 10
            regex: '(?i)password is (?<value>[^\s.]{4,})'
            needs: password
            message: 'password {match}'
          - id: secret.leak.generic
            kind: leak
            allow_list: false
            precedence: 10
            regex: '(?<![A-Za-z0-9])[A-Za-z0-9]{16,}(?![A-Za-z0-9])'
            validate:
              preceded_by: {words: [token], within: 16}
              entropy: {hex: 3.0, base64: 3.5}
            message: 'secret {match}'
          - id: secret.leak.block
            kind: leak
            scope: text
            allow_list: false
            precedence: 10
            regex: '-----BEGIN KEY-----[\s\S]{0,2000}?-----END KEY-----'
            needs: "BEGIN KEY"
            min_length: 30
            message: 'key block'
          - id: redact.id
            kind: leak
            audiences: [customer, public]
            regex: '(?<![A-Za-z0-9_])[a-z]{2,6}_[A-Za-z0-9]{8,}(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])[A-Za-z0-9]{16,}(?![A-Za-z0-9])'
            message: 'id {match}'
          - id: redact.email
            kind: leak
            audiences: [customer, public]
            not_in: [mail-header]
            regex: '[a-z.]+@[a-z.]+\.[a-z]{2,}'
            needs: "@"
            message: 'email {match}'
        """#)

    private func check(_ m: Marked, audience: Audience = .customer, allow: [String] = [], explain: Bool = false) -> CheckResult {
        let entries = allow.map { try! AllowEntry($0, origin: "test") }
        return Checker(pack: Self.pack).check(m.source, facts: nil, options: CheckOptions(audience: audience, explain: explain, allow: entries))
    }

    private func flagged(_ raw: String, audience: Audience = .customer, allow: [String] = []) -> [String] {
        let m = Marked(raw)
        let result = check(m, audience: audience, allow: allow)
        #expect(result.findings.map(\.range) == m.ranges, "\(raw)")
        return result.findings.map(\.rule)
    }

    @Test func lineScopeSeesSpacesAndTheValidatorDecides() {
        #expect(flagged("Card [[4539 1488 0343 6467]] was declined.") == ["secret.leak.card"])
        #expect(flagged("Card 4539 1488 0343 6468 was declined.") == [])   // fails the Luhn check
        #expect(flagged("Card [[5425-2334-3010-9903]].", audience: .internal) == ["secret.leak.card"])
    }

    @Test func theValueGroupIsTheFinding() {
        #expect(flagged("Your password is [[Winter2026]] for now.") == ["secret.leak.password"])
    }

    @Test func lineScopeFindsAMatchAcrossAWindowEdgeOnce() {
        for offset in [LeakScanner.lineWindow - 20, LeakScanner.lineWindow - 5, LeakScanner.lineWindow + 3] {
            let pad = String(repeating: "x", count: offset)
            let m = Marked(pad + " [[4539 1488 0343 6467]] " + String(repeating: "y ", count: 3000))
            #expect(check(m).findings.map(\.range) == [m.range], "at \(offset)")
        }
    }

    @Test func precedenceKeepsOneFindingPerSpan() {
        // A random value after "token" is both a secret and id-shaped: one finding, the secret.
        #expect(flagged("The token [[q8Lz2Xv9Rk4Wm7Tn3Bc6]] expired.") == ["secret.leak.generic"])
        #expect(flagged("The token [[q8Lz2Xv9Rk4Wm7Tn3Bc6]] expired.", audience: .internal) == ["secret.leak.generic"])
        // Without the key word it is an id, outside the company only.
        #expect(flagged("Request [[q8Lz2Xv9Rk4Wm7Tn3Bc6]] failed.") == ["redact.id"])
        #expect(flagged("Request q8Lz2Xv9Rk4Wm7Tn3Bc6 failed.", audience: .internal) == [])
        // Not random enough to be a secret: the id rule still sees it.
        #expect(flagged("The token [[aaaaaaaaaaaaaaa1]] expired.") == ["redact.id"])
    }

    @Test func textScopeFlagsABlockOverLinesOnce() {
        // The id-shaped line inside the block is part of the key, not an id of its own.
        #expect(flagged("Key:\n[[-----BEGIN KEY-----\nq8Lz2Xv9Rk4Wm7Tn3Bc6q8Lz\n-----END KEY-----]]\nRequest [[q8Lz2Xv9Rk4Wm7Tn3Bc6q8Lz]] failed.") == ["secret.leak.block", "redact.id"])
        #expect(flagged("-----BEGIN KEY----- and no end") == [])
    }

    @Test func mailHeadersAreTheCustomersOwn() {
        let m = Marked("Thanks!\n\nFrom: Dana <dana@northstar.dev>\n> On Tue, 24 Nov 2026, Bob <bob@acme.io> wrote:\n> Reach [[li@acme.io]] too.")
        let result = check(m, explain: true)
        #expect(result.findings.map(\.range) == [m.range])
        #expect(result.silenced.map(\.match) == ["dana@northstar.dev", "bob@acme.io"])
        #expect(result.silenced.allSatisfy { $0.reason.hasPrefix("in a quoted or forwarded mail header") })
        // A body line that merely mentions "from:" is not a header.
        #expect(flagged("Sent from: [[dana@northstar.dev]]") == ["redact.email"])
    }

    @Test func allowListSilencesRedactionsButNeverSecrets() {
        #expect(flagged("Write to support@ourco.example or [[li@ourco.example]].", allow: ["support@ourco.example"]) == ["redact.email"])
        #expect(flagged("Your workspace ws_8f3a2c91d4 is fine.", allow: ["ws_*"]) == [])
        #expect(flagged("Password is [[Winter2026]].", allow: ["Winter2026", "*2026"]) == ["secret.leak.password"])
        let m = Marked("Write to support@ourco.example.")
        let result = check(m, allow: ["ourco.example"], explain: true)
        #expect(result.findings.isEmpty)
        #expect(result.silenced.map(\.reason) == ["allowed by 'ourco.example' (test)"])
    }
}
