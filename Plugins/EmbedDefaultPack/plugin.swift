import Foundation
import PackagePlugin

/// Embeds the package's data into the target as Swift source, so the built
/// binary carries it and works from any directory: `Rules/` (the default
/// pack), `Templates/`, `Web/` (the review page) and `openapi.yaml`.
@main
struct EmbedDefaultPack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["Rules", "Templates", "Web"].map { root.appending(path: $0) }
        var inputs: [URL] = [root.appending(path: "openapi.yaml")]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "mustache", "html", "css", "js"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultPackFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the rule pack, templates, review page and API description",
                executable: try context.tool(named: "VouchEmbed").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
