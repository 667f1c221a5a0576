import ArgumentParser
import Foundation
import VouchCompose
import VouchCore
import VouchDefaultPack

struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Fill an approved template from the incident facts, checked before it is printed.",
        discussion: """
            Composes the message for a channel (customer-reply, status-page, handoff, \
            support-brief) and the incident state (the facts' status unless --state is \
            given) from the approved templates, then checks it with the default rule pack \
            in the channel's audience (customer, public, internal, internal). Nothing is \
            printed unless the message has no finding.

            Examples:
              vouch compose --facts incident.yaml --channel customer-reply
              vouch compose --facts incident.yaml --channel status-page --format json
              vouch compose --facts incident.yaml --channel handoff --timezone Europe/Berlin

            Exit status: 0 the message was printed, 2 the state is not supported by the \
            facts, facts the message needs are missing (all are listed), the composed text \
            has findings, or a template or the command line could not be used.
            """
    )

    @Option(help: ArgumentHelp("The incident facts file (YAML or JSON).", valueName: "file"))
    var facts: String

    @Option(help: "The channel: customer-reply, status-page, handoff or support-brief.")
    var channel: Channel

    @Option(help: "The state to compose: investigating, identified, mitigated or fixed (default: the facts' status).")
    var state: MessageState?

    @Option(help: "Output: text, markdown or json (for status-page, a body for a status-page API).")
    var format: ComposeFormat = .text

    @OptionGroup var templates: TemplateOptions

    @Option(help: ArgumentHelp("Print times in this IANA time zone (default: UTC).", valueName: "tz"))
    var timezone: String?

    func run() throws {
        let time = try timezone.map { try TimeFormat(zoneNamed: $0) } ?? .utc
        let set = try templates.load()
        let facts = try FactsLoader.load(path: self.facts)
        let composer = Composer(templates: set, pack: try RulePack(files: DefaultPack.files(in: "Rules")))
        let message = try composer.compose(facts, channel: channel, state: state, format: format, time: time)
        FileHandle.standardOutput.write(Data(message.output.utf8))
    }
}

extension Channel: ExpressibleByArgument {}
extension MessageState: ExpressibleByArgument {}
extension ComposeFormat: ExpressibleByArgument {}
