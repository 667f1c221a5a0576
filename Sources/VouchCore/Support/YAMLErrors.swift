import Yams

/// YAML syntax errors as one-line `VouchError`s at their line and column,
/// for every YAML file Vouch reads (facts, rules, settings).
enum YAMLErrors {
    static func describe(_ error: YamlError, text: String, source: String, what: String) -> VouchError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            if problem == "but found another document" {
                return VouchError(file: source, line: mark.line, column: mark.column,
                                  "invalid YAML: \(what) holds one document, found a second one")
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
            return VouchError(file: source, "invalid YAML: \(String("\(error)".prefix { $0 != "\n" && $0 != "\r" }))")
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
}
