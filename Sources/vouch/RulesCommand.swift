import ArgumentParser
import Foundation
import VouchCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the loaded rules, or explain one.",
        discussion: """
            Rules are data: each file in Rules/ (and each --rules DIR) holds rules with the \
            phrases they catch, the facts under which the claim is allowed, the message, \
            the suggestion and examples. 'vouch rules explain ID' shows all of it.
            """,
        subcommands: [List.self, Explain.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every loaded rule and context modifier.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown
        }

        @Option(help: "text (a table) or markdown (the reference page docs/rules.md).")
        var format: Format = .text

        @OptionGroup var pack: PackOptions

        func run() throws {
            let rules = try pack.load()
            print(format == .text ? RuleCatalog.list(rules) : RuleCatalog.markdown(rules), terminator: "")
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show what a rule catches, when it is allowed, and its examples.")

        @Argument(help: "A rule or modifier id, such as claim.resolved.")
        var id: String

        @OptionGroup var pack: PackOptions

        func run() throws {
            let rules = try pack.load()
            guard let text = RuleCatalog.explain(id, in: rules) else {
                let close = rules.rules.map(\.id).filter { $0.hasPrefix(id.split(separator: ".").first.map(String.init) ?? id) }
                throw VouchError("no rule '\(id)'" + (close.isEmpty ? " (see 'vouch rules')" : " (did you mean: \(close.prefix(5).joined(separator: ", "))?)"))
            }
            print(text, terminator: "")
        }
    }
}
