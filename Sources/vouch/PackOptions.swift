import ArgumentParser
import VouchCore
import VouchDefaultPack

/// Which rules to load: the embedded default pack and any `--rules DIR`.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A directory of extra rule files (*.yaml); repeatable.", valueName: "dir"))
    var directories: [String] = []

    @Flag(help: "Leave out the built-in rule pack (use only --rules).")
    var noDefaultRules = false

    func load() throws -> RulePack {
        var files: [(path: String, text: String)] = noDefaultRules ? [] : DefaultPack.files(in: "Rules")
        for directory in directories { files += try RulePack.files(inDirectory: directory) }
        if files.isEmpty { throw VouchError("no rules to load: --no-default-rules needs at least one --rules DIR") }
        return try RulePack(files: files)
    }
}

extension Audience: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
