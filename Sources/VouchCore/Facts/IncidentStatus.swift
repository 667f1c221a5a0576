/// The incident phase (`status` in the facts), in order: a later phase
/// supersedes an earlier one. Conditions compare it (`status >= mitigated`)
/// and compose writes one message per phase.
public enum IncidentStatus: String, CaseIterable, Sendable, Comparable {
    case investigating
    case identified
    case mitigated
    case fixed

    public static func < (lhs: IncidentStatus, rhs: IncidentStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The status-page wording of this phase (contract: facts.md, `status`).
    public var statusPageStatus: String {
        switch self {
        case .investigating: "investigating"
        case .identified: "identified"
        case .mitigated: "monitoring"
        case .fixed: "resolved"
        }
    }
}
