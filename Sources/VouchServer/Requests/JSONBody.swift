import Foundation
import VouchCore

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
            value = try JSONParser.parse(bytes)
        } catch {
            throw APIError.badRequest("malformed JSON: \(error.message)")
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

    func bool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw APIError.badRequest("\(key): expected true or false, got \(other.typeName)")
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
            throw APIError.badRequest("\(key): unknown value '\(JSONParser.shown(raw))' (allowed: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
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
}
