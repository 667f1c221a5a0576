import Foundation
import Testing
@testable import VouchCore
import VouchDefaultPack

/// The default pack as a whole: what the binary embeds is what Rules/ holds,
/// every contract category is covered, every rule is tested by examples.
@Suite struct DefaultPackTests {
    @Test func embeddedPackMatchesRulesFolder() throws {
        let onDisk = try RulePack.files(inDirectory: Repository.rulesDirectory)
            .map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.text) }
        let embedded = DefaultPack.files(in: "Rules").map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.text) }
        #expect(embedded.map(\.0) == onDisk.map(\.0), "rebuild: the embedded pack is stale")
        for (name, text) in onDisk {
            #expect(embedded.first { $0.0 == name }?.1 == text, "embedded \(name) differs from Rules/\(name); rebuild")
        }
    }

    @Test(arguments: Categories.contract)
    func everyContractCategoryHasARule(_ category: String) {
        #expect(Repository.pack.rules.contains { $0.category == category }, "no rule in Rules/ covers \(category)")
    }

    @Test func everyRuleHasEnoughExamples() {
        for rule in Repository.pack.rules {
            let location = SourceLocation.ruleFile(rule.file, line: rule.line)
            #expect(rule.flagExamples.count >= 2, "\(rule.id) needs at least 2 flag examples", sourceLocation: location)
            #expect(rule.passExamples.count >= 2, "\(rule.id) needs at least 2 pass examples", sourceLocation: location)
            #expect(!rule.summary.isEmpty, "\(rule.id) needs a summary", sourceLocation: location)
        }
    }

    @Test func everyModifierHasExamples() {
        for modifier in Repository.pack.modifiers {
            let location = SourceLocation.ruleFile(modifier.file, line: modifier.line)
            #expect(modifier.flagExamples.count + modifier.silentExamples.count >= 2, "\(modifier.id) needs examples", sourceLocation: location)
        }
    }

    @Test func factDependentRulesNameTheirFactsInMessages() {
        for rule in Repository.pack.rules where rule.allowedWhen != nil {
            #expect(rule.message.contains("{reason}"), "\(rule.id): a fact-dependent message should say which fact is missing ({reason})",
                    sourceLocation: SourceLocation.ruleFile(rule.file, line: rule.line))
        }
    }
}
