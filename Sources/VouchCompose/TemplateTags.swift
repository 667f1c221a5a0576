/// The tags of a Mustache template, read from its text with their lines, so
/// a template can be checked against `MessageModel` before it is used.
struct TemplateTag: Equatable {
    enum Kind: Equatable {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// `{{/name}}`.
        case close
        /// `{{! ... }}`.
        case comment
        /// Partials, blocks, delimiter changes, pragmas: not allowed in
        /// approved templates.
        case unsupported(String)
    }

    let kind: Kind
    let name: String
    /// 1-based line of the tag's opening braces.
    let line: Int

    /// Every tag in `text`, in order. Unterminated tags are left to the
    /// Mustache parser, which reports them.
    static func scan(_ text: String) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            line += rest[..<open.lowerBound].count { $0 == "\n" || $0 == "\r\n" }
            let triple = rest[open.upperBound...].hasPrefix("{")
            let body = triple ? rest[rest.index(after: open.upperBound)...] : rest[open.upperBound...]
            guard let close = body.firstRange(of: triple ? "}}}" : "}}") else { break }
            let content = body[..<close.lowerBound]
            tags.append(tag(content, triple: triple, line: line))
            line += content.count { $0 == "\n" || $0 == "\r\n" }
            rest = body[close.upperBound...]
        }
        return tags
    }

    private static func tag(_ content: Substring, triple: Bool, line: Int) -> TemplateTag {
        let trimmed = content.trimmed(of: .blanks)
        if triple { return TemplateTag(kind: .variable, name: trimmed, line: line) }
        guard let sigil = trimmed.first else { return TemplateTag(kind: .variable, name: "", line: line) }
        let name = String(trimmed.dropFirst()).trimmed(of: .blanks)
        switch sigil {
        case "#": return TemplateTag(kind: .section, name: name, line: line)
        case "^": return TemplateTag(kind: .invertedSection, name: name, line: line)
        case "/": return TemplateTag(kind: .close, name: name, line: line)
        case "&": return TemplateTag(kind: .variable, name: name, line: line)
        case "!": return TemplateTag(kind: .comment, name: "", line: line)
        case ">", "<", "$", "=", "%": return TemplateTag(kind: .unsupported("{{\(trimmed)}}"), name: name, line: line)
        default: return TemplateTag(kind: .variable, name: trimmed, line: line)
        }
    }
}

private extension StringProtocol {
    func trimmed(of set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

private extension Set<Character> {
    static let blanks: Set<Character> = [" ", "\t"]
}
