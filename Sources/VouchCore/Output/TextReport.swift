/// `check --format text`: like a compiler. For each finding, the location,
/// severity, message and rule; the source line with a caret under the match;
/// the suggestion. Colored only when asked (the CLI asks on a terminal).
public struct TextReport {
    public var color: Bool
    public var explain: Bool

    public init(color: Bool = false, explain: Bool = false) {
        self.color = color
        self.explain = explain
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .info: return paint("info", "1;36")
        }
    }

    public func render(_ results: [CheckResult]) -> String {
        var out = ""
        var counts: [Severity: Int] = [:]
        for result in results {
            for f in result.findings {
                counts[f.severity, default: 0] += 1
                out += paint("\(result.source.path):\(f.line):\(f.column):", "1") + " \(severityLabel(f.severity)): \(f.message) [\(f.rule)]\n"
                out += excerpt(result.source, f.range, f.line)
                if let suggestion = f.suggestion { out += "  " + paint("suggestion:", "32") + " \(suggestion)\n" }
            }
            if result.omitted > 0 {
                out += paint("\(result.source.path):", "1") + " \(result.omitted) more finding\(result.omitted == 1 ? "" : "s") not shown (at most \(result.findings.count) per file)\n"
            }
            if explain {
                for s in result.silenced {
                    out += paint("\(result.source.path):\(s.line):\(s.column):", "1") + " " + paint("not flagged", "2") + ": \"\(s.match)\" \(s.reason) [\(s.rule)]\n"
                }
            }
        }
        out += summary(counts, files: results.count)
        return out
    }

    /// Bytes of context shown on each side of a match on a long line.
    static let context = 120

    /// The source line, and a caret line under the match (display columns,
    /// tabs kept, wide characters counted twice). A long line is cut to
    /// `context` bytes on each side of the match, marked with "…", so a
    /// megabyte line is not printed once per finding.
    private func excerpt(_ source: SourceText, _ range: Range<Int>, _ line: Int) -> String {
        let bytes = source.bytes
        let lineStart = source.lineStarts[line - 1]
        var lineEnd = line < source.lineStarts.count ? source.lineStarts[line] : bytes.count
        while lineEnd > lineStart, bytes[lineEnd - 1] == 0x0A || bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let matchEnd = min(range.upperBound, lineEnd)
        var from = max(lineStart, range.lowerBound - Self.context)
        var to = min(lineEnd, matchEnd + Self.context)
        // Cut on character boundaries.
        while from > lineStart, bytes[from] & 0xC0 == 0x80 { from -= 1 }
        while to < lineEnd, bytes[to] & 0xC0 == 0x80 { to += 1 }
        let before = from > lineStart ? "…" : "", after = to < lineEnd ? "…" : ""
        let text = before + String(decoding: bytes[from..<to], as: UTF8.self) + after
        let prefix = before + String(decoding: bytes[from..<range.lowerBound], as: UTF8.self)
        let matched = String(decoding: bytes[range.lowerBound..<max(range.lowerBound, matchEnd)], as: UTF8.self)
        var pad = ""
        for scalar in prefix.unicodeScalars {
            if scalar == "\t" { pad += "\t" } else { pad += String(repeating: " ", count: Graphemes.displayWidth(of: String(scalar))) }
        }
        let width = max(1, Graphemes.displayWidth(of: matched))
        return "  \(text)\n  \(pad)" + paint("^" + String(repeating: "~", count: width - 1), "32") + "\n"
    }

    private func summary(_ counts: [Severity: Int], files: Int) -> String {
        let parts = [Severity.error, .warning, .info].compactMap { severity -> String? in
            guard let n = counts[severity], n > 0 else { return nil }
            return "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        let where_ = "\(files) file\(files == 1 ? "" : "s")"
        return parts.isEmpty ? "no findings in \(where_)\n" : "\(parts.joined(separator: ", ")) in \(where_)\n"
    }
}
