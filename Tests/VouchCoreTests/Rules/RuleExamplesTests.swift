import Foundation
import Testing
@testable import VouchCore

/// Runs every example of every rule and context modifier in Rules/ through
/// the verifier `vouch rules test` uses (examples and their mutations); a
/// failure points at the example's line in its rule file.
@Suite struct RuleExamplesTests {
    static let verifier = ExampleVerifier(pack: Repository.pack)

    struct Case: Sendable, CustomTestStringConvertible {
        let value: ExampleVerifier.Case
        var testDescription: String { value.description }
    }

    static let ruleCases = verifier.cases.filter { !$0.modifier }.map(Case.init)
    static let modifierCases = verifier.cases.filter(\.modifier).map(Case.init)

    @Test(arguments: ruleCases)
    func ruleExample(_ c: Case) {
        for failure in Self.verifier.run(c.value) {
            Issue.record("\(failure.message)", sourceLocation: .ruleFile(failure.file, line: failure.line))
        }
    }

    @Test(arguments: modifierCases)
    func modifierExample(_ c: Case) {
        for failure in Self.verifier.run(c.value) {
            Issue.record("\(failure.message)", sourceLocation: .ruleFile(failure.file, line: failure.line))
        }
    }

    /// The verifier itself can fail: a flag example whose mark is wrong, a
    /// pass example that is flagged, and a mutation a claim survives.
    @Test func theVerifierReportsBrokenExamplesAtTheirLines() throws {
        let yaml = """
            rules:
              - id: claim.test
                kind: claim
                phrases: [all clear]
                message: '"{match}" is a test claim'
                examples:
                  flag:
                    - text: The [[all clear]] was given.
                    - text: The all [[clear]] was given.
                  pass:
                    - text: It is all clear now.
                    - text: text with "all clear" in quotes
                      skip: [emoji]
            """
        let pack = try RulePack(files: [("test.yaml", yaml)])
        let verifier = ExampleVerifier(pack: pack)
        let (count, failures) = verifier.runAll()
        #expect(count == 7 + 7 + 3 + 2)
        // Line 9 fails as written, with an emoji and with a zero-width space
        // (a wrong mark and an unmarked match each); the CR LF mutation does
        // not apply to one line. Line 11 fails as written and with an emoji.
        #expect(failures.map(\.line) == [9, 9, 9, 9, 9, 9, 11, 11])
        #expect(failures.first?.description.hasPrefix("test.yaml:9: claim.test must flag \"clear\"") == true)
        #expect(failures.contains { $0.line == 11 && $0.message.contains("must pass (emoji)") })
    }
}
