import ArgumentParser
import Foundation
import VouchCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Re-read what was already sent against the facts: corrections owed, promises past due, conflicting stories.",
        discussion: """
            Reads the message log (JSON Lines, one sent message a line, in the order sent) \
            and the current facts, and reports:

            stale.contradicted: a sent message the current facts no longer support (it said \
            "a permissions issue", the kind is now regression), and who is owed a correction.

            stale.overdue: a promised update or fix whose time has passed ("we will update you \
            by 15:00 UTC" with nothing sent on that channel since; the facts' next_update_at \
            with no message since; an ETA passed while the incident is not fixed).

            consistency.conflict: two messages under the same facts version that tell \
            different stories (one says resolved, the other investigating; a permissions \
            issue and an outage).

            Each line of the log has id, channel, sent_at (ISO 8601) and text; audience \
            (default from the channel), recipient, sender, facts_version and facts (the facts \
            it was checked against when sent, as a mapping) are optional. Without facts, a \
            message is audited against the current facts only.

            Examples:
              vouch audit --facts Examples/incident.yaml --log Examples/messages.jsonl --now 2026-11-22T17:30:00Z
              vouch audit --facts incident.yaml --log sent.jsonl --format json

            Exit status: 0 nothing found, 1 findings, 2 the log, the facts, the rules or the \
            command line could not be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, line
    }

    @Option(help: ArgumentHelp("The current incident facts (YAML or JSON).", valueName: "file"))
    var facts: String

    @Option(help: ArgumentHelp("The message log: JSON Lines, one sent message a line.", valueName: "file"))
    var log: String

    @Option(help: ArgumentHelp("The audit's time (ISO 8601), to replay an incident; default: now.", valueName: "time"))
    var now: String?

    @Option(help: "Output: text, json (stable, for tools) or line (id:line:col:rule:message).")
    var format: Format = .text

    @OptionGroup var pack: PackOptions

    func run() throws {
        var time = Date()
        if let now {
            guard let parsed = Timestamp.parse(now) else {
                throw VouchError("--now \(now): not an ISO 8601 time (for example 2026-11-22T17:30:00Z)")
            }
            time = parsed
        }
        let rules = try pack.load()
        let facts = try FactsLoader.load(path: facts)
        let messages = try MessageLog.load(path: log)
        let report = Auditor(pack: rules).audit(messages, facts: facts, now: time)
        let output: String
        switch format {
        case .text: output = AuditTextReport.render(report)
        case .json: output = try AuditJSONReport.render(report)
        case .line: output = AuditLineReport.render(report)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if report.findingCount > 0 { throw ExitCode(1) }
    }
}
