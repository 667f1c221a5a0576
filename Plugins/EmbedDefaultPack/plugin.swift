import Foundation
import PackagePlugin

/// Embeds the package's `Rules/` and `Templates/` folders into the target as
/// Swift source, so the built binary carries its default pack and works from
/// any directory.
@main
struct EmbedDefaultPack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["Rules", "Templates"].map { root.appending(path: $0) }
        var inputs: [URL] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "mustache"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultPackFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default rule pack and templates",
                executable: try context.tool(named: "VouchEmbed").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
