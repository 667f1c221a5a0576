import Foundation
import Testing
@testable import VouchCore

@Suite struct TextReportTests {
    @Test func isLikeACompiler() {
        let out = TextReport().render(ReportFixture.results())
        #expect(out == """
            reply.txt:2:20: error: "resolved" is not supported: no facts were given [claim.test.resolved]
              \tThe café issue is resolved (OPS-12).
              \t                  ^~~~~~~~
              suggestion: say what is known
            reply.txt:2:30: warning: internal ticket key [redact.test.ticket]
              \tThe café issue is resolved (OPS-12).
              \t                            ^~~~~~
            1 error, 1 warning in 2 files

            """)
    }

    @Test func colorIsOnlyWhenAsked() {
        let plain = TextReport().render(ReportFixture.results())
        let painted = TextReport(color: true).render(ReportFixture.results())
        #expect(!plain.contains("\u{1B}["))
        #expect(painted.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(painted.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
    }

    @Test func aCleanRunSaysSo() {
        #expect(TextReport().render([ReportFixture.results()[1]]) == "no findings in 1 file\n")
    }
}
