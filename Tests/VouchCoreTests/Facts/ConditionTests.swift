import Foundation
import Testing
@testable import VouchCore

/// The `allowed_when` condition language: parsing, checks against the facts
/// schema, evaluation and the reasons a claim is not allowed.
@Suite struct ConditionTests {
    /// The parse error for `text`, or nil when it parses.
    private func error(_ text: String) -> String? {
        do {
            _ = try Condition.parse(text)
            return nil
        } catch let error as VouchError {
            return error.message
        } catch {
            return "not a VouchError: \(error)"
        }
    }

    private func facts(_ values: [String: FactValue]) -> Facts {
        Facts(values: values, source: "facts.yaml")
    }

    private func verdict(_ condition: String, _ facts: Facts?) throws -> ConditionVerdict {
        try Condition.parse(condition).evaluate(facts)
    }

    private func denied(_ fact: String?, _ reason: String) -> ConditionVerdict {
        ConditionVerdict(allowed: false, fact: fact, reason: reason)
    }

    private let investigating = Facts(values: [
        "status": .enumeration("investigating"),
        "kind": .list(["regression"]),
        "cause.confirmed": .bool(false),
        "impact.data_loss": .enumeration("unknown"),
        "impact.failed_jobs": .integer(340),
        "verified.all_impacted": .bool(false),
        "title": .string("Webhook deliveries delayed"),
    ], source: "facts.yaml")

    // MARK: Parsing

    @Test func parsesEachForm() throws {
        #expect(try Condition.parse("always") == .always)
        #expect(try Condition.parse("never") == .never)
        #expect(try Condition.parse("verified.all_impacted") == .holds("verified.all_impacted"))
        #expect(try Condition.parse("status == fixed") == .compare("status", .equal, .enumeration("fixed")))
        #expect(try Condition.parse("status>=mitigated") == .compare("status", .greaterOrEqual, .enumeration("mitigated")))
        #expect(try Condition.parse("cause.confirmed != false") == .compare("cause.confirmed", .notEqual, .bool(false)))
        #expect(try Condition.parse("impact.failed_jobs == 0") == .compare("impact.failed_jobs", .equal, .integer(0)))
        #expect(try Condition.parse("id == \"INC-221\"") == .compare("id", .equal, .string("INC-221")))
        #expect(try Condition.parse("title == 'Webhooks delayed'") == .compare("title", .equal, .string("Webhooks delayed")))
        #expect(try Condition.parse("impact.data_loss in [none, possible]") == .oneOf("impact.data_loss", [.enumeration("none"), .enumeration("possible")]))
        #expect(try Condition.parse("kind has role-propagation") == .has("kind", "role-propagation"))
        #expect(try Condition.parse("not kind has outage") == .not(.has("kind", "outage")))
    }

    @Test func precedenceAndGrouping() throws {
        let a = Condition.compare("status", .equal, .enumeration("fixed"))
        let b = Condition.holds("verified.all_impacted")
        let c = Condition.holds("eta")
        #expect(try Condition.parse("status == fixed or verified.all_impacted and not eta") == .or([a, .and([b, .not(c)])]))
        #expect(try Condition.parse("(status == fixed or verified.all_impacted) and eta") == .and([.or([a, b]), c]))
        #expect(try Condition.parse("not (status == fixed and eta)") == .not(.and([a, c])))
        #expect(try Condition.parse("not not eta") == .not(.not(c)))
        #expect(try Condition.parse("  ((eta))  ") == c)
    }

    @Test(arguments: [
        "status == fixed and verified.all_impacted",
        "status >= mitigated or eta",
        "not (kind has outage or kind has degradation) and impact.data_loss in [none, possible]",
        "(status == fixed or eta) and (approved.credit or not cause.customer_action)",
        "id == \"INC 221\"",
        "impact.affected_workspaces != 0",
    ])
    func descriptionRoundTrips(text: String) throws {
        let condition = try Condition.parse(text)
        #expect(condition.description == text)
        #expect(try Condition.parse(condition.description) == condition)
    }

    @Test func factsItReads() throws {
        let condition = try Condition.parse("status == fixed and (verified.all_impacted or status >= mitigated) and not kind has outage or always")
        #expect(condition.facts == ["status", "verified.all_impacted", "kind"])
        #expect(Condition.never.facts == [])
    }

    // MARK: Parse errors

    @Test func unknownFact() {
        let known = FactsSchema.fields.map(\.path).joined(separator: ", ")
        #expect(error("verifed.all_impacted") == "unknown fact 'verifed.all_impacted' (known: \(known))")
        #expect(error("status == fixed and verified") == "unknown fact 'verified' (known: \(known))")
    }

    @Test func valuesAreChecked() {
        #expect(error("status == fixd") == "status: unknown value 'fixd' (allowed: investigating, identified, mitigated, fixed)")
        #expect(error("impact.data_loss in [none, maybe]") == "impact.data_loss: unknown value 'maybe' (allowed: none, unknown, possible, confirmed)")
        #expect(error("kind has outtage") == "kind: unknown value 'outtage' (allowed: \(FactsSchema.kinds.joined(separator: ", ")))")
        #expect(error("verified.all_impacted == yes") == "verified.all_impacted: expected true or false, got 'yes'")
        #expect(error("cause.confirmed != fixed") == "cause.confirmed: expected true or false, got 'fixed'")
        #expect(error("status == \"fix\ned\"") == "status: unknown value 'fix\\ned' (allowed: investigating, identified, mitigated, fixed)")
        #expect(error("impact.failed_jobs == many") == "impact.failed_jobs: expected a whole number (0 or more), got 'many'")
    }

    @Test func operatorsMustFitTheFact() {
        #expect(error("status has fixed") == "'has' only works with a list fact (kind), not status; use '=='")
        #expect(error("impact.failed_jobs > 10") == "'>' only works with status (its phases are ordered), not impact.failed_jobs")
        #expect(error("impact.data_loss <= possible") == "'<=' only works with status (its phases are ordered), not impact.data_loss")
        #expect(error("kind == outage") == "kind is a list; use 'kind has outage'")
        #expect(error("eta == tomorrow") == "eta is a time; a condition can only test whether it is set ('eta' or 'not eta')")
    }

    @Test func syntaxErrorsGiveThePosition() {
        #expect(error("") == "empty condition; write 'always', 'never' or a test such as 'status == fixed'")
        #expect(error("   ") == "empty condition; write 'always', 'never' or a test such as 'status == fixed'")
        #expect(error("status == fixed eta") == "unexpected 'eta' at position 17; expected 'and', 'or' or the end of the condition")
        #expect(error("status == fixed)") == "unexpected ')' at position 16 (no '(' to close)")
        #expect(error("status == fixed and") == "expected a fact, 'not', 'always', 'never' or '(' at position 20, got the end of the condition")
        #expect(error("status ==") == "expected a value after '==' at position 10, got the end of the condition")
        #expect(error("(status == fixed or eta") == "expected ')' at position 24 to close '(' at position 1, got the end of the condition")
        #expect(error("status = fixed") == "unexpected character '=' at position 8 (use '==')")
        #expect(error("eta && status == fixed") == "unexpected character '&' at position 5 (use 'and')")
        #expect(error("id == \"INC-221") == "unterminated quoted value starting at position 7")
        #expect(error("impact.data_loss in none") == "expected '[' after 'in' at position 21, got 'none'")
        #expect(error("impact.data_loss in [none possible]") == "expected ',' or ']' at position 27, got 'possible'")
        #expect(error("impact.data_loss in []") == "expected a value after '[' at position 22, got ']'")
        #expect(error("and eta") == "expected a fact, 'not', 'always', 'never' or '(' at position 1, got 'and'")
    }

    // MARK: Evaluation

    @Test func equalityAndOrdering() throws {
        let f = facts(["status": .enumeration("mitigated")])
        #expect(try verdict("status == mitigated", f).allowed)
        #expect(try !verdict("status == fixed", f).allowed)
        #expect(try verdict("status != fixed", f).allowed)
        #expect(try !verdict("status != mitigated", f).allowed)
        #expect(try verdict("status >= mitigated", f).allowed)
        #expect(try verdict("status >= identified", f).allowed)
        #expect(try !verdict("status >= fixed", f).allowed)
        #expect(try verdict("status > identified", f).allowed)
        #expect(try !verdict("status > mitigated", f).allowed)
        #expect(try verdict("status <= mitigated", f).allowed)
        #expect(try !verdict("status <= identified", f).allowed)
        #expect(try verdict("status < fixed", f).allowed)
        #expect(try !verdict("status < mitigated", f).allowed)
    }

    @Test func otherTypes() throws {
        #expect(try verdict("impact.failed_jobs == 340", investigating).allowed)
        #expect(try verdict("impact.failed_jobs != 0", investigating).allowed)
        #expect(try verdict("cause.confirmed == false", investigating).allowed)
        #expect(try !verdict("cause.confirmed", investigating).allowed)
        #expect(try verdict("title == 'Webhook deliveries delayed'", investigating).allowed)
        #expect(try verdict("title", investigating).allowed)
        #expect(try verdict("impact.data_loss in [possible, unknown]", investigating).allowed)
        #expect(try !verdict("impact.data_loss in [none]", investigating).allowed)
        #expect(try verdict("kind has regression", investigating).allowed)
        #expect(try verdict("not kind has outage", investigating).allowed)
        #expect(try verdict("always", nil).allowed)
        #expect(try verdict("not never", investigating).allowed)
    }

    @Test func allowedHasNoReason() throws {
        #expect(try verdict("status == investigating and not eta", investigating) == ConditionVerdict(allowed: true, fact: nil, reason: nil))
    }

    @Test func reasonsForFalseAndMismatchedFacts() throws {
        #expect(try verdict("verified.all_impacted", investigating) == denied("verified.all_impacted", "verified.all_impacted is false"))
        #expect(try verdict("verified.all_impacted == true", investigating) == denied("verified.all_impacted", "verified.all_impacted is false"))
        #expect(try verdict("status == fixed", investigating) == denied("status", "status is investigating"))
        #expect(try verdict("status >= identified", investigating) == denied("status", "status is investigating"))
        #expect(try verdict("impact.data_loss == none", investigating) == denied("impact.data_loss", "impact.data_loss is unknown"))
        #expect(try verdict("impact.failed_jobs == 0", investigating) == denied("impact.failed_jobs", "impact.failed_jobs is 340"))
        let twoKinds = facts(["status": .enumeration("fixed"), "kind": .list(["regression", "bug"])])
        #expect(try verdict("kind has outage", twoKinds) == denied("kind", "kind is regression, bug"))
        #expect(try verdict("never", investigating) == denied(nil, "never allowed"))
    }

    @Test func reasonsForMissingFacts() throws {
        let bare = facts(["status": .enumeration("fixed")])
        #expect(try verdict("eta", bare) == denied("eta", "eta is not set"))
        #expect(try verdict("verified.all_impacted", bare) == denied("verified.all_impacted", "verified.all_impacted is not set"))
        #expect(try verdict("impact.data_loss == none", bare) == denied("impact.data_loss", "impact.data_loss is not set"))
        // A missing fact is not established, so a comparison either way is false.
        #expect(try verdict("impact.data_loss != none", bare) == denied("impact.data_loss", "impact.data_loss is not set"))
        #expect(try verdict("kind has outage", bare) == denied("kind", "kind is not set"))
        #expect(try verdict("impact.data_loss in [none]", bare) == denied("impact.data_loss", "impact.data_loss is not set"))
        // ...and its negation holds: nothing contradicts "this is not an outage".
        #expect(try verdict("not kind has outage", bare).allowed)
    }

    @Test func reasonsWithoutFacts() throws {
        #expect(try verdict("status == fixed and verified.all_impacted", nil) == denied("status", "no facts were given"))
        #expect(try verdict("eta", nil) == denied("eta", "no facts were given"))
        #expect(try verdict("never", nil) == denied(nil, "never allowed"))
        #expect(try verdict("not kind has outage", nil).allowed)
    }

    @Test func reasonsThroughAndOrNot() throws {
        let fixed = facts(["status": .enumeration("fixed"), "verified.all_impacted": .bool(false), "kind": .list(["outage", "regression"])])
        // and: the first operand that fails.
        #expect(try verdict("status == fixed and verified.all_impacted", fixed) == denied("verified.all_impacted", "verified.all_impacted is false"))
        #expect(try verdict("eta and status == identified", fixed) == denied("eta", "eta is not set"))
        // or: the first operand's reason.
        #expect(try verdict("status == mitigated or eta", fixed) == denied("status", "status is fixed"))
        #expect(try verdict("eta or status == mitigated", fixed) == denied("eta", "eta is not set"))
        // not: what holds.
        #expect(try verdict("not kind has outage", fixed) == denied("kind", "kind includes outage"))
        #expect(try verdict("not status == fixed", fixed) == denied("status", "status is fixed"))
        #expect(try verdict("not status >= mitigated", fixed) == denied("status", "status is fixed"))
        #expect(try verdict("not (status == fixed and kind has regression)", fixed) == denied("status", "status is fixed and kind includes regression"))
        #expect(try verdict("not (eta or kind has outage)", fixed) == denied("kind", "kind includes outage"))
        #expect(try verdict("not not verified.all_impacted", fixed) == denied("verified.all_impacted", "verified.all_impacted is false"))
        #expect(try verdict("not always", fixed) == denied(nil, "never allowed"))
        let withETA = facts(["status": .enumeration("mitigated"), "eta": .timestamp(Date(timeIntervalSince1970: 0)), "workaround": .string("Retry.")])
        #expect(try verdict("not eta", withETA) == denied("eta", "eta is 1970-01-01T00:00:00Z"))
        #expect(try verdict("not workaround", withETA) == denied("workaround", "workaround is set"))
    }
}

/// The typed paths are the schema's fields, no more and no fewer.
@Suite struct FactPathTests {
    @Test func everySchemaFieldHasOneTypedPath() {
        #expect(FactPath.all.map(\.rawValue) == FactsSchema.fields.map(\.path))
        #expect(FactPath("impact.summary") == .impactSummary)
        #expect(FactPath("impact.sumary") == nil)
    }
}
