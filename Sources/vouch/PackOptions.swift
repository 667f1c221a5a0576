import ArgumentParser
import VouchCompose
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

/// Which templates compose uses: the embedded ones, each replaced by the
/// file of the same name in `--templates DIR`.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A directory of templates (<channel>/<state>.mustache) that replace the built-in ones file by file.", valueName: "dir"))
    var templates: String?

    func load() throws -> TemplateSet {
        var files = DefaultPack.files(in: "Templates")
        if let templates { files += try TemplateSet.files(inDirectory: templates) }
        return try TemplateSet(files: files)
    }
}

extension Audience: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
