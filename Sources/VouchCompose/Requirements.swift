import VouchCore

/// A fact a message needs before it can be composed.
public struct Requirement: Sendable, Equatable, CustomStringConvertible {
    /// The fact (`mitigation`, `verified.all_impacted`).
    public let path: FactPath
    /// The fact must be true, not only set (`verified.all_impacted`).
    public let mustBeTrue: Bool

    init(_ path: FactPath, mustBeTrue: Bool = false) {
        self.path = path
        self.mustBeTrue = mustBeTrue
    }

    /// How it reads in the missing-facts error: `mitigation`,
    /// `verified.all_impacted (needs true)`.
    public var description: String {
        mustBeTrue ? "\(path) (needs true)" : path.rawValue
    }

    func isMet(by facts: Facts) -> Bool {
        mustBeTrue ? facts.bool(path) == true : facts[path] != nil
    }
}

/// Which facts each channel needs in each state (documented in the README,
/// "Facts each message needs"). A template may use any other fact only inside
/// a section on it (`{{#workaround}}...{{/workaround}}`), which the template
/// loader checks, so a composed message never has a hole.
public enum Requirements {
    public static func needed(_ channel: Channel, _ state: MessageState) -> [Requirement] {
        let nextUpdate = Requirement(.nextUpdateAt)
        let verified = Requirement(.verifiedAllImpacted, mustBeTrue: true)
        switch (channel, state) {
        case (.customerReply, .investigating):
            return [Requirement(.impactSummary), nextUpdate]
        case (.customerReply, .identified):
            return [Requirement(.impactSummary), Requirement(.causeSummary), nextUpdate]
        case (.customerReply, .mitigated):
            return [Requirement(.impactSummary), Requirement(.mitigation), nextUpdate]
        case (.customerReply, .fixed):
            return [Requirement(.mitigation), verified]

        case (.statusPage, .investigating), (.statusPage, .identified):
            return [Requirement(.title), Requirement(.impactSummary), nextUpdate]
        case (.statusPage, .mitigated):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.mitigation), nextUpdate]
        case (.statusPage, .fixed):
            return [Requirement(.title), Requirement(.mitigation), Requirement(.impactDataLoss), verified]

        case (.handoff, .investigating):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.handoffEnvironment), Requirement(.handoffNextAction)]
        case (.handoff, .identified):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.causeSummary), Requirement(.handoffEnvironment), Requirement(.handoffNextAction)]
        case (.handoff, .mitigated):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.mitigation), Requirement(.handoffEnvironment), Requirement(.handoffNextAction)]
        case (.handoff, .fixed):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.mitigation), Requirement(.handoffEnvironment), verified]

        case (.supportBrief, .investigating):
            return [Requirement(.title), Requirement(.impactSummary)]
        case (.supportBrief, .identified):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.causeSummary)]
        case (.supportBrief, .mitigated):
            return [Requirement(.title), Requirement(.impactSummary), Requirement(.mitigation)]
        case (.supportBrief, .fixed):
            return [Requirement(.title), Requirement(.mitigation), verified]
        }
    }

    /// The table in the README ("Facts each message needs"): a row per
    /// channel, a column per state; a test keeps the README's copy current.
    public static var markdownTable: String {
        var out = "| channel | " + MessageState.allCases.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|" + MessageState.allCases.map { _ in "---|" }.joined() + "\n"
        for channel in Channel.allCases {
            let cells = MessageState.allCases.map { state in
                needed(channel, state).map { $0.mustBeTrue ? "\($0.path) (true)" : $0.path.rawValue }.joined(separator: ", ")
            }
            out += "| \(channel.rawValue) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The requirements `facts` do not meet, in table order.
    public static func missing(_ channel: Channel, _ state: MessageState, facts: Facts) -> [Requirement] {
        needed(channel, state).filter { !$0.isMet(by: facts) }
    }

    /// Throws the missing-facts error, listing every missing fact:
    /// `cannot compose customer-reply (fixed): missing facts: mitigation,
    /// verified.all_impacted (needs true)`.
    static func check(_ channel: Channel, _ state: MessageState, facts: Facts) throws {
        let missing = missing(channel, state, facts: facts)
        guard !missing.isEmpty else { return }
        var message = "cannot compose \(channel.rawValue) (\(state.rawValue)): missing facts: "
            + missing.map(\.description).joined(separator: ", ")
        if state == .fixed, missing.contains(where: { $0.path == .verifiedAllImpacted }) {
            message += "; until every affected account is verified, compose the mitigated state"
        }
        throw VouchError(message)
    }
}
