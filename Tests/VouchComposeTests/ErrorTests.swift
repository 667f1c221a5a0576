import Foundation
import Testing
import VouchCompose
import VouchCore
import VouchDefaultPack

/// Missing facts, unsupported states, findings and bad templates are errors
/// that say exactly what to fix.
@Suite struct ErrorTests {
    func facts(_ yaml: String) throws -> Facts {
        try FactsLoader.parse(yaml, source: "facts.yaml")
    }

    // MARK: Missing facts

    @Test func missingFactsAreAllListed() throws {
        let facts = try facts("status: fixed\nverified: {all_impacted: false}\n")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .customerReply) }
                == "cannot compose customer-reply (fixed): missing facts: mitigation, verified.all_impacted (needs true); until every affected account is verified, compose the mitigated state")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .statusPage) }
                == "cannot compose status-page (fixed): missing facts: title, mitigation, impact.data_loss, verified.all_impacted (needs true); until every affected account is verified, compose the mitigated state")
    }

    @Test func aMitigatedMessageNeedsTheMitigation() throws {
        let facts = try facts("status: mitigated\ntitle: Exports slow\nimpact: {summary: Exports are slow.}\nnext_update_at: 2026-11-22T17:00:00Z\n")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .statusPage) }
                == "cannot compose status-page (mitigated): missing facts: mitigation")
    }

    @Test func aFixedMessageNeedsVerificationNotJustTheFlag() throws {
        let facts = try facts("status: fixed\ntitle: Exports slow\nmitigation: Rolled back.\nimpact: {data_loss: none}\n")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .statusPage) }
                == "cannot compose status-page (fixed): missing facts: verified.all_impacted (needs true); until every affected account is verified, compose the mitigated state")
    }

    @Test func theHandoffNeedsItsFacts() throws {
        let facts = try facts("status: investigating\ntitle: Exports slow\nimpact: {summary: Exports are slow.}\n")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .handoff) }
                == "cannot compose handoff (investigating): missing facts: handoff.environment, handoff.next_action")
    }

    // MARK: States

    @Test func aLaterStateThanTheFactsIsAnError() throws {
        let facts = try Fixture.facts("webhook-mitigated")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .customerReply, state: .fixed) }
                == "cannot compose customer-reply (fixed): status is mitigated in webhook-mitigated.yaml; the facts support investigating, identified or mitigated")
    }

    @Test func ongoingWorkIsNotComposedOnceFixed() throws {
        let facts = try Fixture.facts("billing-fixed-verified")
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .statusPage, state: .identified) }?
            .hasPrefix("cannot compose status-page (identified): status is fixed in billing-fixed-verified.yaml") == true)
        #expect(Fixture.error { _ = try Fixture.composer.compose(facts, channel: .statusPage, state: .mitigated) }
                == "cannot compose status-page (mitigated): status is fixed and verified.all_impacted is true in billing-fixed-verified.yaml, so the message is the fixed one; compose fixed")
    }

    @Test func aFixedButUnverifiedIncidentComposesMitigated() throws {
        let message = try Fixture.composer.compose(try Fixture.facts("billing-fixed-unverified"), channel: .statusPage, state: .mitigated)
        #expect(message.text.hasPrefix("Monitoring - A corrected version was deployed."))
        #expect(!message.text.contains("resolved"))
    }

    // MARK: Findings

    @Test func aFindingInTheComposedTextIsAnError() throws {
        let templates = try TemplateSet(files: DefaultPack.files(in: "Templates") + [
            ("custom/status-page/identified.mustache", "Identified - Good news: the issue has been resolved. Next update at {{next_update_at}}.\n"),
        ])
        let composer = Composer(templates: templates, pack: Fixture.pack)
        let error = Fixture.error { _ = try composer.compose(try Fixture.facts("billing-identified"), channel: .statusPage) }
        #expect(error?.hasPrefix("cannot compose status-page (identified): the message from custom/status-page/identified.mustache has 1 finding with the facts in billing-identified.yaml (audience public): 1:44: \"resolved\" says the incident is resolved") == true, "\(error ?? "composed")")
    }

    // MARK: Templates

    func loadError(_ path: String, _ text: String) -> String? {
        Fixture.error { _ = try TemplateSet(files: [(path, text)]) }
    }

    @Test func anUnknownVariableFailsWhenLoaded() {
        let error = loadError("Templates/customer-reply/investigating.mustache", "Hello,\n\n{{#impact_summary}}{{impact_summary}}{{/impact_summary}}\n{{customer_name}}\n")
        #expect(error?.hasPrefix("Templates/customer-reply/investigating.mustache:4: unknown variable 'customer_name' (known: channel, state, status_label,") == true, "\(error ?? "loaded")")
    }

    @Test func anUnknownSectionFailsWhenLoaded() {
        let error = loadError("Templates/status-page/fixed.mustache", "Resolved\n{{#verified}}\nyes\n{{/verified}}\n")
        #expect(error?.hasPrefix("Templates/status-page/fixed.mustache:2: unknown variable 'verified' (known: ") == true, "\(error ?? "loaded")")
    }

    @Test func anOptionalFactOutsideItsSectionFailsWhenLoaded() {
        #expect(loadError("T/customer-reply/investigating.mustache", "Hi\nWorkaround: {{workaround}}\n")
                == "T/customer-reply/investigating.mustache:2: 'workaround' may be unset: use it inside {{#workaround}}...{{/workaround}} and customer-reply (investigating) does not require workaround")
        // Required facts may be used bare; a section makes any fact safe.
        #expect(loadError("T/customer-reply/investigating.mustache", "{{impact_summary}} {{#eta}}{{eta}}{{/eta}}\n") == nil)
        // Inside {{#identified}}, the identified state's requirements apply.
        #expect(loadError("T/customer-reply/still-investigating.mustache", "{{#identified}}{{cause_summary}}{{/identified}}\n") == nil)
        #expect(loadError("T/customer-reply/still-investigating.mustache", "{{cause_summary}}\n")?
            .hasSuffix("and customer-reply (investigating, identified) does not require cause.summary") == true)
    }

    @Test func partialsAndBadSyntaxFailWhenLoaded() {
        #expect(loadError("T/handoff/fixed.mustache", "a\n{{> footer}}\n")
                == "T/handoff/fixed.mustache:2: unsupported tag '{{> footer}}' (templates use variables, sections and comments only)")
        #expect(loadError("T/handoff/fixed.mustache", "a\n{{#fixed}}\nb\n")?.hasPrefix("T/handoff/fixed.mustache:") == true)
        #expect(loadError("T/handoff/fixed.mustache", "{{#fixed}}b{{/mitigated}}\n")?.contains("a section is closed with the wrong name") == true)
    }

    @Test func templatesMustFollowTheLayout() {
        #expect(loadError("T/sms/fixed.mustache", "a")?.hasPrefix("T/sms/fixed.mustache: a template must be in a channel folder") == true)
        #expect(loadError("T/handoff/resolved.mustache", "a")
                == "T/handoff/resolved.mustache: unknown template name 'resolved' (allowed: investigating, identified, mitigated, fixed, still-investigating)")
    }

    @Test func aTemplateDirectoryOverridesFileByFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("status-page"), withIntermediateDirectories: true)
        try Data("**{{status_label}}** - {{impact_summary}} Next update at {{next_update_at}}.\n".utf8)
            .write(to: dir.appendingPathComponent("status-page/identified.mustache"))
        let files = try TemplateSet.files(inDirectory: dir.path)
        let templates = try TemplateSet(files: DefaultPack.files(in: "Templates") + files)
        #expect(templates.uncovered.isEmpty)
        #expect(templates.path(.statusPage, .identified) == dir.path + "/status-page/identified.mustache")
        #expect(templates.path(.statusPage, .investigating) == "Templates/status-page/investigating.mustache")
        let message = try Composer(templates: templates, pack: Fixture.pack)
            .compose(try Fixture.facts("billing-identified"), channel: .statusPage)
        #expect(message.text == "Identified - Some workspace admins see a blank billing page. Next update at 2026-11-22T17:00:00Z.\n")
    }
}
