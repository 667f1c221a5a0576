import ArgumentParser
import Foundation
import VouchCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Flag claims the facts do not support, requests for secrets, and leaks.",
        discussion: """
            Reads each FILE (standard input when none is given, or for '-') and reports \
            every claim the incident facts do not support ("resolved" while accounts are \
            unverified, "outage" for a permissions issue, "root cause" before it is \
            confirmed), every request for a secret, every credential pasted into the text \
            (in every audience), and every leaked email, phone number, IP address, id or \
            internal reference, with the fact that is missing and what to write instead.

            Addresses, domains and ids that are public or the recipient's own (the \
            support@ address customers write to, the customer's workspace id) are allowed \
            with --allow or the 'allow' list of vouch.yaml; addresses in a quoted or \
            forwarded mail header (From:, To:, "On ... wrote:") are never flagged.

            Words that are negated ("has not been resolved"), asked ("is this an outage?"), \
            hedged ("we can't yet say whether it is isolated"), quoted ("> ..." lines, \
            "quotation marks", "you asked whether ..."), or inside code or a URL are not claims.

            Without --facts nothing is established, so every fact-dependent claim is flagged.

            Examples:
              vouch check --facts incident.yaml reply.txt
              pbpaste | vouch check --facts incident.yaml --audience public
              vouch check --facts incident.yaml --format json drafts/*.txt
              vouch check --allow support@ourcompany.com --allow 'ws_4821' reply.txt
              vouch check --facts incident.yaml --log sent.jsonl --channel customer-reply reply.txt

            Exit status: 0 no finding at or above --fail-on, 1 findings, 2 the input, facts, \
            rules or command line could not be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, line
    }

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: ArgumentHelp("Drafts to check ('-' for standard input).", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("The incident facts file (YAML or JSON).", valueName: "file"))
    var facts: String?

    @Option(help: "Who the message is for: customer, public (status page) or internal (handoff).")
    var audience: Audience = .customer

    @Option(help: "Output: text (like a compiler), json (stable, for tools) or line (path:line:col:rule:message).")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: error, warning or info.")
    var failOn: Severity = .error

    @Option(help: ArgumentHelp("Leave out a rule or every rule under an id prefix (claim.temporary, redact); repeatable.", valueName: "rule"))
    var disable: [String] = []

    @Option(help: "Color the text format: auto (only on a terminal, and not when NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    @Flag(help: "Also list the words rules matched but did not flag, and why.")
    var explain = false

    @Option(name: .customLong("max-findings"), help: ArgumentHelp("Report at most this many findings per file; the rest are counted.", valueName: "n"))
    var maxFindings = CheckOptions.defaultMaxFindings

    @Option(help: ArgumentHelp("A message log (JSON Lines, as for 'vouch audit'): also flag what disagrees with messages already sent under the same facts (consistency.conflict). Needs --facts.", valueName: "file"))
    var log: String?

    @Option(help: ArgumentHelp("With --log: the channel the draft goes to; messages already sent on it are not compared.", valueName: "name"))
    var channel: String?

    @OptionGroup var pack: PackOptions

    @OptionGroup var allowList: AllowOptions

    func run() throws {
        let rules = try pack.load()
        for id in disable where !rules.canDisable(id) {
            throw VouchError("--disable \(id): no rule has that id or prefix (see 'vouch rules')")
        }
        let allow = try allowList.entries()
        let facts = try self.facts.map { try FactsLoader.load(path: $0) }
        let inputs = try Input.read(files.isEmpty ? ["-"] : files)
        let checker = Checker(pack: rules)
        guard maxFindings >= 1 else { throw VouchError("--max-findings \(maxFindings): must be at least 1") }
        let options = CheckOptions(audience: audience, disabled: Set(disable), explain: explain, maxFindings: maxFindings, allow: allow)
        if log != nil && facts == nil { throw VouchError("--log needs --facts: a draft is compared with the messages sent under the same facts") }
        if channel != nil && log == nil { throw VouchError("--channel \(channel!): only with --log") }
        let sent = try log.map { try MessageLog.load(path: $0) }
        let auditor = Auditor(checker: checker)
        let results = inputs.map { input in
            let result = checker.check(input, facts: facts, options: options)
            guard let sent, let facts, !Auditor.conflictsDisabled(by: disable) else { return result }
            let draft = LoggedMessage(id: input.path, channel: channel ?? "", audience: audience, sentAt: Date(), facts: facts, text: input.text(0..<input.bytes.count))
            return result.adding(auditor.conflicts(of: draft, with: sent))
        }
        let output: String
        switch format {
        case .json: output = try JSONReport.render(results, explain: explain)
        case .line: output = LineReport.render(results)
        case .text: output = TextReport(color: useColor, explain: explain).render(results)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if results.contains(where: { $0.findings.contains { $0.severity >= failOn } }) {
            throw ExitCode(1)
        }
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}
