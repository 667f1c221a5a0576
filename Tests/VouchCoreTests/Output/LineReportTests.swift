import Testing
@testable import VouchCore

@Suite struct LineReportTests {
    @Test func oneLinePerFindingForEditors() {
        #expect(LineReport.render(ReportFixture.results()) == """
            reply.txt:2:20:claim.test.resolved:"resolved" is not supported: no facts were given
            reply.txt:2:30:redact.test.ticket:internal ticket key

            """)
    }

    @Test func nothingForACleanFile() {
        #expect(LineReport.render([ReportFixture.results()[1]]) == "")
    }
}
