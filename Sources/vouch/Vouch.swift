import ArgumentParser
import Foundation
import VouchCore

@main
struct Vouch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vouch",
        abstract: "Say only what you can vouch for: check incident messages against the facts.",
        discussion: """
            Keep one incident facts file (YAML or JSON) as the source of truth, and run \
            every customer reply, status-page update and handoff through `vouch check` \
            before it is sent.

              vouch check --facts Examples/incident.yaml Examples/drafts/reply-from-support.txt
              vouch rules explain claim.resolved

            Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input.
            """,
        version: "vouch 0.1.0",
        subcommands: [CheckCommand.self, ComposeCommand.self, AuditCommand.self, RulesCommand.self, ServeCommand.self]
    )

    /// Runs the command line; usage errors and unusable input exit with
    /// status 2 and one line on standard error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as VouchError {
            CLIError.exit(error)
        } catch {
            if exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue {
                CLIError.exit(message(for: error) + " (see 'vouch help')")
            }
            exit(withError: error)
        }
    }
}

enum CLIError {
    /// A library error in the CLI's words: a setting is its flag
    /// (`--timezone Mars/Base: unknown time zone`).
    static func exit(_ error: VouchError) -> Never {
        exit(error.rendered(setting: { "--\($0)" }))
    }

    static func exit(_ message: String) -> Never {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("vouch: error: \(line)\n".utf8))
        Foundation.exit(2)
    }
}
