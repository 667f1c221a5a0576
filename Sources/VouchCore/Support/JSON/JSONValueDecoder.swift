import Foundation

/// A `Decoder` over a `JSONValue` that `JSONParser` read, so request types
/// are plain `Decodable` structs while the body keeps the strict reader.
///
/// Nothing is converted: a string is not a number, a number not a boolean.
/// Errors are `DecodingError`s whose description speaks JSON ("expected a
/// string, got a number"); `RequestBodyDecoder` puts the field's path in
/// front ("allow[0]: ...").
public struct JSONValueDecoder: Decoder {
    public let value: JSONValue
    public let codingPath: [any CodingKey]
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(_ value: JSONValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: JSONValue].self, "an object") }
        return KeyedDecodingContainer(Keyed(fields: fields, codingPath: codingPath))
    }

    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, "an array") }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    public func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), got \(value.typeName)"))
    }

    /// `value` as `T`: the scalars read here, anything else through its own
    /// `init(from:)`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        switch type {
        case is JSONValue.Type:
            return value as! T
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch(type, "a string") }
            return s as! T
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch(type, "true or false") }
            return b as! T
        case is Int.Type:
            guard case .int(let i) = value else { throw mismatch(type, "a whole number") }
            return i as! T
        case is Double.Type:
            switch value {
            case .int(let i): return Double(i) as! T
            case .double(let d): return d as! T
            default: throw mismatch(type, "a number")
            }
        case is [String].Type:
            guard case .array = value else { throw mismatch(type, "an array of strings") }
            return try T(from: self)
        default:
            if case .null = value { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "required")) }
            return try T(from: self)
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: JSONValue]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { fields.keys.sorted().compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue] == nil || fields[key.stringValue] == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let value = fields[key.stringValue], value != .null else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
            }
            return try JSONValueDecoder(value, codingPath: codingPath + [key]).decode(as: type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try JSONValueDecoder(fields[key.stringValue] ?? .null, codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoder(fields[key.stringValue] ?? .null, codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { JSONValueDecoder(.object(fields), codingPath: codingPath) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoder(fields[key.stringValue] ?? .null, codingPath: codingPath + [key])
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private mutating func next() throws -> JSONValueDecoder {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath, debugDescription: "expected another item"))
            }
            defer { currentIndex += 1 }
            return JSONValueDecoder(items[currentIndex], codingPath: codingPath + [ArrayIndex(currentIndex)])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(as: type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

        mutating func superDecoder() throws -> any Decoder { try next() }
    }
}

extension JSONValueDecoder: SingleValueDecodingContainer {
    public func decodeNil() -> Bool { value == .null }
    public func decode<T: Decodable>(_ type: T.Type) throws -> T { try decode(as: type) }
}

/// An item's place in an array, as a coding key.
public struct ArrayIndex: CodingKey {
    public let intValue: Int?
    public var stringValue: String { "\(intValue ?? 0)" }
    public init(_ index: Int) { intValue = index }
    public init?(stringValue: String) { nil }
    public init?(intValue: Int) { self.intValue = intValue }
}

extension DecodingError {
    /// "path: reason", the path as a JSON caller writes it (`allow[0]`,
    /// `lines[1].count`).
    public var fieldDescription: String {
        let path: [any CodingKey], reason: String
        switch self {
        case .keyNotFound(let key, let context): (path, reason) = (context.codingPath + [key], context.debugDescription)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (path, reason) = (context.codingPath, context.debugDescription)
        @unknown default: return "\(self)"
        }
        let field = path.reduce("") { name, key in
            key.intValue.map { name + "[\($0)]" } ?? (name.isEmpty ? key.stringValue : name + "." + key.stringValue)
        }
        return field.isEmpty ? reason : field + ": " + reason
    }
}
