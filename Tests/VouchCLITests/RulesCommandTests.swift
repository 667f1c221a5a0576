import Foundation
import Testing

@Suite struct RulesCommandTests {
    static let pack = """
        rules:
          - id: style.sorry
            kind: claim
            severity: warning
            summary: Apologising twice.
            phrases: [sorry again]
            allowed_when: status == fixed
            message: 'say "{match}" once; {reason}'
            suggestion: apologise once
            examples:
              flag:
                - text: "[[Sorry again]]."
              pass:
                - text: Sorry.
        modifiers:
          - id: context.never
            category: negated
            summary: Never.
            phrases: [never]
        """

    @Test func listsRulesAndModifiers() throws {
        let dir = try Scratch()
        try dir.write("rules/a.yaml", Self.pack)
        let out = try CLI.run(["rules", "--no-default-rules", "--rules", "rules"], in: dir.url)
        #expect(out == .init(status: 0, stdout: """
            RULES (1)
              style.sorry    claim    warning  customer,public,internal  Apologising twice.

            CONTEXT MODIFIERS (1)
              context.never  negated       Never.

            """, stderr: ""))
    }

    @Test func explainsARule() throws {
        let dir = try Scratch()
        try dir.write("rules/a.yaml", Self.pack)
        let out = try CLI.run(["rules", "explain", "style.sorry", "--no-default-rules", "--rules", "rules"], in: dir.url)
        #expect(out == .init(status: 0, stdout: """
            style.sorry  (claim, warning)  rules/a.yaml:2

            Apologising twice.

            Audiences: customer, public, internal

            Catches:
              sorry again

            Allowed when: status == fixed

            Message: say "{match}" once; {reason}
            Suggestion: apologise once

            Flags:
              [[Sorry again]].

            Passes:
              Sorry.

            """, stderr: ""))
    }

    @Test func explainsTheDefaultPack() throws {
        let out = try CLI.run(["rules", "explain", "claim.resolved"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("claim.resolved  (claim, error)  Rules/claim.resolved.yaml:"))
        #expect(out.stdout.contains("Allowed when: status == fixed and verified.all_impacted\n"))
    }

    @Test func unknownRule() throws {
        let out = try CLI.run(["rules", "explain", "claim.resolvd"])
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("vouch: error: no rule 'claim.resolvd' (did you mean: claim."))
    }
}
