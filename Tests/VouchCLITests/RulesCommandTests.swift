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
    @Test func testsAPacksExamples() throws {
        let dir = try Scratch()
        try dir.write("rules/a.yaml", Self.pack)
        let out = try CLI.run(["rules", "test", "--no-default-rules", "--rules", "rules"], in: dir.url)
        #expect(out == .init(status: 0, stdout: "10 cases (2 examples with their mutations): all passed\n", stderr: ""))
    }

    @Test func aBrokenExampleFailsAtItsLine() throws {
        let dir = try Scratch()
        try dir.write("rules/a.yaml", Self.pack.replacingOccurrences(of: "- text: Sorry.", with: "- text: Sorry again, all."))
        let out = try CLI.run(["rules", "test", "--no-default-rules", "--rules", "rules"], in: dir.url)
        #expect(out == .init(status: 1, stdout: """
            rules/a.yaml:14: style.sorry must pass: "Sorry again, all." but flagged 0..<11 "Sorry again"
            rules/a.yaml:14: style.sorry must pass (emoji): "🚀 Sorry again, all." but flagged 5..<16 "Sorry again"
            10 cases (2 examples with their mutations): 2 failed

            """, stderr: ""))
    }

    @Test func aPackThatDoesNotLoadExitsTwo() throws {
        let dir = try Scratch()
        try dir.write("rules/a.yaml", "rules: [\n")
        let out = try CLI.run(["rules", "test", "--no-default-rules", "--rules", "rules"], in: dir.url)
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("vouch: error: rules/a.yaml:2:1: invalid YAML"))
    }
}
