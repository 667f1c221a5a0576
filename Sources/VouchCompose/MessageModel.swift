import Foundation
import VouchCore

/// What a template can say: a typed view of the facts for one channel and
/// state. Templates name these properties (`{{impact_summary}}`,
/// `{{#cause_confirmed}}`); the template loader rejects any other name.
///
/// Optional properties are facts that may not be set: a template uses one
/// only inside a section on it (`{{#workaround}}...{{/workaround}}`), unless
/// the channel and state require the fact (`Requirements`). Flags (`Bool`)
/// are always set, and encode what the facts allow, so a template says
/// "root cause", "isolated" or "no data was lost" only when it may.
///
/// Sentence facts (summaries, mitigation, workaround, next steps) end with a
/// period when the facts file leaves it out, so they can be joined.
public struct MessageModel: Sendable {
    // MARK: The message

    /// The channel name (`customer-reply`).
    public let channel: String
    /// The state composed (`investigating`, `identified`, `mitigated`, `fixed`).
    public let state: String
    /// The status-page wording of the state: Investigating, Identified,
    /// Monitoring, Resolved.
    public let status_label: String
    public let investigating: Bool
    public let identified: Bool
    public let mitigated: Bool
    public let fixed: Bool
    /// What support may say about progress: "still investigating",
    /// "mitigated" or "fixed".
    public let may_say: String

    // MARK: The incident

    /// The internal reference (`id`); internal channels only.
    public let id: String?
    public let title: String?
    /// The primary kind (`kind`, first value); nil when not set or unknown.
    public let kind: String?
    /// Every established kind after the primary one, comma-separated.
    public let other_kinds: String?
    /// `kind` is not set or is `unknown`.
    public let kind_unknown: Bool
    /// `kind` includes outage: only then may a message say "outage".
    public let outage: Bool
    public let started_at: String?
    public let updated_at: String?

    // MARK: Cause

    public let cause_summary: String?
    /// `cause.confirmed` is true: "root cause" may be said.
    public let cause_confirmed: Bool
    /// "root cause" when confirmed, otherwise "probable cause".
    public let cause_label: String
    /// "Root cause" or "Probable cause", to start a line.
    public let cause_heading: String
    /// `cause.customer_action` is true: a customer's own action caused it.
    public let customer_caused: Bool
    /// `cause.customer_action` is false.
    public let customer_not_caused: Bool
    /// `cause.customer_action` is not set.
    public let customer_action_unknown: Bool

    // MARK: Impact

    public let impact_summary: String?
    public let affected_workspaces: Int?
    public let failed_jobs: Int?
    /// `impact.data_loss` as written (none, unknown, possible, confirmed).
    public let data_loss: String?
    public let data_loss_none: Bool
    public let data_loss_possible: Bool
    public let data_loss_confirmed: Bool
    /// `impact.data_loss` is unknown or not set.
    public let data_loss_unknown: Bool
    /// `impact.scope_checked` is true.
    public let scope_checked: Bool
    /// `impact.scope_checked` is false or not set.
    public let scope_not_checked: Bool
    /// The scope was checked and this is not an outage: "isolated to the
    /// affected workspaces" may be said.
    public let isolated: Bool
    /// `verified.all_impacted` is true.
    public let verified_all_impacted: Bool

    // MARK: Actions

    public let mitigation: String?
    public let workaround: String?
    public let customer_next_step: String?
    /// Neither a workaround nor a next step is set.
    public let no_next_step: Bool
    public let next_update_at: String?
    /// An approved, committed fix time; only then may a message name one.
    public let eta: String?
    /// `approved.credit` is true; only then may a message mention credits.
    public let credit_approved: Bool

    // MARK: Handoff (optional `handoff.*` facts)

    public let environment: String?
    public let changes_checked: String?
    public let logs_checked: String?
    public let next_action: String?
    /// `handoff.risks` as a list: each line starts with "- ".
    public let risks: String?
    public let links: String?

    public init(facts: Facts, channel: Channel, state: MessageState, time: TimeFormat = .utc) {
        func text(_ path: FactPath) -> String? {
            guard let value = facts.string(path)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        func sentence(_ path: FactPath) -> String? {
            guard let value = text(path) else { return nil }
            return ".!?:".contains(value.last!) ? value : value + "."
        }
        let kinds = facts.kinds.filter { $0 != "unknown" }

        self.channel = channel.rawValue
        self.state = state.rawValue
        self.status_label = state.statusPageStatus.prefix(1).uppercased() + state.statusPageStatus.dropFirst()
        self.investigating = state == .investigating
        self.identified = state == .identified
        self.mitigated = state == .mitigated
        self.fixed = state == .fixed
        self.may_say = switch state {
        case .investigating, .identified: "still investigating"
        case .mitigated: "mitigated"
        case .fixed: "fixed"
        }

        self.id = text(.id)
        self.title = text(.title)
        self.kind = kinds.first
        self.other_kinds = kinds.count > 1 ? kinds.dropFirst().joined(separator: ", ") : nil
        self.kind_unknown = kinds.isEmpty
        self.outage = kinds.contains("outage")
        self.started_at = facts.timestamp(.startedAt).map(time.string)
        self.updated_at = facts.timestamp(.updatedAt).map(time.string)

        self.cause_summary = sentence(.causeSummary)
        self.cause_confirmed = facts.bool(.causeConfirmed) == true
        self.cause_label = cause_confirmed ? "root cause" : "probable cause"
        self.cause_heading = cause_confirmed ? "Root cause" : "Probable cause"
        self.customer_caused = facts.bool(.causeCustomerAction) == true
        self.customer_not_caused = facts.bool(.causeCustomerAction) == false
        self.customer_action_unknown = facts.bool(.causeCustomerAction) == nil

        self.impact_summary = sentence(.impactSummary)
        self.affected_workspaces = facts.integer(.impactAffectedWorkspaces)
        self.failed_jobs = facts.integer(.impactFailedJobs)
        let dataLoss = facts.string(.impactDataLoss)
        self.data_loss = dataLoss
        self.data_loss_none = dataLoss == "none"
        self.data_loss_possible = dataLoss == "possible"
        self.data_loss_confirmed = dataLoss == "confirmed"
        self.data_loss_unknown = dataLoss == nil || dataLoss == "unknown"
        self.scope_checked = facts.bool(.impactScopeChecked) == true
        self.scope_not_checked = !scope_checked
        self.isolated = scope_checked && !outage
        self.verified_all_impacted = facts.bool(.verifiedAllImpacted) == true

        self.mitigation = sentence(.mitigation)
        self.workaround = sentence(.workaround)
        self.customer_next_step = sentence(.customerNextStep)
        self.no_next_step = workaround == nil && customer_next_step == nil
        self.next_update_at = facts.timestamp(.nextUpdateAt).map(time.string)
        self.eta = facts.timestamp(.eta).map(time.string)
        self.credit_approved = facts.bool(.approvedCredit) == true

        self.environment = text(.handoffEnvironment)
        self.changes_checked = text(.handoffChangesChecked)
        self.logs_checked = text(.handoffLogsChecked)
        self.next_action = sentence(.handoffNextAction)
        self.risks = text(.handoffRisks).map { risks in
            risks.split(separator: "\n").map { $0.hasPrefix("- ") ? String($0) : "- " + $0 }.joined(separator: "\n")
        }
        self.links = text(.handoffLinks)
    }

    // MARK: Keys

    /// One template variable: its name, and for an optional one the fact
    /// that sets it (nil: it can be unset even when the fact is set, so it
    /// must always be used inside a section on it).
    struct Key: Sendable {
        let name: String
        let optional: Bool
        let fact: FactPath?
    }

    /// The facts behind optional variables.
    private static let factPaths: [String: FactPath] = [
        "id": .id, "title": .title, "started_at": .startedAt, "updated_at": .updatedAt,
        "cause_summary": .causeSummary, "impact_summary": .impactSummary,
        "affected_workspaces": .impactAffectedWorkspaces, "failed_jobs": .impactFailedJobs,
        "data_loss": .impactDataLoss, "mitigation": .mitigation, "workaround": .workaround,
        "customer_next_step": .customerNextStep, "next_update_at": .nextUpdateAt, "eta": .eta,
        "environment": .handoffEnvironment, "changes_checked": .handoffChangesChecked,
        "logs_checked": .handoffLogsChecked, "next_action": .handoffNextAction,
        "risks": .handoffRisks, "links": .handoffLinks,
    ]

    /// Every variable, in declaration order, read from the type itself so
    /// the list cannot drift from the properties.
    static let keys: [Key] = {
        let sample = MessageModel(facts: Facts(values: [:], source: ""), channel: .handoff, state: .investigating)
        return Mirror(reflecting: sample).children.compactMap { child in
            guard let name = child.label else { return nil }
            let optional = Mirror(reflecting: child.value).displayStyle == .optional
            return Key(name: name, optional: optional, fact: optional ? factPaths[name] : nil)
        }
    }()

    static let keysByName: [String: Key] = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })
}
