import Foundation
import Testing
import VouchCompose
import VouchCore

/// Exact text, at least one per channel, in Snapshots/ (read them as the
/// customer, the status-page reader or the next engineer would).
@Suite struct SnapshotTests {
    static let cases: [(facts: String, channel: Channel, state: MessageState?, format: ComposeFormat)] = [
        ("billing-identified", .customerReply, nil, .text),
        ("webhook-mitigated", .customerReply, nil, .text),
        ("sso-customer-config", .customerReply, nil, .text),
        ("billing-identified", .statusPage, nil, .text),
        ("billing-identified", .statusPage, nil, .json),
        ("webhook-mitigated", .statusPage, nil, .markdown),
        ("platform-outage-fixed", .statusPage, nil, .json),
        ("export-investigating", .statusPage, nil, .text),
        ("billing-identified", .handoff, nil, .markdown),
        ("billing-fixed-unverified", .handoff, .mitigated, .text),
        ("billing-identified", .supportBrief, nil, .text),
        ("platform-outage-fixed", .supportBrief, nil, .markdown),
    ]

    @Test(arguments: cases.indices)
    func snapshot(_ index: Int) throws {
        let c = Self.cases[index]
        let message = try Fixture.composer.compose(try Fixture.facts(c.facts), channel: c.channel, state: c.state, format: c.format)
        let ext = ["text": "txt", "markdown": "md", "json": "json"][c.format.rawValue]!
        try Snapshot.assert(message.output, named: "\(c.channel.rawValue).\(message.state.rawValue).\(c.facts).\(ext)")
    }

    @Test func timesFollowTheTimeZone() throws {
        let facts = try Fixture.facts("billing-identified")
        let utc = try Fixture.composer.compose(facts, channel: .statusPage)
        #expect(utc.text.contains("Our next update will be at 2026-11-22T17:00:00Z."))
        let berlin = try Fixture.composer.compose(facts, channel: .statusPage, time: TimeFormat(zoneNamed: "Europe/Berlin"))
        #expect(berlin.text.contains("Our next update will be at 2026-11-22T18:00:00+01:00."))
        #expect(Fixture.error { _ = try TimeFormat(zoneNamed: "Mars/Olympus") }?.hasPrefix("timezone Mars/Olympus: unknown time zone") == true)
    }

    @Test func textIsNeverHTMLEscaped() throws {
        let message = try Fixture.composer.compose(try Fixture.facts("billing-identified"), channel: .customerReply)
        #expect(message.text.contains("Settings > Invoices"))
        #expect(message.text.contains("last night's release"))
    }
}
