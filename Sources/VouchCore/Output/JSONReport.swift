/// `check --format json`, as in ../shared/contract/json-output.md: keys in
/// contract order, findings sorted by range start.
public enum JSONReport {
    public static func render(_ results: [CheckResult], explain: Bool = false) -> String {
        var out = "{\n  \"version\": 1,\n  \"files\": ["
        for (f, result) in results.enumerated() {
            out += f == 0 ? "\n" : ",\n"
            out += "    {\n      \"path\": \(quote(result.source.path)),\n      \"findings\": ["
            for (i, finding) in result.findings.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                var fields = [
                    ("rule", quote(finding.rule)),
                    ("severity", quote(finding.severity.rawValue)),
                    ("message", quote(finding.message)),
                    ("match", quote(finding.match)),
                    ("line", String(finding.line)),
                    ("column", String(finding.column)),
                    ("range", "{ \"start\": \(finding.range.lowerBound), \"end\": \(finding.range.upperBound) }"),
                ]
                if let fact = finding.fact { fields.append(("fact", quote(fact))) }
                if let suggestion = finding.suggestion { fields.append(("suggestion", quote(suggestion))) }
                out += "        {\n" + fields.map { "          \(quote($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n        }"
            }
            out += result.findings.isEmpty ? "]" : "\n      ]"
            if result.omitted > 0 {
                // Only past the limit: the findings list is then not the whole.
                out += ",\n      \"truncated\": true,\n      \"omitted\": \(result.omitted)"
            }
            if explain {
                out += ",\n      \"silenced\": ["
                for (i, s) in result.silenced.enumerated() {
                    out += i == 0 ? "\n" : ",\n"
                    out += "        { \"rule\": \(quote(s.rule)), \"match\": \(quote(s.match)), \"line\": \(s.line), \"column\": \(s.column), "
                    out += "\"range\": { \"start\": \(s.range.lowerBound), \"end\": \(s.range.upperBound) }, \"reason\": \(quote(s.reason)) }"
                }
                out += result.silenced.isEmpty ? "]" : "\n      ]"
            }
            out += "\n    }"
        }
        out += results.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
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
