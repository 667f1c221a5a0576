import Foundation
import Yams

/// Reads a YAML document node by node, so that every error names the file,
/// the line and the column of the value at fault, and unknown keys are
/// errors rather than silently ignored.
struct YAMLReader {
    let file: String

    /// Parses `text` into its root node.
    func root(_ text: String, what: String = "a rule file") throws -> Node {
        try YAMLLimits.rules.check(text, source: file, what: what)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw VouchError(file: file, "the file is empty")
            }
            return node
        } catch let error as YamlError {
            throw YAMLErrors.describe(error, text: text, source: file, what: what)
        }
    }

    func error(_ node: Node, _ message: String) -> VouchError {
        if let mark = node.mark { return VouchError(file: file, line: mark.line, column: mark.column, message) }
        return VouchError(file: file, message)
    }

    /// The mapping of `node`, with every key checked against `allowed`.
    func mapping(_ node: Node, _ what: String, allowed: [String]) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else { throw error(node, "\(what): expected a mapping") }
        var seen: Set<String> = []
        var out: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error(keyNode, "\(what): keys must be strings") }
            guard allowed.contains(key) else {
                throw error(keyNode, "unknown key '\(key)' in \(what) (allowed: \(allowed.joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else { throw error(keyNode, "duplicate key '\(key)' in \(what)") }
            out.append((key, keyNode, value))
        }
        return out
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(what): expected text") }
        return scalar.string
    }

    func strings(_ node: Node, _ what: String) throws -> [String] {
        if case .scalar = node { return [try string(node, what)] }
        guard let sequence = node.sequence else { throw error(node, "\(what): expected a list of text") }
        return try sequence.map { try string($0, what) }
    }

    func integer(_ node: Node, _ what: String, range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            throw error(node, "\(what): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as: T.Type) throws -> T where T.RawValue == String {
        let text = try string(node, what)
        guard let value = T(rawValue: text) else {
            throw error(node, "\(what): unknown value '\(text)' (allowed: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }
}
