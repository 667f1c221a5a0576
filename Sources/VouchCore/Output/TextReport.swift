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
            if explain {
                for s in result.silenced {
                    out += paint("\(result.source.path):\(s.line):\(s.column):", "1") + " " + paint("not flagged", "2") + ": \"\(s.match)\" \(s.reason) [\(s.rule)]\n"
                }
            }
        }
        out += summary(counts, files: results.count)
        return out
    }

    /// The source line, and a caret line under the match (display columns,
    /// tabs kept, wide characters counted twice).
    private func excerpt(_ source: SourceText, _ range: Range<Int>, _ line: Int) -> String {
        let text = source.lineText(line)
        let lineStart = source.lineStarts[line - 1]
        let prefixBytes = Array(source.bytes[lineStart..<range.lowerBound])
        let prefix = String(decoding: prefixBytes, as: UTF8.self)
        let lineEnd = lineStart + text.utf8.count
        let matched = String(decoding: source.bytes[range.lowerBound..<min(range.upperBound, lineEnd)], as: UTF8.self)
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
