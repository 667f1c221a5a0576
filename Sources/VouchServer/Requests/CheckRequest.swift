import Foundation
import VouchCore

/// The body of `POST /v1/check`.
public struct CheckRequest: APIRequest, Sendable, Equatable {
    enum Field: String, CodingKey, CaseIterable {
        case text, audience, facts, incident, channel, disable, allow, explain, path
    }

    public let text: String
    public let audience: Audience
    /// Rule ids or prefixes not to run (`disabling(in:)` checks them).
    public let disabled: [String]
    /// Values not to flag as leaks in this check (the recipient's own
    /// address or workspace id).
    public let allow: [AllowEntry]
    /// Also report what rules matched but did not flag, and why.
    public let explain: Bool
    /// What the draft is called in the report (`<request>` by default, as
    /// the CLI calls standard input `<stdin>`).
    public let path: String
    public let facts: FactsInput
    /// Where the draft will go; with `incident`, it is compared with what
    /// was already sent on the other channels.
    public let channel: String?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        text = try c.decode(String.self, forKey: .text)
        audience = try c.decodeIfPresent(choice: Audience.self, forKey: .audience) ?? .customer
        disabled = try c.decodeIfPresent([String].self, forKey: .disable) ?? []
        allow = try (c.decodeIfPresent([String].self, forKey: .allow) ?? []).enumerated().map { index, value in
            do {
                return try AllowEntry(value, origin: "the request's allow")
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: [Field.allow, ArrayIndex(index)], debugDescription: "\(error)"))
            }
        }
        explain = try c.decodeIfPresent(Bool.self, forKey: .explain) ?? false
        path = try c.decodeIfPresent(String.self, forKey: .path) ?? "<request>"
        facts = try FactsInput(c, facts: .facts, incident: .incident)
        channel = try c.decodeIfPresent(String.self, forKey: .channel)
    }

    /// The rule ids to disable, each known to `pack` (400 otherwise).
    public func disabling(in pack: RulePack) throws -> Set<String> {
        for id in disabled where !pack.canDisable(id) {
            throw APIError.badRequest("disable: no rule has the id or prefix '\(JSONParser.shown(id))'")
        }
        return Set(disabled)
    }
}
