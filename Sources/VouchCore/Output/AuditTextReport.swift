/// `vouch audit` for a person: each message with findings, its words in
/// context, then the promises past due and a summary line.
public enum AuditTextReport {
    public static func render(_ report: AuditReport) -> String {
        var out = ""
        for message in report.messages where !message.findings.isEmpty {
            let to = message.recipient.map { " to \($0)" } ?? ""
            out += "message \(message.id) (\(message.channel)\(to), \(Timestamp.readable(message.sentAt))):\n"
            let source = SourceText(path: message.id, text: message.text)
            for finding in message.findings {
                let line = source.line(of: finding.range.lowerBound)
                let column = source.columns(of: [finding.range.lowerBound])[0]
                out += "  \(line):\(column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]\n"
                if let suggestion = finding.suggestion { out += "    suggestion: \(suggestion)\n" }
            }
        }
        if !report.promises.isEmpty {
            out += "promises past due:\n"
            for promise in report.promises {
                let origin = promise.messageID.map { "message \($0)" } ?? "facts"
                out += "  \(origin): error: \(promise.message) [\(promise.rule)]\n"
            }
        }
        let count = report.findingCount
        let messages = report.messages.count
        out += count == 0
            ? "no findings in \(messages) message\(messages == 1 ? "" : "s")\n"
            : "\(count) finding\(count == 1 ? "" : "s") in \(messages) message\(messages == 1 ? "" : "s")\n"
        return out
    }
}

/// `vouch audit --format line`: `id:line:column:rule:message`, one a line
/// (`facts:0:0:...` for the facts' own promises).
public enum AuditLineReport {
    public static func render(_ report: AuditReport) -> String {
        var out = ""
        for message in report.messages {
            let source = SourceText(path: message.id, text: message.text)
            for finding in message.findings {
                out += "\(message.id):\(source.line(of: finding.range.lowerBound)):\(source.columns(of: [finding.range.lowerBound])[0]):\(finding.rule):\(finding.message)\n"
            }
        }
        for promise in report.promises {
            if let id = promise.messageID, let range = promise.range, let message = report.messages.first(where: { $0.id == id }) {
                let source = SourceText(path: id, text: message.text)
                out += "\(id):\(source.line(of: range.lowerBound)):\(source.columns(of: [range.lowerBound])[0]):\(promise.rule):\(promise.message)\n"
            } else {
                out += "facts:0:0:\(promise.rule):\(promise.message)\n"
            }
        }
        return out
    }
}
