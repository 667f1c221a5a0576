/// The one way Vouch writes JSON: the check report, compose's payloads and
/// every API response.
///
/// Members come out in the order a type encodes them (its `CodingKeys`), so
/// a contract's order is the declaration's; an absent optional is left out.
/// Two spaces of indentation, `"key": value`, and a value whose type is
/// `JSONSingleLine` on one line (`"range": { "start": 57, "end": 65 }`).
/// Strings escape `"`, `\`, control characters and U+2028/U+2029 (which
/// end a line in JavaScript), and nothing else: `/` and non-ASCII text are
/// written as they are. A non-finite number is `null`, as JavaScript writes it.
public enum JSONWriter {
    /// `value` as JSON text, ending in a newline.
    public static func text(of value: some Encodable) throws -> String {
        let root = JSONNode()
        try JSONNodeEncoder.encode(value, into: root, codingPath: [])
        var out = ""
        root.write(to: &out, indent: "", singleLine: false)
        return out + "\n"
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        // Most strings need no escape: copy them whole. U+2028 and U+2029
        // are E2 80 A8 / E2 80 A9 in UTF-8.
        let plain = s.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }
        if plain { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A value `JSONWriter` writes on one line, nested values included.
public protocol JSONSingleLine {}

/// One value of the document being written, filled in by the encoder.
final class JSONNode {
    enum Kind { case scalar, array, object }
    var kind = Kind.scalar
    /// The JSON text of a scalar.
    var scalar = "null"
    var items: [JSONNode] = []
    var members: [(key: String, node: JSONNode)] = []
    var singleLine = false

    func write(to out: inout String, indent: String, singleLine inherited: Bool) {
        let singleLine = inherited || self.singleLine
        switch kind {
        case .scalar:
            out += scalar
        case .array where items.isEmpty:
            out += "[]"
        case .object where members.isEmpty:
            out += "{}"
        case .array:
            let inner = indent + "  "
            out += singleLine ? "[ " : "[\n" + inner
            for (i, item) in items.enumerated() {
                if i > 0 { out += singleLine ? ", " : ",\n" + inner }
                item.write(to: &out, indent: inner, singleLine: singleLine)
            }
            out += singleLine ? " ]" : "\n" + indent + "]"
        case .object:
            let inner = indent + "  "
            out += singleLine ? "{ " : "{\n" + inner
            for (i, member) in members.enumerated() {
                if i > 0 { out += singleLine ? ", " : ",\n" + inner }
                out += JSONWriter.quote(member.key) + ": "
                member.node.write(to: &out, indent: inner, singleLine: singleLine)
            }
            out += singleLine ? " }" : "\n" + indent + "}"
        }
    }
}

/// An `Encoder` that builds `JSONNode`s, keeping the order of members.
struct JSONNodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func encode<T: Encodable>(_ value: T, into node: JSONNode, codingPath: [any CodingKey]) throws {
        switch value {
        case let string as String:
            node.scalar = JSONWriter.quote(string)
        case let bool as Bool:
            node.scalar = bool ? "true" : "false"
        case let integer as any BinaryInteger:
            node.scalar = "\(integer)"
        case let number as Double:
            node.scalar = number.isFinite ? "\(number)" : "null"
        default:
            try value.encode(to: JSONNodeEncoder(node: node, codingPath: codingPath))
            if value is any JSONSingleLine { node.singleLine = true }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .object
        return KeyedEncodingContainer(Keyed(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kind = .array
        return Unkeyed(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        Single(node: node, codingPath: codingPath)
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: JSONNode
        let codingPath: [any CodingKey]

        private func member(_ key: Key) -> JSONNode {
            let child = JSONNode()
            node.members.append((key.stringValue, child))
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { _ = member(key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try JSONNodeEncoder.encode(value, into: member(key), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            JSONNodeEncoder(node: member(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            JSONNodeEncoder(node: member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { JSONNodeEncoder(node: node, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { JSONNodeEncoder(node: member(key), codingPath: codingPath + [key]) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let node: JSONNode
        let codingPath: [any CodingKey]
        var count: Int { node.items.count }

        private func item() -> JSONNode {
            let child = JSONNode()
            node.items.append(child)
            return child
        }

        mutating func encodeNil() throws { _ = item() }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONNodeEncoder.encode(value, into: item(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            JSONNodeEncoder(node: item(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            JSONNodeEncoder(node: item(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { JSONNodeEncoder(node: item(), codingPath: codingPath) }
    }

    private struct Single: SingleValueEncodingContainer {
        let node: JSONNode
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.kind = .scalar; node.scalar = "null" }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONNodeEncoder.encode(value, into: node, codingPath: codingPath)
        }
    }
}
