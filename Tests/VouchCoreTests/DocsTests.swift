import Foundation
import Testing
@testable import VouchCore

/// docs/rules.md is generated from Rules/; this fails when it is stale.
@Suite struct DocsTests {
    @Test func ruleReferenceIsCurrent() throws {
        let path = Repository.root + "/docs/rules.md"
        let committed = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let generated = RuleCatalog.markdown(Repository.pack)
        #expect(committed == generated, "docs/rules.md is stale: run `swift run vouch rules list --format markdown > docs/rules.md`")
    }
}
