/// `check --format line`: one `path:line:col:rule:message` line per finding,
/// for editors and grep.
public enum LineReport {
    public static func render(_ results: [CheckResult]) -> String {
        var out = ""
        for result in results {
            for f in result.findings {
                out += "\(result.source.path):\(f.line):\(f.column):\(f.rule):\(f.message)\n"
            }
        }
        return out
    }
}
