import Foundation
import Testing
@testable import VouchCore

/// The facts file contract (shared/contract/facts.md): loading, "not set",
/// and the exact one-line errors.
@Suite struct FactsLoaderTests {
    /// The error message `text` fails with, or nil when it loads.
    private func error(_ text: String, source: String = "facts.yaml") -> String? {
        do {
            _ = try FactsLoader.parse(text, source: source)
            return nil
        } catch let error as VouchError {
            return error.message
        } catch {
            return "not a VouchError: \(error)"
        }
    }

    private func time(_ iso: String) throws -> Date {
        try Date(iso, strategy: .iso8601)
    }

    private static let allowedTopLevel = "id, title, status, kind, started_at, updated_at, cause, impact, verified, mitigation, workaround, customer_next_step, next_update_at, eta, approved, handoff"
    private static let allowedStatuses = "investigating, identified, mitigated, fixed"
    private static let allowedKinds = "outage, degradation, regression, bug, permissions, configuration, role-propagation, stale-session, browser, provider, queue-backlog, unknown"

    // MARK: Loading

    @Test func contractExampleLoads() throws {
        let text = """
            id: INC-221                        # internal reference; never shown to customers
            title: Webhook deliveries delayed  # customer-safe title
            status: investigating              # investigating | identified | mitigated | fixed
            kind: queue-backlog                # see "kind" below; one value or a list
            started_at: 2026-11-21T22:10:00Z   # first seen (ISO 8601)
            updated_at: 2026-11-22T09:30:00Z   # when these facts were last confirmed

            cause:
              summary: A retry backlog after a downstream provider returned errors.
              confirmed: false                 # true: "root cause" may be said; false: only "probable cause"
              customer_action: false           # true only when it is confirmed a customer's own action caused it

            impact:
              summary: Webhook deliveries are delayed by up to 40 minutes.
              affected_workspaces: 14          # counts, when known
              failed_jobs: 340
              data_loss: unknown               # none | unknown | possible | confirmed
              scope_checked: false             # related workspaces/accounts were checked: "isolated" may be said

            verified:
              all_impacted: false              # every impacted seat/account verified working: "resolved" may be said
              expected_behavior: false         # product signed off that this is expected behavior

            mitigation: Retries were paused and the backlog is draining.  # what was done
            workaround: Re-send failed webhooks from the dashboard.       # what customers can do now
            customer_next_step: No action is needed on your side.
            next_update_at: 2026-11-22T17:00:00Z   # when the next update will be sent
            eta: null                              # an approved, committed time for a fix (ISO 8601) or null
            approved:
              credit: false                    # service credits / refunds approved to be mentioned
            """
        let facts = try FactsLoader.parse(text, source: "facts.yaml")
        let expected: [String: FactValue] = [
            "id": .string("INC-221"),
            "title": .string("Webhook deliveries delayed"),
            "status": .enumeration("investigating"),
            "kind": .list(["queue-backlog"]),
            "started_at": .timestamp(try time("2026-11-21T22:10:00Z")),
            "updated_at": .timestamp(try time("2026-11-22T09:30:00Z")),
            "cause.summary": .string("A retry backlog after a downstream provider returned errors."),
            "cause.confirmed": .bool(false),
            "cause.customer_action": .bool(false),
            "impact.summary": .string("Webhook deliveries are delayed by up to 40 minutes."),
            "impact.affected_workspaces": .integer(14),
            "impact.failed_jobs": .integer(340),
            "impact.data_loss": .enumeration("unknown"),
            "impact.scope_checked": .bool(false),
            "verified.all_impacted": .bool(false),
            "verified.expected_behavior": .bool(false),
            "mitigation": .string("Retries were paused and the backlog is draining."),
            "workaround": .string("Re-send failed webhooks from the dashboard."),
            "customer_next_step": .string("No action is needed on your side."),
            "next_update_at": .timestamp(try time("2026-11-22T17:00:00Z")),
            "approved.credit": .bool(false),
        ]
        #expect(facts.values == expected)
        #expect(facts.source == "facts.yaml")
        #expect(facts.status == "investigating")
        #expect(facts.kinds == ["queue-backlog"])
        #expect(facts["eta"] == nil)
        #expect(facts.bool("cause.confirmed") == false)
        #expect(facts.integer("impact.failed_jobs") == 340)
        #expect(facts.string("impact.data_loss") == "unknown")
    }

    @Test func jsonLoads() throws {
        let text = """
            {"status": "fixed", "kind": ["regression", "outage"], "title": "Login failing",
             "cause": {"confirmed": true}, "impact": {"failed_jobs": 0, "data_loss": "none"},
             "eta": "2026-11-22T17:00:00Z", "next_update_at": null}
            """
        let facts = try FactsLoader.parse(text, source: "facts.json")
        #expect(facts.values == [
            "status": .enumeration("fixed"),
            "kind": .list(["regression", "outage"]),
            "title": .string("Login failing"),
            "cause.confirmed": .bool(true),
            "impact.failed_jobs": .integer(0),
            "impact.data_loss": .enumeration("none"),
            "eta": .timestamp(try time("2026-11-22T17:00:00Z")),
        ])
        #expect(try FactsLoader.parse(#"{"status": "fixed"}"#, source: "f.json").values == ["status": .enumeration("fixed")])
    }

    @Test func nullAndEmptyValuesAreNotSet() throws {
        let text = """
            status: mitigated
            eta: null
            next_update_at: ~
            started_at:
            title: ""
            kind: null
            cause:
            impact: ~
            verified:
              all_impacted: Null
            approved: {credit: ~}
            """
        let facts = try FactsLoader.parse(text, source: "facts.yaml")
        #expect(facts.values == ["status": .enumeration("mitigated")])
        #expect(facts.kinds == [])
    }

    @Test func kindIsAlwaysAList() throws {
        #expect(try FactsLoader.parse("status: fixed\nkind: outage", source: "f").values["kind"] == .list(["outage"]))
        #expect(try FactsLoader.parse("status: fixed\nkind: [regression, outage]", source: "f").kinds == ["regression", "outage"])
        #expect(try FactsLoader.parse("status: fixed\nkind:\n  - bug\n  - permissions\n", source: "f").kinds == ["bug", "permissions"])
        #expect(try FactsLoader.parse("status: fixed\nkind: [unknown]", source: "f").kinds == ["unknown"])
    }

    @Test func textFieldsKeepTheirText() throws {
        let facts = try FactsLoader.parse("status: fixed\nid: 221\ntitle: 'true'\nworkaround: |\n  Step one.\n  Step two.\n", source: "f")
        #expect(facts["id"] == .string("221"))
        #expect(facts["title"] == .string("true"))
        #expect(facts["workaround"] == .string("Step one.\nStep two.\n"))
    }

    @Test func boolsAndIntegers() throws {
        let facts = try FactsLoader.parse("status: fixed\ncause: {confirmed: True, customer_action: FALSE}\nimpact: {affected_workspaces: 0}", source: "f")
        #expect(facts.bool("cause.confirmed") == true)
        #expect(facts.bool("cause.customer_action") == false)
        #expect(facts.integer("impact.affected_workspaces") == 0)
    }

    // MARK: Timestamps

    @Test(arguments: [
        ("2026-11-22T17:00:00Z", "2026-11-22T17:00:00Z"),
        ("2026-11-22T19:00:00+02:00", "2026-11-22T17:00:00Z"),
        ("2026-11-22T12:00:00-05:00", "2026-11-22T17:00:00Z"),
        ("2026-11-22T19:00:00+0200", "2026-11-22T17:00:00Z"),
        ("2026-11-22t17:00:00z", "2026-11-22T17:00:00Z"),
        ("2026-11-22 17:00:00+00:00", "2026-11-22T17:00:00Z"),
        ("2026-11-22 17:00:00", "2026-11-22T17:00:00Z"),
        ("2026-11-22T17:00:00", "2026-11-22T17:00:00Z"),
        ("2026-11-22 17:00:00 -5", "2026-11-22T22:00:00Z"),
        ("2026-11-22T17:00Z", "2026-11-22T17:00:00Z"),
        ("2026-11-22", "2026-11-22T00:00:00Z"),
        ("'2026-11-22T17:00:00Z'", "2026-11-22T17:00:00Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func timestampForms(written: String, expected: String) throws {
        let facts = try FactsLoader.parse("status: fixed\neta: \(written)\n", source: "facts.yaml")
        #expect(facts.timestamp("eta") == (try time(expected)))
    }

    @Test func fractionalSeconds() throws {
        let facts = try FactsLoader.parse("status: fixed\neta: 2026-11-22T17:00:00.250Z\nnext_update_at: 2026-11-22 17:00:00.5+01:00", source: "f")
        #expect(facts.timestamp("eta")?.timeIntervalSince(try time("2026-11-22T17:00:00Z")) == 0.25)
        #expect(facts.timestamp("next_update_at")?.timeIntervalSince(try time("2026-11-22T16:00:00Z")) == 0.5)
    }

    @Test(arguments: ["tomorrow", "2026-02-30", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T17:61:00Z", "2026-11-22T17:00:00+25:00", "1700000000", "17:00"])
    func badTimestamp(written: String) {
        #expect(error("status: fixed\neta: \(written)\n") == "facts.yaml:2:6: eta: expected an ISO 8601 time such as 2026-11-22T17:00:00Z, got '\(written)'")
    }

    // MARK: Errors

    @Test func unknownTopLevelKey() {
        #expect(error("stauts: fixed\n") == "facts.yaml:1:1: unknown key 'stauts' (allowed: \(Self.allowedTopLevel))")
    }

    @Test func unknownNestedKey() {
        let text = """
            status: fixed
            kind: outage
            cause:
              confirmed: true
            impact:
            verified:
              verifed: true
            """
        #expect(error(text) == "facts.yaml:7:3: unknown key 'verifed' in 'verified' (allowed: all_impacted, expected_behavior)")
    }

    @Test func unknownEnumValue() {
        let text = "id: INC-1\ntitle: x\nkind: bug\nstatus: fixd\n"
        #expect(error(text) == "facts.yaml:4:9: status: unknown value 'fixd' (allowed: \(Self.allowedStatuses))")
        #expect(error("status: fixed\nimpact:\n  data_loss: maybe\n") == "facts.yaml:3:14: impact.data_loss: unknown value 'maybe' (allowed: none, unknown, possible, confirmed)")
    }

    @Test func wrongTypes() {
        #expect(error("status: fixed\ncause:\n  confirmed: yes please\n") == "facts.yaml:3:14: cause.confirmed: expected true or false, got 'yes please'")
        #expect(error("status: fixed\ncause:\n  confirmed: yes\n") == "facts.yaml:3:14: cause.confirmed: expected true or false, got 'yes'")
        #expect(error("status: fixed\ncause:\n  confirmed: \"true\"\n") == "facts.yaml:3:14: cause.confirmed: expected true or false, got 'true' (quoted, so it is text; remove the quotes)")
        #expect(error("status: fixed\nimpact:\n  failed_jobs: -3\n") == "facts.yaml:3:16: impact.failed_jobs: expected a whole number (0 or more), got '-3'")
        #expect(error("status: fixed\nimpact:\n  failed_jobs: 1.5\n") == "facts.yaml:3:16: impact.failed_jobs: expected a whole number (0 or more), got '1.5'")
        #expect(error("status: fixed\nimpact:\n  failed_jobs: '12'\n") == "facts.yaml:3:16: impact.failed_jobs: expected a whole number (0 or more), got '12' (quoted, so it is text; remove the quotes)")
        #expect(error("status: fixed\nimpact:\n  failed_jobs: 99999999999999999999999\n") == "facts.yaml:3:16: impact.failed_jobs: expected a whole number (0 or more), got '99999999999999999999999'")
    }

    @Test func userTextInMessagesStaysOnOneLine() {
        #expect(error("status: fixed\ncause:\n  confirmed: |\n    yes\n    no\n") == "facts.yaml:3:14: cause.confirmed: expected true or false, got 'yes\\nno\\n'")
        let long = String(repeating: "x", count: 100)
        #expect(error("status: \(long)\n") == "facts.yaml:1:9: status: unknown value '\(String(repeating: "x", count: 79))…' (allowed: \(Self.allowedStatuses))")
    }

    @Test func mappingWhereScalarExpectedAndTheReverse() {
        #expect(error("status: {phase: fixed}\n") == "facts.yaml:1:9: status: expected one of \(Self.allowedStatuses), got a mapping")
        #expect(error("status: fixed\ntitle: [a, b]\n") == "facts.yaml:2:8: title: expected text, got a list")
        #expect(error("status: fixed\neta:\n  at: 2026-11-22\n") == "facts.yaml:3:3: eta: expected an ISO 8601 time such as 2026-11-22T17:00:00Z, got a mapping")
        #expect(error("status: fixed\ncause: yes\n") == "facts.yaml:2:8: cause: expected a mapping with keys summary, confirmed, customer_action, got 'yes'")
        #expect(error("status: fixed\nverified: [all_impacted]\n") == "facts.yaml:2:11: verified: expected a mapping with keys all_impacted, expected_behavior, got a list")
        #expect(error("status: fixed\nkind: {outage: true}\n") == "facts.yaml:2:7: kind: expected one of \(Self.allowedKinds) or a list of them, got a mapping")
    }

    @Test func missingStatus() {
        #expect(error("title: Webhooks delayed\n") == "facts.yaml: missing required field 'status' (allowed: \(Self.allowedStatuses))")
        #expect(error("status: null\n") == "facts.yaml: missing required field 'status' (allowed: \(Self.allowedStatuses))")
        #expect(error("{}") == "facts.yaml: missing required field 'status' (allowed: \(Self.allowedStatuses))")
    }

    @Test func kindErrors() {
        #expect(error("status: fixed\nkind: [outage, unknown]\n") == "facts.yaml:2:16: kind: 'unknown' cannot be combined with another value (got outage, unknown)")
        #expect(error("status: fixed\nkind:\n  - unknown\n  - bug\n") == "facts.yaml:3:5: kind: 'unknown' cannot be combined with another value (got unknown, bug)")
        #expect(error("status: fixed\nkind: []\n") == "facts.yaml:2:7: kind: expected at least one value, got an empty list (allowed: \(Self.allowedKinds))")
        #expect(error("status: fixed\nkind: [outage, outtage]\n") == "facts.yaml:2:16: kind: unknown value 'outtage' (allowed: \(Self.allowedKinds))")
        #expect(error("status: fixed\nkind: [bug, bug]\n") == "facts.yaml:2:13: kind: 'bug' is listed twice")
        #expect(error("status: fixed\nkind: [bug, ~]\n") == "facts.yaml:2:13: kind: expected one of \(Self.allowedKinds), got an empty value")
    }

    @Test func duplicateKeys() {
        #expect(error("status: fixed\ntitle: a\nstatus: mitigated\n") == "facts.yaml:3:1: duplicate key 'status' (first given on line 1)")
        #expect(error("status: fixed\ncause:\n  confirmed: true\n  summary: x\n  confirmed: false\n") == "facts.yaml:5:3: duplicate key 'confirmed' (first given on line 3)")
        #expect(error(#"{"status": "fixed", "status": "mitigated"}"#) == "facts.yaml:1:2: duplicate key 'status' (it is given more than once)")
    }

    @Test func notAFactsMapping() {
        let statuses = Self.allowedStatuses
        #expect(error("") == "facts.yaml: the facts file is empty; it needs at least 'status' (allowed: \(statuses))")
        #expect(error("# nothing yet\n") == "facts.yaml: the facts file is empty; it needs at least 'status' (allowed: \(statuses))")
        #expect(error("~\n") == "facts.yaml: the facts file is empty; it needs at least 'status' (allowed: \(statuses))")
        #expect(error("- status: fixed\n") == "facts.yaml:1:1: expected a mapping of facts such as 'status: investigating' at the top level, got a list")
        #expect(error("fixed\n") == "facts.yaml:1:1: expected a mapping of facts such as 'status: investigating' at the top level, got 'fixed'")
        #expect(error("status: fixed\n---\nstatus: fixed\n") == "facts.yaml:2:1: invalid YAML: a facts file holds one document, found a second one")
    }

    @Test func yamlSyntaxErrorsNameLineAndColumn() {
        #expect(error("status: fixed\ntitle: a: b\n") == "facts.yaml:2:9: invalid YAML: mapping values are not allowed in this context")
        #expect(error("status: fixed\ncause:\n  summary: x\n confirmed: true\n") == "facts.yaml:4:2: invalid YAML: did not find expected key (while parsing a block mapping at line 1, column 1)")
        #expect(error("status: [fixed\n") == "facts.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 9)")
        #expect(error("status: \"fixed\n") == "facts.yaml:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 1, column 9)")
    }

    @Test func everyMessageIsOneLine() {
        for text in ["status: fixed\ntitle: a: b\n", "status: [fixed\n", "\tstatus: fixed\n", "status: fixed\nstatus: fixed\n"] {
            let message = error(text)
            #expect(message != nil)
            #expect(message?.contains("\n") == false)
        }
    }

    // MARK: Files

    @Test func loadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-facts-\(UUID().uuidString).yaml")
        try Data("\u{FEFF}status: identified\nkind: bug\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let facts = try FactsLoader.load(path: url.path)
        #expect(facts.values == ["status": .enumeration("identified"), "kind": .list(["bug"])])
        #expect(facts.source == url.path)
    }

    @Test func missingFile() {
        #expect(throws: VouchError("cannot read facts file 'no-such-facts.yaml': no such file")) {
            try FactsLoader.load(path: "no-such-facts.yaml")
        }
    }

    @Test func directoryIsNotAFile() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: VouchError("cannot read facts file '\(path)': it is a directory")) {
            try FactsLoader.load(path: path)
        }
    }

    @Test func invalidUTF8NamesTheByte() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-facts-\(UUID().uuidString).yaml")
        try Data("status: fixed\ntitle: caf".utf8 + [0xE9] + Data(" down\n".utf8)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: VouchError("\(url.path):2:11: the file is not valid UTF-8 text (byte 0xE9); save it as UTF-8")) {
            try FactsLoader.load(path: url.path)
        }
    }

    // MARK: Schema

    @Test func schemaLookups() {
        #expect(FactsSchema.fields.count == 28)
        #expect(FactsSchema.fields.first?.path == "id")
        #expect(FactsSchema.field("cause.confirmed")?.type == .bool)
        #expect(FactsSchema.field("kind")?.type == .enumerationList(FactsSchema.kinds))
        #expect(FactsSchema.field("cause") == nil)
        #expect(FactsSchema.isGroup("cause"))
        #expect(!FactsSchema.isGroup("status"))
        #expect(FactsSchema.keys(under: "impact") == ["summary", "affected_workspaces", "failed_jobs", "data_loss", "scope_checked"])
        #expect(FactsSchema.requiredFields.map(\.path) == ["status"])
        #expect(FactsSchema.kinds.count == 12)
    }
    // MARK: Hostile YAML

    /// The "billion laughs" shape: each level an alias list of the one
    /// before; nine levels would expand to 10^9 nodes. Refused from the
    /// event stream, before any tree is built or hashed.
    @Test(.timeLimit(.minutes(1)))
    func aliasesAndAnchorsAreRefused() {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for k in 1...9 {
            yaml += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "? *a9\n: 1\nstatus: fixed\n"
        #expect(error(yaml) == "facts.yaml:1:5: YAML anchors (&name) are not allowed in a facts file; write the value out")
        #expect(error("status: &s fixed\n") == "facts.yaml:1:9: YAML anchors (&name) are not allowed in a facts file; write the value out")
        #expect(error("status: fixed\ntitle: *t\n") == "facts.yaml:2:8: YAML aliases (*name) are not allowed in a facts file; write the value out")
    }

    @Test func nestingNodeCountAndSizeAreBounded() {
        let deep = "status: fixed\nhandoff: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        #expect(error(deep) == "facts.yaml:2:25: a facts file nests deeper than the limit of 16 levels")
        let many = "status: fixed\nkind: [" + Array(repeating: "unknown", count: 10_001).joined(separator: ", ") + "]\n"
        #expect(error(many)?.hasSuffix("a facts file has more than the limit of 10000 values") == true)
        let big = "status: fixed\ntitle: " + String(repeating: "x", count: 256 * 1024) + "\n"
        #expect(error(big) == "facts.yaml: a facts file is \(big.utf8.count) bytes, over the limit of 262144 bytes")
        // Syntax errors are still the composer's, with its position.
        #expect(error("status: [fixed\n")?.hasPrefix("facts.yaml:2:1: invalid YAML") == true)
    }
}

/// The hand-written timestamp reader against the grammar written as a
/// regular expression, over strings built from the grammar's pieces (valid
/// and broken), so both accept exactly the same shapes.
@Suite struct TimestampGrammarTests {
    let grammar = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:[ \t]*(Z|z|[+-][0-9]{1,2}(?::?[0-9]{2})?))?)?$/

    @Test func acceptsExactlyTheGrammar() {
        let dates = ["2026-11-22", "2026-1-2", "226-11-22", "2026-11-222", "2026/11/22"]
        let separators = ["", "T", "t", " ", " \t ", "x", "TT"]
        let times = ["", "17:00", "7:05", "17:0", "17:00:59", "17:00:5", "17:00:00.5", "17:00:00,250", "17:00:00.", "117:00"]
        let zones = ["", "Z", "z", " Z", "+01:00", "-5", "+0530", "+530", "+5:30", "+05:3", "+123456", "+", "Q"]
        var checked = 0
        for d in dates { for s in separators { for t in times { for z in zones {
            let text = d + s + t + z
            // Surrounding blanks are trimmed before the grammar applies.
            let expected = text.trimmingCharacters(in: .whitespaces).wholeMatch(of: grammar) != nil
            // Out-of-range values (month 13, hour 24) are refused after the
            // shape; these pieces never have any, so shape decides.
            #expect((Timestamp.parse(text) != nil) == expected, "\(text.debugDescription)")
            checked += 1
        }}}}
        #expect(checked == 5 * 7 * 10 * 13)
    }

}
