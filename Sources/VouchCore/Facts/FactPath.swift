import Foundation

/// A fact's path, typed, for code that reads facts by name (compose): a
/// misspelt path is a compile error rather than a fact that is never set.
/// `all` is the schema's field list (a test keeps them equal).
public struct FactPath: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    private init(known rawValue: String) { self.rawValue = rawValue }

    /// The path of a schema field, or nil for any other text.
    public init?(_ text: String) {
        guard FactsSchema.field(text) != nil else { return nil }
        self.rawValue = text
    }

    public var description: String { rawValue }

    public static let id = FactPath(known: "id")
    public static let title = FactPath(known: "title")
    public static let status = FactPath(known: "status")
    public static let kind = FactPath(known: "kind")
    public static let startedAt = FactPath(known: "started_at")
    public static let updatedAt = FactPath(known: "updated_at")
    public static let causeSummary = FactPath(known: "cause.summary")
    public static let causeConfirmed = FactPath(known: "cause.confirmed")
    public static let causeCustomerAction = FactPath(known: "cause.customer_action")
    public static let impactSummary = FactPath(known: "impact.summary")
    public static let impactAffectedWorkspaces = FactPath(known: "impact.affected_workspaces")
    public static let impactFailedJobs = FactPath(known: "impact.failed_jobs")
    public static let impactDataLoss = FactPath(known: "impact.data_loss")
    public static let impactScopeChecked = FactPath(known: "impact.scope_checked")
    public static let verifiedAllImpacted = FactPath(known: "verified.all_impacted")
    public static let verifiedExpectedBehavior = FactPath(known: "verified.expected_behavior")
    public static let mitigation = FactPath(known: "mitigation")
    public static let workaround = FactPath(known: "workaround")
    public static let customerNextStep = FactPath(known: "customer_next_step")
    public static let nextUpdateAt = FactPath(known: "next_update_at")
    public static let eta = FactPath(known: "eta")
    public static let approvedCredit = FactPath(known: "approved.credit")
    public static let handoffEnvironment = FactPath(known: "handoff.environment")
    public static let handoffChangesChecked = FactPath(known: "handoff.changes_checked")
    public static let handoffLogsChecked = FactPath(known: "handoff.logs_checked")
    public static let handoffNextAction = FactPath(known: "handoff.next_action")
    public static let handoffRisks = FactPath(known: "handoff.risks")
    public static let handoffLinks = FactPath(known: "handoff.links")

    /// Every path, in the schema's order.
    public static let all: [FactPath] = [
        id, title, status, kind, startedAt, updatedAt, causeSummary, causeConfirmed, causeCustomerAction,
        impactSummary, impactAffectedWorkspaces, impactFailedJobs, impactDataLoss, impactScopeChecked,
        verifiedAllImpacted, verifiedExpectedBehavior, mitigation, workaround, customerNextStep, nextUpdateAt, eta,
        approvedCredit, handoffEnvironment, handoffChangesChecked, handoffLogsChecked, handoffNextAction, handoffRisks, handoffLinks,
    ]
}

extension Facts {
    public subscript(path: FactPath) -> FactValue? { self[path.rawValue] }
    public func bool(_ path: FactPath) -> Bool? { bool(path.rawValue) }
    public func string(_ path: FactPath) -> String? { string(path.rawValue) }
    public func integer(_ path: FactPath) -> Int? { integer(path.rawValue) }
    public func timestamp(_ path: FactPath) -> Date? { timestamp(path.rawValue) }
}
