import VouchCore

/// The incident phase a message is composed for.
public typealias MessageState = IncidentStatus

extension MessageState {
    /// The template names that cover this state, most specific first:
    /// `still-investigating` covers investigating and identified where a
    /// channel needs no difference.
    var templateNames: [String] {
        switch self {
        case .investigating, .identified: [rawValue, "still-investigating"]
        case .mitigated, .fixed: [rawValue]
        }
    }

    /// Every template name a channel folder may hold.
    static let templateNames = allCases.map(\.rawValue) + ["still-investigating"]

    /// The states a template name covers.
    static func states(covered name: String) -> [MessageState] {
        if name == "still-investigating" { return [.investigating, .identified] }
        return MessageState(rawValue: name).map { [$0] } ?? []
    }

    /// The state to compose: `requested`, or the facts' status when nil.
    ///
    /// A state later than `status` is not supported by the facts. When
    /// `status` is fixed, investigating and identified are not supported
    /// either: their wording ("we are working on a fix") says work is still
    /// ongoing. Mitigated stays available then, for a fix that is deployed
    /// but not yet verified on every affected account.
    static func resolve(_ requested: MessageState?, facts: Facts, channel: Channel) throws -> MessageState {
        guard let status = MessageState(rawValue: facts.status) else {
            throw VouchError("cannot compose \(channel.rawValue): the facts have no status")
        }
        guard let requested else { return status }
        let head = "cannot compose \(channel.rawValue) (\(requested.rawValue))"
        if requested > status {
            let allowed = allCases.filter { $0 <= status }.map(\.rawValue)
            throw VouchError("\(head): status is \(status.rawValue) in \(facts.source); the facts support \(Self.list(allowed))")
        }
        if status == .fixed, requested < .mitigated {
            throw VouchError("\(head): status is fixed in \(facts.source), so ongoing-work wording would be wrong; compose fixed, or mitigated while the fix is being verified")
        }
        if status == .fixed, requested == .mitigated, facts.bool("verified.all_impacted") == true {
            throw VouchError("\(head): status is fixed and verified.all_impacted is true in \(facts.source), so the message is the fixed one; compose fixed")
        }
        return requested
    }

    /// "a", "a or b", "a, b or c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
