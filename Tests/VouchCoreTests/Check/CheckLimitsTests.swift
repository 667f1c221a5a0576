import Foundation
import Testing
@testable import VouchCore

/// What one draft may cost: a cap on the findings written out, a deadline
/// and cancellation that stop the engine itself.
@Suite struct EngineCheckLimitsTests {
    static let flood = String(repeating: "It is resolved. ", count: 5000)

    @Test func findingsPastTheCapAreCountedNotWritten() throws {
        let source = SourceText(path: "d", text: Self.flood)
        let all = Repository.checker.check(source, facts: nil, options: CheckOptions(maxFindings: .max))
        #expect(all.findings.count == 5000)
        #expect(all.omitted == 0)
        let capped = Repository.checker.check(source, facts: nil)
        #expect(capped.findings.count == CheckOptions.defaultMaxFindings)
        #expect(capped.omitted == 5000 - CheckOptions.defaultMaxFindings)
        // The findings kept are the first ones, as they would be uncapped.
        #expect(capped.findings == Array(all.findings.prefix(CheckOptions.defaultMaxFindings)))
        let json = try JSONReport.render([capped])
        #expect(json.contains("\"truncated\": true,\n      \"omitted\": 4000\n"))
        #expect(try !JSONReport.render([all]).contains("truncated"))
        let text = TextReport().render([Repository.checker.check(source, facts: nil, options: CheckOptions(maxFindings: 2))])
        #expect(text.contains("d: 4998 more findings not shown (at most 2 per file)\n"))
    }

    /// A long line is shown around each match, not whole once per finding.
    @Test func textReportShowsAWindowOfALongLine() {
        let line = String(repeating: "lorem ipsum ", count: 1000) + "It is resolved." + String(repeating: " dolor sit", count: 1000)
        let result = Repository.checker.check(SourceText(path: "d", text: line), facts: nil)
        let text = TextReport().render([result])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("…"))
        #expect(lines[1].contains("It is resolved."))
        #expect(lines[1].count < 300)
        // The caret still sits under the match.
        let caret = lines[2].firstIndex(of: "^")!
        let offset = lines[2].distance(from: lines[2].startIndex, to: caret)
        #expect(String(Array(lines[1])[offset..<(offset + 8)]) == "resolved")
    }

    @Test func aPassedDeadlineStopsTheCheck() {
        let options = CheckOptions(deadline: ContinuousClock.now - .seconds(1))
        #expect(throws: CheckInterrupted(reason: .deadline)) {
            try Repository.checker.checkWithin(SourceText(path: "d", text: Self.flood), facts: nil, options: options)
        }
        // A plain check ignores a deadline and finishes.
        #expect(Repository.checker.check(SourceText(path: "d", text: "It is resolved."), facts: nil, options: options).findings.count == 1)
    }

    @Test func aRaisedFlagCancelsTheCheck() {
        let flag = CancellationFlag()
        flag.cancel()
        #expect(throws: CheckInterrupted(reason: .cancelled)) {
            try Repository.checker.checkWithin(SourceText(path: "d", text: Self.flood), facts: nil, options: CheckOptions(cancellation: flag))
        }
        let fresh = CancellationFlag()
        let result = try? Repository.checker.checkWithin(SourceText(path: "d", text: "It is resolved."), facts: nil,
                                                         options: CheckOptions(deadline: .now + .seconds(60), cancellation: fresh))
        #expect(result?.findings.map(\.rule) == ["claim.resolved"])
    }
}
