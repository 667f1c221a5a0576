import Foundation
import VouchCore

/// A JSON value, decoded without losing whether a number was a bool.
enum JSONValue: Codable, Sendable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A request's JSON object, read field by field so every 400 names the
/// field and the reason ("audience: unknown value 'pubic' (allowed: ...)").
struct JSONBody {
    let fields: [String: JSONValue]

    init(_ bytes: [UInt8], allowed: [String]) throws {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw APIError.badRequest("the request body is empty; expected a JSON object with \(allowed.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw APIError.badRequest("malformed JSON: \(Self.describe(error))")
        }
        guard case .object(let fields) = value else {
            throw APIError.badRequest("expected a JSON object, got \(value.typeName)")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw APIError.badRequest("\(key): unknown field (allowed: \(allowed.joined(separator: ", ")))")
        }
        self.fields = fields
    }

    func has(_ key: String) -> Bool {
        if let value = fields[key], value != .null { return true }
        return false
    }

    func string(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw APIError.badRequest("\(key): expected a string, got \(other.typeName)")
        }
    }

    func requiredString(_ key: String, nonEmpty: Bool = false) throws -> String {
        guard let value = try string(key) else { throw APIError.badRequest("\(key): required") }
        if nonEmpty && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw APIError.badRequest("\(key): must not be empty")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw APIError.badRequest("\(key): unknown value '\(raw)' (allowed: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    func strings(_ key: String) throws -> [String] {
        switch fields[key] {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.enumerated().map { index, item in
                guard case .string(let s) = item else { throw APIError.badRequest("\(key)[\(index)]: expected a string, got \(item.typeName)") }
                return s
            }
        case let other?: throw APIError.badRequest("\(key): expected an array of strings, got \(other.typeName)")
        }
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}
