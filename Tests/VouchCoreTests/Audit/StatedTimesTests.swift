import Foundation
import Testing
@testable import VouchCore

/// Times a message promises, in the ways people write them, and the times
/// that are only reports.
@Suite struct StatedTimesTests {
    static let sent = Timestamp.parse("2026-11-22T09:05:00Z")!

    static func due(_ text: String, sent: Date = sent) -> [String] {
        StatedTimes.find(in: text, sentAt: sent).map { "\($0.promise.rawValue) \(Timestamp.iso8601($0.due))" }
    }

    @Test(arguments: [
        ("We will update you by 15:00 UTC.", "update 2026-11-22T15:00:00Z"),
        ("Next update at 17:00.", "update 2026-11-22T17:00:00Z"),
        ("Our next update: 5pm CET", "update 2026-11-22T16:00:00Z"),
        ("We'll get back to you by 4:30 p.m. GMT.", "update 2026-11-22T16:30:00Z"),
        ("We will share more information by 2026-11-23 09:00 UTC.", "update 2026-11-23T09:00:00Z"),
        ("Expect another update around 11:00 PST.", "update 2026-11-22T19:00:00Z"),
        ("We expect a fix by 16:30 GMT.", "fix 2026-11-22T16:30:00Z"),
        ("ETA for the fix: 18:00 UTC.", "fix 2026-11-22T18:00:00Z"),
        ("The fix should be deployed by 13:00 +01:00.", "fix 2026-11-22T12:00:00Z"),
        ("We will update this page again at 08:00 UTC.", "update 2026-11-23T08:00:00Z"),
        ("We will follow up tomorrow at 10:00 UTC.", "update 2026-11-23T10:00:00Z"),
    ])
    func promisesAreFoundAndTimed(text: String, expected: String) {
        #expect(Self.due(text) == [expected])
    }

    @Test(arguments: [
        "We posted an update at 10:00 UTC.",
        "Service was restored at 10:15 UTC.",
        "Errors started at 08:40 UTC and we are investigating.",
        "We have been investigating since 08:40.",
        "The fix in version 2.14 is live.",
        "Call us on 020 7946 0958 for an update.",
        "The update we sent at 08:00 UTC was wrong.",
    ])
    func reportsAreNotPromises(text: String) {
        #expect(Self.due(text).isEmpty)
    }

    /// A time earlier in the day than the sending is the next day's.
    @Test func aTimeBeforeTheSendingIsTomorrows() {
        let evening = Timestamp.parse("2026-11-22T20:00:00Z")!
        #expect(Self.due("We will update you by 09:00 UTC.", sent: evening) == ["update 2026-11-23T09:00:00Z"])
    }

    @Test func theRangeRunsFromTheCueThroughTheTime() throws {
        let text = "Thanks. We will update you by 15:00 UTC. Bye."
        let stated = try #require(StatedTimes.find(in: text, sentAt: Self.sent).first)
        #expect(String(decoding: Array(text.utf8)[stated.range], as: UTF8.self) == "update you by 15:00 UTC")
    }

    @Test func oneSentenceCanPromiseBoth() {
        #expect(Self.due("We expect a fix by 16:00 UTC and will update you by 14:00 UTC.")
                == ["fix 2026-11-22T16:00:00Z", "update 2026-11-22T14:00:00Z"])
    }
}
