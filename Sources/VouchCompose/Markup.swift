/// Templates are written in a small subset of Markdown (`# ` headings and
/// `**bold**`); `--format text` uses the same template with that markup
/// removed from the template's own text, so the facts are never altered.
enum Markup {
    /// The template text without Markdown markup: heading marks at the start
    /// of a line and `**` are removed.
    static func plain(template: String) -> String {
        template.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = Substring(line)
            if line.hasPrefix("#") {
                let marks = line.prefix { $0 == "#" }
                if marks.count <= 6, line.dropFirst(marks.count).hasPrefix(" ") { line = line.dropFirst(marks.count + 1) }
            }
            return String(line.replacing("**", with: ""))
        }.joined(separator: "\n")
    }

    /// Tidies a rendered message: no trailing spaces, no runs of spaces
    /// left by empty sections inside a line, at most one blank line in a
    /// row, no leading blank lines, and exactly one newline at the end.
    static func tidy(_ rendered: String) -> String {
        var lines: [String] = []
        for raw in rendered.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = raw.prefix { $0 == " " || $0 == "\t" }
            var body = ""
            var lastWasSpace = false
            for character in raw.dropFirst(indent.count) {
                if character == " " {
                    if !lastWasSpace { body.append(character) }
                    lastWasSpace = true
                } else {
                    body.append(character)
                    lastWasSpace = false
                }
            }
            while body.last == " " || body.last == "\t" { body.removeLast() }
            let line = body.isEmpty ? "" : indent + body
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
