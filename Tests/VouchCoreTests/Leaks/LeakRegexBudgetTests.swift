import Testing
@testable import VouchCore

/// Every leak rule's regular expression stays within ICU's time limit on
/// text built to make a backtracking matcher blow up (long runs of the
/// characters its classes accept, with a tail that fails the match). A
/// pattern that times out would let a leak through behind a long word.
@Suite struct EngineLeakRegexBudgetTests {
    static let pieces = ["a", "A", "0", "a-", "a.", "7a-", "a.b-", "-", ".", "aa.", "a_", "0-", "aA0", "%2", "a@", "@a.",
                         "a:1", "/", "a/", "ab+", "x.y", "_a", "a-b.", "eyJ", "1.", "AKIA", "+"]

    static var adversarial: [String] {
        pieces.flatMap { piece -> [String] in
            let run = String(repeating: piece, count: max(1, 3000 / piece.utf8.count))
            return [run, run + "!", "#" + run + "-", "https://" + run + "?", run + "@" + run, "grafana.internal." + run + "x/d",
                    "db-prod-" + run + "-", "x.y." + run + ".corp-"]
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: Repository.pack.rules.filter { $0.leak != nil }.map(\.id))
    func leakRegexStaysWithinTheTimeLimit(id: String) {
        let rule = Repository.pack.rules.first { $0.id == id }!
        let regex = rule.leak!.compiled.borrow()
        for text in Self.adversarial {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { regex.matches($0) }
        }
        #expect(regex.timeouts == 0, "\(id): \(regex.timeouts) searches passed ICU's time limit (\(rule.file):\(rule.line))",
                sourceLocation: .ruleFile(rule.file, line: rule.line))
        rule.leak!.compiled.giveBack(regex)
    }

    @Test func aPatternThatBacktracksCatastrophicallyGivesUp() throws {
        let regex = try LeakRegex("(a+)+$")
        let text = Array((String(repeating: "a", count: 40) + "!").utf8)
        let found = text.withUnsafeBufferPointer { regex.matches($0) }
        #expect(found.isEmpty)
        #expect(regex.timeouts == 1)
    }
}
