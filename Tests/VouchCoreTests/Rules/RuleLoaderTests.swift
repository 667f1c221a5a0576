import Foundation
import Testing
@testable import VouchCore

@Suite struct EngineRuleLoaderTests {
    private static let allowedKeys = "id, kind, severity, audiences, summary, phrases, exceptions, allowed_when, denial, message, suggestion, regex, needs, min_length, except, examples, scope, validate, not_in, allow_list, precedence, asserts"

    @Test func minimalRuleLoads() throws {
        let pack = try RulePack(files: [("test.yaml", """
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
            """)])
        let rule = try #require(pack.rule("claim.x"))
        #expect(rule.phrases?.phrases == ["resolved"])
        #expect(rule.leak == nil)
        #expect(rule.severity == .error)
        #expect(rule.audiences == Set(Audience.allCases))
        #expect(rule.category == "claim.x")
        #expect(rule.line == 2)
        #expect(rule.file == "test.yaml")
    }

    @Test(arguments: ["claim.x", "claim.resolved.all-clear", "redact.id", "a.b.c", "a1.2b", "claim", "Claim.x", "claim..x",
                      "claim.x.", ".claim.x", "claim.-x", "-claim.x", "claim.x_y", "1claim.x", "claim.x-", "claim.é"])
    func ruleIDsFollowTheDocumentedPattern(id: String) {
        let documented = id.range(of: #"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"#, options: .regularExpression) != nil
        #expect(RuleLoader.isRuleID(id) == documented, "\(id)")
    }

    @Test func unknownKey() {
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrase: resolved
                message: m
            """) == "test.yaml:4:5: unknown key 'phrase' in rule (allowed: \(Self.allowedKeys))")
        #expect(loadError("rule:\n  - id: claim.x\n") == "test.yaml:1:1: unknown key 'rule' in rule file (allowed: define, example_facts, rules, modifiers, lexicon)")
    }

    @Test func missingRequiredKeys() {
        #expect(loadError("""
            rules:
              - kind: claim
                phrases: resolved
                message: m
            """) == "test.yaml:2:5: rule: missing required key 'id'")
        #expect(loadError("""
            rules:
              - id: claim.x
                phrases: resolved
                message: m
            """) == "test.yaml:2:5: rule claim.x: missing required key 'kind'")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
            """) == "test.yaml:2:5: rule claim.x: missing required key 'message'")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                message: m
            """) == "test.yaml:2:5: rule claim.x: a claim rule needs at least one phrase")
    }

    @Test func badIds() {
        #expect(loadError("""
            rules:
              - id: Claim_X
                kind: claim
                phrases: resolved
                message: m
            """) == "test.yaml:2:9: id 'Claim_X': expected dotted lowercase segments such as claim.resolved.all-clear")
        #expect(loadError("rules:\n  - id: claim\n    kind: claim\n    phrases: x\n    message: m\n")
            == "test.yaml:2:9: id 'claim': expected dotted lowercase segments such as claim.resolved.all-clear")
    }

    @Test func unknownKind() {
        #expect(loadError("rules:\n  - id: claim.x\n    kind: clam\n    phrases: x\n    message: m\n")
            == "test.yaml:3:11: rule claim.x: kind: unknown value 'clam' (allowed: claim, promise, request, leak)")
    }

    @Test func duplicateRuleIdAcrossFiles() {
        let rule = "# a rule\nrules:\n  - id: claim.x\n    kind: claim\n    phrases: x\n    message: m\n"
        #expect(loadError([("a.yaml", rule), ("b.yaml", "rules:\n  - id: claim.x\n    kind: claim\n    phrases: y\n    message: m\n")])
            == "b.yaml:2: rule id 'claim.x' is already defined in a.yaml:3")
        #expect(loadError([("a.yaml", rule + "  - id: claim.x\n    kind: claim\n    phrases: z\n    message: m\n")])
            == "a.yaml:7: rule id 'claim.x' is already defined in a.yaml:3")
    }

    @Test func unknownFactInAllowedWhen() {
        let error = loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                allowed_when: status == fixed and verifed.all_impacted
                message: m
            """)
        #expect(error?.hasPrefix("test.yaml:5:19: rule claim.x: allowed_when: unknown fact 'verifed.all_impacted' (known: id, title, status,") == true, "\(error ?? "nil")")
    }

    @Test func unknownPlaceholder() {
        let suffix = "(use {match}, {reason}, {fact} or a fact path such as {next_update_at})"
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: 'resolved at {eta} by {who}'
            """) == "test.yaml:5:14: rule claim.x: message: unknown placeholder {who} \(suffix)")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
                suggestion: [ok, 'at {next_update}']
            """) == "test.yaml:6:17: rule claim.x: suggestion: unknown placeholder {next_update} \(suffix)")
    }

    @Test func exampleMarks() {
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
                examples:
                  flag:
                    - It is resolved.
            """) == "test.yaml:8:11: rule claim.x: examples.flag: a flag example marks what it flags with [[...]]")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
                examples:
                  pass:
                    - text: It is [[resolved]].
            """) == "test.yaml:8:17: rule claim.x: examples.pass: a pass example has no [[...]] marks")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
                examples:
                  flag:
                    - It is [[resolved.
            """) == "test.yaml:8:11: rule claim.x: examples.flag: '[[' without ']]'")
    }

    @Test func unknownExampleFacts() {
        #expect(loadError("""
            example_facts:
              fixed: {status: fixed}
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                message: m
                examples:
                  flag:
                    - text: It is [[resolved]].
                      facts: fixd
            """) == "test.yaml:11:18: rule claim.x: examples.flag: facts 'fixd' is not in this file's example_facts (known: fixed, none)")
    }

    @Test func leakRules() {
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                message: m
            """) == "test.yaml:2:5: rule redact.x: missing required key 'regex'")
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                regex: 'INC-[0-9]+'
                phrases: [incident]
                message: m
            """) == "test.yaml:5:14: rule redact.x: a leak rule uses 'regex', not 'phrases'")
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                regex: 'INC-([0-9]+'
                message: m
            """) == "test.yaml:4:12: rule redact.x: regex does not compile (mismatched paren at offset 11): INC-([0-9]+")
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                regex: 'INC-[0-9]+'
                needs: [[inc-], []]
                message: m
            """) == "test.yaml:5:12: rule redact.x: needs: expected non-empty strings, one of which a chunk must contain, or a list of such lists")
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                regex: 'INC-[0-9]+'
                min_length: 0
                message: m
            """) == "test.yaml:5:17: rule redact.x: min_length: expected a whole number from 1 to 1000")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: [resolved]
                min_length: 3
                message: m
            """) == "test.yaml:5:17: rule claim.x: 'min_length' is only for leak rules")
        #expect(loadError("""
            rules:
              - id: redact.x
                kind: leak
                regex: '[0-9]*'
                message: m
            """) == "test.yaml:4:12: rule redact.x: regex matches empty text")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                needs: "@"
                message: m
            """) == "test.yaml:5:12: rule claim.x: 'needs' is only for leak rules")
    }

    @Test func denialOnlyOnClaims() {
        #expect(loadError("""
            rules:
              - id: promise.x
                kind: promise
                phrases: by 5pm
                denial:
                  flagged_when: eta
                  message: m
                message: m
            """) == "test.yaml:6:7: rule promise.x: only claim rules have a denial")
        #expect(loadError("""
            rules:
              - id: claim.x
                kind: claim
                phrases: outage
                denial:
                  message: m
                message: m
            """) == "test.yaml:6:7: rule claim.x: denial needs 'flagged_when' and 'message'")
    }

    /// What a claim's words tell the reader, for the audit's conflicts:
    /// phases and kinds the facts schema knows, on claims only.
    @Test func assertsReadsPhasesAndKinds() throws {
        let pack = try RulePack(files: [("test.yaml", """
            rules:
              - id: claim.x
                kind: claim
                phrases: resolved
                asserts: {status: [mitigated, fixed], kind: outage}
                message: m
              - id: claim.y
                kind: claim
                phrases: slow
                message: m
            """)])
        #expect(pack.rule("claim.x")?.asserts == Assertion(statuses: [.mitigated, .fixed], kinds: ["outage"]))
        #expect(pack.rule("claim.y")?.asserts == Assertion.none)
    }

    @Test(arguments: [
        ("kind: promise\n    phrases: by 5pm\n    asserts: {status: fixed}", "test.yaml:5:14: rule promise.x: only claim rules assert a phase or kind"),
        ("kind: claim\n    phrases: done\n    asserts: {status: [done]}", "test.yaml:5:24: rule promise.x: asserts.status: unknown value 'done' (allowed: investigating, identified, mitigated, fixed)"),
        ("kind: claim\n    phrases: done\n    asserts: {kind: [dns]}", "test.yaml:5:22: rule promise.x: asserts.kind: unknown value 'dns' (allowed: \(FactsSchema.kinds.joined(separator: ", ")))"),
        ("kind: claim\n    phrases: done\n    asserts: {phase: fixed}", "test.yaml:5:15: unknown key 'phase' in rule promise.x: asserts (allowed: status, kind)"),
    ])
    func assertsErrorsNameTheirLine(rule: String, expected: String) {
        #expect(loadError("rules:\n  - id: promise.x\n    \(rule)\n    message: m\n") == expected)
    }

    @Test func badPatternNamesItsLine() {
        #expect(loadError("""
            define:
              done: (resolved | fixed)
            rules:
              - id: claim.x
                kind: claim
                phrases:
                  - "@done"
                  - "@dun now"
                message: m
            """) == "test.yaml:8:9: rule claim.x: pattern uses '@dun', which the file does not define (defined: done)")
    }

    @Test func modifierErrors() {
        #expect(loadError("""
            modifiers:
              - id: ctx.x
                category: pseudo
                direction: forward
                phrases: not only
            """) == "test.yaml:4:16: modifier ctx.x: a pseudo has no direction")
        #expect(loadError("""
            modifiers:
              - id: ctx.x
                category: negated
                max_tokens: 0
                phrases: not
            """) == "test.yaml:4:17: modifier ctx.x: max_tokens: expected a whole number from 1 to 60")
        #expect(loadError([("a.yaml", "modifiers:\n  - id: ctx.x\n    category: negated\n    phrases: not\n"),
                           ("b.yaml", "rules:\n  - id: ctx.x\n    kind: claim\n    phrases: x\n    message: m\n")])
            == "b.yaml:2: rule id 'ctx.x' is already defined in a.yaml:2")
    }

    @Test func emptyFile() {
        #expect(loadError("rules: []\n") == "test.yaml:1:1: the file has no rules, no modifiers and no lexicon")
        #expect(loadError("") == "test.yaml: the file is empty")
    }
}
