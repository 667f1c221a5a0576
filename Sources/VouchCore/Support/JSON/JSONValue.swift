import Foundation
import Yams

/// A JSON value as `JSONParser` reads it, keeping whether a number was
/// whole. A request field that takes any JSON (`facts`) decodes as one.
public enum JSONValue: Codable, Sendable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
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

    /// Through any decoder (`JSONValueDecoder` hands its value over as it is).
    public init(from decoder: any Decoder) throws {
        if let c = try? decoder.singleValueContainer() {
            if c.decodeNil() { self = .null; return }
            if let b = try? c.decode(Bool.self) { self = .bool(b); return }
            if let i = try? c.decode(Int.self) { self = .int(i); return }
            if let d = try? c.decode(Double.self) { self = .double(d); return }
            if let s = try? c.decode(String.self) { self = .string(s); return }
        }
        if var items = try? decoder.unkeyedContainer() {
            var array: [JSONValue] = []
            while !items.isAtEnd { array.append(try items.decode(JSONValue.self)) }
            self = .array(array)
            return
        }
        let fields = try decoder.container(keyedBy: FieldName.self)
        self = .object(try Dictionary(uniqueKeysWithValues: fields.allKeys.map { ($0.stringValue, try fields.decode(JSONValue.self, forKey: $0)) }))
    }

    private struct FieldName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public var typeName: String {
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

extension JSONValue {
    /// The value as a YAML node with the tags a YAML reader would resolve
    /// (a JSON `true` is a bool, `"true"` a string), keys in sorted order, so
    /// a facts object is read without being written out as text first.
    public var yamlNode: Yams.Node {
        switch self {
        case .null: return .scalar(.init("null", Tag(.null)))
        case .bool(let b): return .scalar(.init(b ? "true" : "false", Tag(.bool)))
        case .int(let i): return .scalar(.init(String(i), Tag(.int)))
        case .double(let d): return .scalar(.init(String(d), Tag(.float)))
        case .string(let s): return .scalar(.init(s, Tag(.str)))
        case .array(let items): return .sequence(.init(items.map(\.yamlNode), Tag(.seq)))
        case .object(let fields):
            return .mapping(.init(fields.sorted { $0.key < $1.key }.map { (Node.scalar(.init($0.key, Tag(.str))), $0.value.yamlNode) }, Tag(.map)))
        }
    }
}
