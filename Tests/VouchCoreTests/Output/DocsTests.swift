import Foundation
import Testing
@testable import VouchCore

/// docs/rules.md is generated from Rules/; this fails when it is stale.
@Suite struct DocsTests {
    @Test func ruleReferenceIsCurrent() throws {
        let path = Repository.root + "/docs/rules.md"
        let committed = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // Named as the binary names its embedded files ("Rules/x.yaml").
        let files = try RulePack.files(inDirectory: Repository.rulesDirectory)
            .map { ("Rules/" + URL(fileURLWithPath: $0.path).lastPathComponent, $0.text) }
        let generated = RuleCatalog.markdown(try RulePack(files: files))
        #expect(committed == generated, "docs/rules.md is stale: run `swift run vouch rules list --format markdown > docs/rules.md`")
    }
}
