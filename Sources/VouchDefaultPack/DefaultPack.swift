/// The data shipped in this repository, embedded when the package is built:
/// the rule pack (`Rules/`), the templates (`Templates/`), the review page
/// (`Web/`) and the API description (`openapi.yaml`).
public enum DefaultPack {
    /// Every embedded file: its path relative to the package root
    /// (`Rules/claim.resolved.yaml`) and its text.
    public static var files: [(path: String, text: String)] { embeddedFiles }

    /// The embedded files under one top-level folder ("Rules" or "Templates").
    public static func files(in folder: String) -> [(path: String, text: String)] {
        embeddedFiles.filter { $0.path.hasPrefix(folder + "/") }
    }

    /// One embedded file's text ("Web/review.html", "openapi.yaml"); the
    /// build embeds every one of these, so a missing one is a packaging bug.
    public static func text(of path: String) -> String {
        guard let file = embeddedFiles.first(where: { $0.path == path }) else {
            preconditionFailure("\(path) is not embedded (see Plugins/EmbedDefaultPack)")
        }
        return file.text
    }
}
