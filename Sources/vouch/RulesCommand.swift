import ArgumentParser
import Foundation
import VouchCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the loaded rules, explain one, or test their examples.",
        discussion: """
            Rules are data: each file in Rules/ (and each --rules DIR) holds rules with the \
            phrases they catch, the facts under which the claim is allowed, the message, \
            the suggestion and examples. 'vouch rules explain ID' shows all of it; \
            'vouch rules test' runs every example.
            """,
        subcommands: [List.self, Explain.self, Test.self],
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

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every example of the loaded rules and context modifiers.",
            discussion: """
                Each rule's flag examples must be flagged exactly at their [[marks]] and its \
                pass examples not at all, also with an emoji before the text, CRLF line ends \
                and a zero-width space inside the match; put in code, in quotation marks or \
                on a '> ' line, a flagged claim must go silent (a leak stays flagged). An \
                example opts out of a mutation that would change its meaning with \
                'skip: [quotes]'. Each modifier's silent examples must give no finding and its \
                flag examples a finding at each mark.

                Prints file:line: message for each failure; exit status 1 when any fails.

                  vouch rules test                              # the built-in pack
                  vouch rules test --no-default-rules --rules my-pack/
                """)

        @OptionGroup var pack: PackOptions

        @Flag(help: "Also print each case as it passes.")
        var verbose = false

        func run() throws {
            let verifier = ExampleVerifier(pack: try pack.load())
            var failed = 0
            let cases = verifier.cases
            for c in cases {
                let failures = verifier.run(c)
                for failure in failures { print(failure.description) }
                if !failures.isEmpty { failed += 1 } else if verbose { print("ok \(c)") }
            }
            let examples = Set(cases.map { "\($0.id)#\($0.flag)#\($0.index)" }).count
            print("\(cases.count) cases (\(examples) examples with their mutations): \(failed == 0 ? "all passed" : "\(failed) failed")")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
