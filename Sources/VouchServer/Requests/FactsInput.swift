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

    /// From a request's `facts` and `incident` fields (at most one).
    init<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, facts: Key, incident: Key) throws {
        func given(_ key: Key) throws -> Bool { try c.contains(key) && !c.decodeNil(forKey: key) }
        if try given(facts), try given(incident) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "give either 'facts' or 'incident', not both"))
        }
        if let id = try c.decodeIfPresent(String.self, forKey: incident) {
            self = .incident(id)
            return
        }
        switch try c.decodeIfPresent(JSONValue.self, forKey: facts) {
        case nil: self = .none
        case .string(let text)?: self = .text(text)
        case .object(let fields)?: self = .object(fields)
        case let other?: throw c.invalid(facts, "expected the facts as YAML/JSON text or a JSON object, got \(other.typeName)")
        }
    }
}
