import Foundation
import Yams

/// Reads and validates an incident facts file (contract:
/// shared/contract/facts.md).
///
/// The file is YAML (so JSON works too). Every error is a one-line
/// `VouchError` that names the file and, where there is one, the line and
/// column: unknown keys, wrong types, unknown enum values, duplicate keys,
/// bad times, a missing `status` and YAML syntax errors.
///
/// An explicit `null`, `~` or empty value means "not set": the path is absent
/// from `Facts.values`, exactly as if the key were not written.
public enum FactsLoader {
    /// Reads the facts file at `path` (named in messages as given).
    public static func load(path: String) throws -> Facts {
        try parse(try FileReader.text(path, what: "facts file"), source: path)
    }

    /// Parses facts from `text`; `source` names it in messages.
    public static func parse(_ text: String, source: String) throws -> Facts {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        try YAMLLimits.facts.check(text, source: source, what: "a facts file")
        return try facts(from: try compose(text, source: source), source: source)
    }

    /// Reads facts from a YAML node tree already built: a mapping inside a
    /// rule file (errors at its lines there) or a JSON object turned into
    /// nodes (no marks, so errors name `source` alone).
    public static func facts(from root: Node, source: String) throws -> Facts {
        Facts(values: try FactsReader(source: source).read(root), source: source)
    }

    // MARK: YAML

    /// The single document in `text`, with YAML errors turned into one-line
    /// `VouchError`s at their line and column.
    private static func compose(_ text: String, source: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLErrors.describe(error, text: text, source: source, what: "a facts file")
        }
        guard let root, !root.hasTag(.null) else {
            throw VouchError(file: source, "the facts file is empty; it needs at least 'status' (allowed: \(FactsSchema.statuses.joined(separator: ", ")))")
        }
        return root
    }

    private static func firstLine(of text: String) -> String {
        String(text.prefix { $0 != "\n" && $0 != "\r" })
    }

    /// User text made safe for a one-line message: control characters
    /// (line breaks, tabs) escaped, and cut to 80 characters.
    static func messageText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out.count > 80 ? out.prefix(79) + "…" : out
    }
}

// MARK: - Reading the tree

/// Turns the composed YAML tree into flat, typed facts, following
/// `FactsSchema`.
private struct FactsReader {
    let source: String

    func read(_ root: Node) throws -> [String: FactValue] {
        guard let mapping = root.mapping else {
            throw error(at: root, "expected a mapping of facts such as 'status: investigating' at the top level, got \(describe(root))")
        }
        var values: [String: FactValue] = [:]
        try read(mapping, group: "", into: &values)
        for field in FactsSchema.requiredFields where values[field.path] == nil {
            throw VouchError(file: source, "missing required field '\(field.path)'\(allowedSuffix(field.type))")
        }
        return values
    }

    /// Reads the keys of the mapping at `group` ("" is the top level).
    private func read(_ mapping: Node.Mapping, group: String, into values: inout [String: FactValue]) throws {
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string, !keyNode.hasTag(.null) else {
                throw error(at: keyNode, "expected a key name, got \(describe(keyNode))")
            }
            let path = group.isEmpty ? key : "\(group).\(key)"
            if let field = FactsSchema.field(path) {
                if let value = try value(valueNode, for: field) { values[path] = value }
            } else if FactsSchema.isGroup(path) {
                if isNull(valueNode) { continue }
                guard let nested = valueNode.mapping else {
                    let keys = FactsSchema.keys(under: path).joined(separator: ", ")
                    throw error(at: valueNode, "\(path): expected a mapping with keys \(keys), got \(describe(valueNode))")
                }
                try read(nested, group: path, into: &values)
            } else {
                let place = group.isEmpty ? "" : " in '\(group)'"
                let allowed = FactsSchema.keys(under: group).joined(separator: ", ")
                throw error(at: keyNode, "unknown key '\(FactsLoader.messageText(key))'\(place) (allowed: \(allowed))")
            }
        }
    }

    // MARK: Values

    /// The typed value of `node`, or nil when it is null or empty.
    private func value(_ node: Node, for field: FactField) throws -> FactValue? {
        if isNull(node) { return nil }
        if case .enumerationList(let allowed) = field.type {
            return .list(try list(node, field.path, allowed))
        }
        guard let scalar = node.scalar else {
            throw error(at: node, "\(field.path): \(expectation(field.type)), got \(describe(node))")
        }
        let text = scalar.string
        switch field.type {
        case .string:
            return .string(text)
        case .bool:
            if node.hasTag(.bool), let value = Self.bools[text] { return .bool(value) }
            throw typeError(node, field, hint: Self.bools[text] != nil)
        case .integer:
            if node.hasTag(.int), text.allSatisfy(\.isASCIIDigit), let value = Int(text) { return .integer(value) }
            throw typeError(node, field, hint: !text.isEmpty && text.allSatisfy(\.isASCIIDigit))
        case .timestamp:
            if let date = Timestamp.parse(text) { return .timestamp(date) }
            throw typeError(node, field, hint: false)
        case .enumeration(let allowed):
            return .enumeration(try choice(node, field.path, allowed))
        case .enumerationList:
            preconditionFailure("lists are read above")
        }
    }

    /// `kind`: one value or a list of them; at least one, no repeats, and
    /// `unknown` only alone.
    private func list(_ node: Node, _ path: String, _ allowed: [String]) throws -> [String] {
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default: throw error(at: node, "\(path): \(expectation(.enumerationList(allowed))), got \(describe(node))")
        }
        if items.isEmpty {
            throw error(at: node, "\(path): expected at least one value, got an empty list (allowed: \(allowed.joined(separator: ", ")))")
        }
        var values: [String] = []
        for item in items {
            let value = try choice(item, path, allowed)
            if values.contains(value) {
                throw error(at: item, "\(path): '\(FactsLoader.messageText(value))' is listed twice")
            }
            values.append(value)
        }
        if values.count > 1, let unknown = items.first(where: { $0.scalar?.string == "unknown" }) {
            throw error(at: unknown, "\(path): 'unknown' cannot be combined with another value (got \(values.joined(separator: ", ")))")
        }
        return values
    }

    /// One value of an enumeration, spelled exactly as allowed.
    private func choice(_ node: Node, _ path: String, _ allowed: [String]) throws -> String {
        let list = allowed.joined(separator: ", ")
        guard let text = node.scalar?.string, !isNull(node) else {
            throw error(at: node, "\(path): expected one of \(list), got \(describe(node))")
        }
        guard allowed.contains(text) else {
            throw error(at: node, "\(path): unknown value '\(FactsLoader.messageText(text))' (allowed: \(list))")
        }
        return text
    }

    // MARK: Messages

    private static let bools = ["true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false]

    private func typeError(_ node: Node, _ field: FactField, hint: Bool) -> VouchError {
        let style = node.scalar?.style
        let quoted = hint && (style == .singleQuoted || style == .doubleQuoted)
        let note = quoted ? " (quoted, so it is text; remove the quotes)" : ""
        return error(at: node, "\(field.path): \(expectation(field.type)), got \(describe(node))\(note)")
    }

    /// What a value of `type` should look like: "expected true or false".
    private func expectation(_ type: FactType) -> String {
        switch type {
        case .string: "expected text"
        case .bool: "expected true or false"
        case .integer: "expected a whole number (0 or more)"
        case .timestamp: "expected an ISO 8601 time such as 2026-11-22T17:00:00Z"
        case .enumeration(let allowed): "expected one of \(allowed.joined(separator: ", "))"
        case .enumerationList(let allowed): "expected one of \(allowed.joined(separator: ", ")) or a list of them"
        }
    }

    private func allowedSuffix(_ type: FactType) -> String {
        switch type {
        case .enumeration(let allowed), .enumerationList(let allowed): " (allowed: \(allowed.joined(separator: ", ")))"
        default: ""
        }
    }

    /// How a node reads in a message: 'text', "a mapping", "a list".
    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(node) ? "an empty value" : "'\(FactsLoader.messageText(scalar.string))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Null (`null`, `~`, nothing) or text that is only whitespace.
    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return node.hasTag(.null) || scalar.string.allSatisfy(\.isWhitespace)
    }

    private func error(at node: Node, _ message: String) -> VouchError {
        VouchError(file: source, line: node.mark?.line, column: node.mark?.column, message)
    }
}

private extension Node {
    /// Whether the node's resolved tag is `name` (a plain `true` is a bool,
    /// a quoted "true" is a string).
    func hasTag(_ name: Tag.Name) -> Bool {
        tag.rawValue == name.rawValue
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
