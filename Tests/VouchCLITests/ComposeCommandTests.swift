import Foundation
import Testing

/// `vouch compose` as a user runs it: what is printed, exit statuses, errors.
@Suite struct ComposeCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/incident.yaml").standardized.path

    @Test func composesAStatusPageUpdateFromTheExampleIncident() throws {
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "status-page"])
        #expect(out == .init(status: 0, stdout: """
            Identified - We have identified the probable cause of this issue and are working on a fix. Some workspace admins see a blank billing page. Workaround: Admins can download invoices from Settings > Invoices. Our next update will be at 2026-11-22T17:00:00Z.

            """, stderr: ""))
    }

    @Test func composesACustomerReplyInATimeZone() throws {
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "customer-reply", "--timezone", "America/New_York"])
        #expect(out.status == 0)
        #expect(out.stderr == "")
        #expect(out.stdout.hasPrefix("Hello,\n\nThank you for your patience. Some workspace admins see a blank billing page.\n"))
        #expect(out.stdout.contains("Our next update will be at 2026-11-22T12:00:00-05:00.\n"))
        #expect(out.stdout.hasSuffix("Best regards,\nThe support team\n"))
    }

    @Test func statusPageJSONIsABodyForAStatusPageAPI() throws {
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "status-page", "--format", "json"])
        #expect(out.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: String])
        #expect(object.keys.sorted() == ["body", "impact", "name", "status"])
        #expect(object["name"] == "Billing page blank for workspace admins")
        #expect(object["status"] == "identified")
        #expect(object["impact"] == "minor")
        #expect(object["body"]?.hasPrefix("Identified - We have identified") == true)
    }

    @Test func missingFactsAreListedAndNothingIsPrinted() throws {
        let dir = try Scratch()
        try dir.write("facts.yaml", "status: fixed\nverified:\n  all_impacted: false\n")
        let out = try CLI.run(["compose", "--facts", "facts.yaml", "--channel", "customer-reply"], in: dir.url)
        #expect(out == .init(status: 2, stdout: "", stderr: """
            vouch: error: cannot compose customer-reply (fixed): missing facts: mitigation, verified.all_impacted (needs true); until every affected account is verified, compose the mitigated state

            """))
    }

    @Test func aStateTheFactsDoNotSupportNamesTheFact() throws {
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "status-page", "--state", "fixed"])
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr == "vouch: error: cannot compose status-page (fixed): status is identified in \(Self.example); the facts support investigating or identified\n")
    }

    @Test func aFindingInACustomTemplateIsAnError() throws {
        let dir = try Scratch()
        try dir.write("templates/status-page/identified.mustache", "Identified - This is an outage. Next update at {{next_update_at}}.\n")
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "status-page", "--templates", "templates"], in: dir.url)
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("vouch: error: cannot compose status-page (identified): the message from templates/status-page/identified.mustache has 1 finding"))
        #expect(out.stderr.contains("[claim.outage]"))
    }

    @Test func aBadTemplateFailsWhenLoaded() throws {
        let dir = try Scratch()
        try dir.write("templates/handoff/fixed.mustache", "Handoff\n\n{{owner}}\n")
        let out = try CLI.run(["compose", "--facts", Self.example, "--channel", "status-page", "--templates", "templates"], in: dir.url)
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("vouch: error: templates/handoff/fixed.mustache:3: unknown variable 'owner' (known: channel, state, "))
    }

    @Test func badArgumentsExitTwo() throws {
        let channel = try CLI.run(["compose", "--facts", Self.example, "--channel", "sms"])
        #expect(channel.status == 2)
        #expect(channel.stdout == "")
        let zone = try CLI.run(["compose", "--facts", Self.example, "--channel", "handoff", "--timezone", "Mars/Olympus"])
        #expect(zone.status == 2)
        #expect(zone.stderr.hasPrefix("vouch: error: --timezone Mars/Olympus: unknown time zone"))
    }
}
