import Foundation
import Testing
@testable import VouchCore

/// The escalation the audit exists for, replayed: three teams, three
/// stories, a status page that says all is well, and promised updates that
/// never came.
@Suite struct AuditScenarioTests {
    static let v1 = """
        id: INC-9
        status: investigating
        kind: permissions
        """
    static let v2 = """
        id: INC-9
        status: identified
        kind: regression
        next_update_at: 2026-11-22T17:00:00Z
        """

    static func facts(_ text: String) -> Facts {
        do { return try FactsLoader.parse(text, source: "facts") } catch { fatalError("\(error)") }
    }

    static func at(_ time: String) -> Date { Timestamp.parse("2026-11-22T\(time):00Z")! }

    static func message(_ id: String, _ channel: String, to recipient: String? = nil, at time: String, version: Int = 1,
                        facts: String? = v1, _ text: String) -> LoggedMessage {
        LoggedMessage(id: id, channel: channel, recipient: recipient, sentAt: at(time), factsVersion: version,
                      facts: facts.map(Self.facts), text: text)
    }

    static let escalation = [
        message("reply", "customer-reply", to: "acme", at: "09:10",
                "Hello Priya, we are investigating a permissions issue on the reports page. We will update you by 15:00 UTC."),
        message("status", "status-page", at: "09:30", "Reports: all systems operational."),
        message("sales", "email", to: "acme", at: "10:00", "Hi Priya, I promise this will never happen again."),
    ]

    static func audit(_ log: [LoggedMessage], facts: String = v2, now: String = "17:30") -> AuditReport {
        Auditor(pack: Repository.pack).audit(log, facts: Self.facts(facts), now: at(now))
    }

    static func rules(_ report: AuditReport, _ id: String) -> [String] {
        report.messages.first { $0.id == id }!.findings.map(\.rule)
    }

    @Test func theEscalationIsReadAsOneStory() throws {
        let report = Self.audit(Self.escalation)
        let reply = try #require(report.messages.first { $0.id == "reply" })
        let stale = try #require(reply.findings.first { $0.rule == "stale.contradicted" })
        #expect(stale.match == "permissions issue" && stale.fact == "kind" && stale.from == "permissions" && stale.to == "regression")
        #expect(stale.message.contains("send acme a correction"))
        #expect(stale.message.contains("customer-reply to acme"))

        let status = try #require(report.messages.first { $0.id == "status" })
        let conflict = try #require(status.findings.first { $0.rule == "consistency.conflict" })
        #expect(conflict.match == "all systems operational")
        #expect(conflict.other?.message == "reply" && conflict.other?.match == "are investigating")
        #expect(Self.rules(report, "sales").isEmpty)

        #expect(report.promises.map(\.due) == [Self.at("15:00"), Self.at("17:00")])
        #expect(report.promises.map(\.lateMinutes) == [150, 30])
        #expect(report.promises[0].messageID == "reply" && report.promises[0].match == "update you by 15:00 UTC")
        #expect(report.promises[1].messageID == nil)
        #expect(report.findingCount == 4)
    }

    /// Every range is the match's bytes in its own message, conflicts'
    /// other side included.
    @Test func everyRangeIsItsMatchInItsMessage() {
        let report = Self.audit(Self.escalation)
        let texts = Dictionary(uniqueKeysWithValues: Self.escalation.map { ($0.id, Array($0.text.utf8)) })
        for message in report.messages {
            for finding in message.findings {
                #expect(String(decoding: texts[message.id]![finding.range], as: UTF8.self) == finding.match)
                if let other = finding.other {
                    #expect(String(decoding: texts[other.message]![other.range], as: UTF8.self) == other.match)
                }
            }
        }
        for promise in report.promises {
            if let id = promise.messageID, let range = promise.range {
                #expect(String(decoding: texts[id]![range], as: UTF8.self) == promise.match)
            }
        }
    }

    /// Words the facts still support, then and now, owe nothing.
    @Test func whatStillHoldsOwesNoCorrection() {
        let log = [Self.message("a", "customer-reply", at: "09:10", "We are investigating why some admins see a blank reports page.")]
        let report = Self.audit(log)
        #expect(report.messages[0].findings.isEmpty)
    }

    /// A message flagged when it was sent is not "contradicted" later: it
    /// was wrong already (the pre-send check's business), not made stale.
    @Test func flaggedThenIsNotStaleNow() {
        let log = [Self.message("s", "status-page", at: "09:30", "Reports: all systems operational.")]
        #expect(Self.rules(Self.audit(log), "s").isEmpty)
    }

    @Test func withoutItsFactsAMessageIsReadUnderTheCurrentOnes() throws {
        let log = [Self.message("a", "customer-reply", to: "acme", at: "09:10", facts: nil, "This is a permissions issue.")]
        let finding = try #require(Self.audit(log).messages[0].findings.first)
        #expect(finding.rule == "stale.contradicted" && finding.from == nil && finding.to == "regression")
        #expect(finding.message.contains("not on record"))
    }

    @Test func aLaterMessageOnTheChannelKeepsThePromise() {
        let log = Self.escalation + [Self.message("follow-up", "customer-reply", to: "acme", at: "14:50", version: 2, facts: Self.v2,
                                                  "Hello Priya, a quick update: the team has traced this to a recent change.")]
        let report = Self.audit(log)
        #expect(!report.promises.contains { $0.messageID == "reply" })
        #expect(report.promises.count == 1)
    }

    @Test func aMessageAfterTheFactsNextUpdateKeepsIt() {
        let log = [Self.message("late", "status-page", at: "17:05", version: 2, facts: Self.v2, "We are still working on this.")]
        #expect(Self.audit(log).promises.isEmpty)
    }

    @Test func promisesNotYetDueAreNotOverdue() {
        #expect(Self.audit(Self.escalation, now: "14:00").promises.isEmpty)
    }

    @Test func aStatedFixTimeIsOverdueOnlyWhileNotFixed() {
        let log = [Self.message("eta", "customer-reply", at: "09:10", "We expect a fix by 16:00 UTC.")]
        #expect(Self.audit(log, facts: "status: identified\nkind: permissions").promises.map(\.kind) == ["fix"])
        let fixed = """
            status: fixed
            kind: regression
            verified: {all_impacted: true}
            """
        #expect(Self.audit(log, facts: fixed).promises.isEmpty)
    }

    @Test func theFactsETAIsOverdueWhileNotFixed() {
        let facts = Self.v2 + "\neta: 2026-11-22T16:00:00Z"
        let report = Self.audit([Self.message("x", "status-page", at: "17:10", version: 2, facts: facts, "We are working on a fix.")], facts: facts)
        #expect(report.promises.map(\.kind) == ["fix"])
        #expect(report.promises[0].lateMinutes == 90)
    }

    @Test func messagesUnderDifferentFactsDoNotConflict() {
        let log = [
            Self.message("a", "customer-reply", at: "09:10", "We are investigating a permissions issue."),
            Self.message("b", "status-page", at: "12:00", version: 2, facts: Self.v2, "The cause is a regression in a recent release."),
        ]
        #expect(Self.audit(log).messages.allSatisfy { !$0.findings.contains { $0.rule == "consistency.conflict" } })
    }

    @Test(arguments: [
        ("This is a permissions issue.", "We are sorry for the outage.", true),
        ("This was caused by a bug in our code.", "A regression in yesterday's release caused this.", false),
        ("We are investigating.", "We are still investigating the cause.", false),
        ("The issue is resolved.", "We are still investigating the cause.", true),
        ("We have identified the cause.", "We are still looking into it.", false),
        ("A fix has been deployed and we are monitoring.", "We are still investigating the cause.", true),
        ("We have mitigated the impact and are monitoring.", "Our engineers are working on a permanent fix.", false),
        ("The issue is resolved.", "We are monitoring the results of the fix.", false),
        ("We expect a fix by 16:00 UTC.", "The fix should be live by 18:00 UTC.", true),
        ("We expect a fix by 16:00 UTC.", "Our ETA for the fix is 16:00 UTC.", false),
        ("We expect a fix by 16:00 UTC.", "We will update you by 18:00 UTC.", false),
    ])
    func conflictsAreStoriesThatCannotBothBeTrue(first: String, second: String, conflict: Bool) {
        let log = [Self.message("a", "customer-reply", at: "09:10", first), Self.message("b", "email", at: "09:20", second)]
        #expect(Self.rules(Self.audit(log), "b").contains("consistency.conflict") == conflict)
    }

    /// Kinds the facts both establish are two parts of one story.
    @Test func kindsTheFactsBothListDoNotConflict() {
        let both = """
            status: identified
            kind: [regression, permissions]
            """
        let log = [
            Self.message("a", "customer-reply", at: "09:10", facts: both, "This is a permissions issue."),
            Self.message("b", "email", at: "09:20", facts: both, "A regression in yesterday's release caused this."),
        ]
        #expect(Self.audit(log, facts: both).messages.allSatisfy { $0.findings.isEmpty })
    }
}
