import ArgumentParser
import VouchCompose
import VouchDefaultPack

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
