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
        let data = try read(path)
        let text = try decodeUTF8(data, source: path)
        return try parse(text, source: path)
    }

    /// Parses facts from `text`; `source` names it in messages.
    public static func parse(_ text: String, source: String) throws -> Facts {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        try YAMLLimits.facts.check(text, source: source, what: "a facts file")
        let root = try compose(text, source: source)
        let reader = FactsReader(source: source)
        return Facts(values: try reader.read(root), source: source)
    }

    // MARK: File

    private static func read(_ path: String) throws -> Data {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VouchError("cannot read facts file '\(path)': no such file")
        }
        if isDirectory.boolValue {
            throw VouchError("cannot read facts file '\(path)': it is a directory")
        }
        guard files.isReadableFile(atPath: path) else {
            throw VouchError("cannot read facts file '\(path)': permission denied")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw VouchError("cannot read facts file '\(path)': \(firstLine(of: error.localizedDescription))")
        }
    }

    /// The text of `data`, or an error at the first byte that is not UTF-8.
    private static func decodeUTF8(_ data: Data, source: String) throws -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                offset += encoded.count
                if Unicode.UTF8.decode(encoded) == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
                throw VouchError(file: source, line: line, column: column,
                                 "the file is not valid UTF-8 text (byte 0x\(byte.count == 1 ? "0" : "")\(byte)); save it as UTF-8")
            case .emptyInput:
                throw VouchError(file: source, "the file is not valid UTF-8 text; save it as UTF-8")
            }
        }
    }

    // MARK: YAML

    /// The single document in `text`, with YAML errors turned into one-line
    /// `VouchError`s at their line and column.
    private static func compose(_ text: String, source: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, text: text, source: source)
        }
        guard let root, !root.hasTag(.null) else {
            throw VouchError(file: source, "the facts file is empty; it needs at least 'status' (allowed: \(FactsSchema.statuses.joined(separator: ", ")))")
        }
        return root
    }

    private static func yamlError(_ error: YamlError, text: String, source: String) -> VouchError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            if problem == "but found another document" {
                return VouchError(file: source, line: mark.line, column: mark.column,
                                  "invalid YAML: a facts file holds one document, found a second one")
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return VouchError(file: source, line: mark.line, column: mark.column, message)
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map { location(ofCharacter: $0, in: text) } ?? (nil, nil)
            return VouchError(file: source, line: line, column: column, "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return duplicateKeyError(duplicates.first ?? "", first: context.mark, text: text, source: source)
        default:
            return VouchError(file: source, "invalid YAML: \(firstLine(of: "\(error)"))")
        }
    }

    /// Yams reports a duplicate key at its first occurrence; point at the
    /// second one when it can be found (same column on a later line, as in a
    /// block mapping), otherwise at the first.
    private static func duplicateKeyError(_ key: String, first: Mark, text: String, source: String) -> VouchError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        for index in lines.indices.dropFirst(first.line) {
            let scalars = Substring(lines[index]).unicodeScalars
            guard scalars.count > indent, scalars.prefix(indent).allSatisfy({ $0 == " " }) else { continue }
            let rest = String(String.UnicodeScalarView(scalars.dropFirst(indent)))
            for spelling in spellings where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return VouchError(file: source, line: index + 1, column: first.column,
                                      "duplicate key '\(FactsLoader.messageText(key))' (first given on line \(first.line))")
                }
            }
        }
        return VouchError(file: source, line: first.line, column: first.column,
                          "duplicate key '\(FactsLoader.messageText(key))' (it is given more than once)")
    }

    /// 1-based line and column (in Unicode scalars) of the character at
    /// `offset` in `text`.
    private static func location(ofCharacter offset: Int, in text: String) -> (Int?, Int?) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
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
            if let date = FactsLoader.timestamp(from: text) { return .timestamp(date) }
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

// MARK: - Timestamps

extension FactsLoader {
    /// Parses a time as facts files write it: ISO 8601
    /// (`2026-11-22T17:00:00Z`, `+02:00` offsets, fractional seconds) and the
    /// YAML timestamp forms (`2026-11-22 17:00:00+00:00`,
    /// `2026-11-22 17:00:00`, and a date alone, `2026-11-22`, meaning
    /// midnight). Without an offset the time is UTC. Seconds may be left out
    /// (`2026-11-22T17:00Z`).
    ///
    /// The grammar, read by hand (a regex built per call cost more than the
    /// rest of a facts file):
    /// `YYYY-M(M)-D(D)[(T|t|blanks)H(H):MM[:SS[(.|,)F+]][blanks*(Z|z|±H(H)[[:]MM])]]`.
    public static func timestamp(from text: String) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Substring? {
            var k = i
            while k < bytes.count, k - i < max, bytes[k] >= 0x30, bytes[k] <= 0x39 { k += 1 }
            guard k - i >= min else { return nil }
            defer { i = k }
            return Substring(String(decoding: bytes[i..<k], as: UTF8.self))
        }
        func take(_ c: Character) -> Bool {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        func blanks() -> Int {
            let from = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i - from
        }
        guard let year = digits(4, 4).flatMap({ Int($0) }), take("-"), let month = digits(1, 2).flatMap({ Int($0) }),
              take("-"), let day = digits(1, 2).flatMap({ Int($0) }) else { return nil }
        var hour: Substring? = nil, minute: Substring? = nil, second: Substring? = nil
        var fraction: Substring? = nil, zone: Substring? = nil
        if i < bytes.count {
            guard take("T") || take("t") || blanks() > 0, let h = digits(1, 2), take(":"), let m = digits(2, 2) else { return nil }
            hour = h; minute = m
            if take(":") {
                guard let s = digits(2, 2) else { return nil }
                second = s
                if take(".") || take(",") {
                    guard let f = digits(1, Int.max) else { return nil }
                    fraction = f
                }
            }
            _ = blanks()
            if take("Z") { zone = "Z" } else if take("z") { zone = "z" } else if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D {
                // ±H, ±HH, ±HMM, ±HHMM, ±H:MM, ±HH:MM
                let rest = String(decoding: bytes[i...], as: UTF8.self)
                let body = rest.dropFirst()
                let colon = body.firstIndex(of: ":")
                let numbers = body.split(separator: ":", omittingEmptySubsequences: false)
                let valid = body.allSatisfy { $0 == ":" || $0.isASCII && $0.isNumber }
                    && (colon == nil ? (1...4).contains(body.count) : numbers.count == 2 && (1...2).contains(numbers[0].count) && numbers[1].count == 2)
                guard valid else { return nil }
                zone = Substring(rest)
                i = bytes.count
            }
            guard i == bytes.count else { return nil }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let h = hour.flatMap { Int($0) } ?? 0
        let m = minute.flatMap { Int($0) } ?? 0
        let s = second.flatMap { Int($0) } ?? 0
        guard h < 24, m < 60, s < 60, let offset = offsetSeconds(zone) else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + h * 3_600 + m * 60 + s - offset
        let fractionalPart = fraction.flatMap { Double("0.\($0)") } ?? 0
        return Date(timeIntervalSince1970: Double(seconds) + fractionalPart)
    }

    /// Seconds east of UTC for "Z", "+02:00", "+0200", "-5"; nil when out of
    /// range.
    private static func offsetSeconds(_ zone: Substring?) -> Int? {
        guard let zone, zone != "Z", zone != "z" else { return 0 }
        let sign = zone.first == "-" ? -1 : 1
        let digits = zone.dropFirst().filter { $0 != ":" }
        let hours = Int(String(digits.count > 2 ? digits.prefix(digits.count - 2) : digits[...])) ?? 99
        let minutes = digits.count > 2 ? Int(String(digits.suffix(2))) ?? 99 : 0
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
