import Testing
@testable import VouchCore

/// `check --format json` in process: the contract's members in its order
/// (../shared/contract/json-output.md), `range` on one line.
@Suite struct JSONReportTests {
    @Test func contractMembersInContractOrder() throws {
        #expect(try JSONReport.render(ReportFixture.results()) == """
            {
              "version": 1,
              "files": [
                {
                  "path": "reply.txt",
                  "findings": [
                    {
                      "rule": "claim.test.resolved",
                      "severity": "error",
                      "message": "\\"resolved\\" is not supported: no facts were given",
                      "match": "resolved",
                      "line": 2,
                      "column": 20,
                      "range": { "start": 27, "end": 35 },
                      "fact": "status",
                      "suggestion": "say what is known"
                    },
                    {
                      "rule": "redact.test.ticket",
                      "severity": "warning",
                      "message": "internal ticket key",
                      "match": "OPS-12",
                      "line": 2,
                      "column": 30,
                      "range": { "start": 37, "end": 43 }
                    }
                  ]
                },
                {
                  "path": "clean.txt",
                  "findings": []
                }
              ]
            }

            """)
    }

    /// `explain` adds `silenced` to every file, empty or not, one line each.
    @Test func explainListsSilencedMatchesOnOneLineEach() throws {
        let checker = Checker(pack: ReportFixture.pack)
        let result = checker.check(SourceText(path: "q.txt", text: "Is it resolved?\n"), facts: nil,
                                   options: CheckOptions(audience: .customer, explain: true))
        let silenced = try #require(result.silenced.first)
        #expect(try JSONReport.render([result], explain: true) == """
            {
              "version": 1,
              "files": [
                {
                  "path": "q.txt",
                  "findings": [],
                  "silenced": [
                    { "rule": "claim.test.resolved", "match": "resolved", "line": 1, "column": 7, "range": { "start": 6, "end": 14 }, "reason": \(JSONWriter.quote(silenced.reason)) }
                  ]
                }
              ]
            }

            """)
        #expect(try JSONReport.render([ReportFixture.results()[1]], explain: true).contains("\"findings\": [],\n      \"silenced\": []\n"))
    }

    @Test func noFilesIsAnEmptyList() throws {
        #expect(try JSONReport.render([]) == "{\n  \"version\": 1,\n  \"files\": []\n}\n")
    }
}
