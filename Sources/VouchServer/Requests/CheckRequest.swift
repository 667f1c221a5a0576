import Foundation
import VouchCore

/// Where a request's facts come from: none (nothing established), pasted
/// (YAML or JSON text, or a JSON object), or a stored incident's current
/// version.
public enum FactsInput: Sendable, Equatable {
    case none
    case text(String)
    /// A JSON object, read as facts as it is (errors name the field, not a
    /// line of text the caller never wrote).
    case object([String: JSONValue])
    case incident(String)

    init(_ body: JSONBody) throws {
        if body.has("facts") && body.has("incident") {
            throw APIError.badRequest("give either 'facts' or 'incident', not both")
        }
        if let id = try body.string("incident") {
            self = .incident(id)
            return
        }
        switch body.fields["facts"] {
        case nil, .null?:
            self = .none
        case .string(let text)?:
            self = .text(text)
        case .object(let fields)?:
            self = .object(fields)
        case let other?:
            throw APIError.badRequest("facts: expected the facts as YAML/JSON text or a JSON object, got \(other.typeName)")
        }
    }
}

/// The body of `POST /v1/check`, read field by field: every 400 names the
/// field and the reason.
public struct CheckRequest: Sendable, Equatable {
    public static let fields = ["text", "audience", "facts", "incident", "disable", "allow", "explain", "path"]

    public let text: String
    public let audience: Audience
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

    /// Decodes `bytes`; `pack` knows which rule ids `disable` may name.
    /// Throws `APIError` (400) naming the field at fault.
    public init(body bytes: [UInt8], pack: RulePack) throws {
        let body = try JSONBody(bytes, allowed: Self.fields)
        text = try body.requiredString("text")
        audience = try body.enumeration("audience", Audience.self) ?? .customer
        disabled = try body.strings("disable")
        for id in disabled where !pack.selects(id) {
            throw APIError.badRequest("disable: no rule has the id or prefix '\(JSONParser.shown(id))'")
        }
        allow = try body.strings("allow").enumerated().map { index, value in
            do {
                return try AllowEntry(value, origin: "the request's allow")
            } catch {
                throw APIError.badRequest("allow[\(index)]: \(error)")
            }
        }
        explain = try body.bool("explain") ?? false
        path = try body.string("path") ?? "<request>"
        facts = try FactsInput(body)
    }
}
