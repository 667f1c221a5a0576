import VouchCore

/// Where a composed message goes, and the audience it is checked for.
public enum Channel: String, CaseIterable, Sendable {
    /// An email reply to a customer.
    case customerReply = "customer-reply"
    /// A public status-page update.
    case statusPage = "status-page"
    /// The internal handoff format.
    case handoff
    /// The few lines a support lead asks for.
    case supportBrief = "support-brief"

    /// The audience every message of this channel is checked as.
    public var audience: Audience {
        switch self {
        case .customerReply: return .customer
        case .statusPage: return .public
        case .handoff, .supportBrief: return .internal
        }
    }
}
