/// The rule pack and templates shipped in this repository's `Rules/` and
/// `Templates/` folders, embedded when the package is built.
public enum DefaultPack {
    /// Every embedded file: its path relative to the package root
    /// (`Rules/claim.resolved.yaml`) and its text.
    public static var files: [(path: String, text: String)] { embeddedFiles }

    /// The embedded files under one top-level folder ("Rules" or "Templates").
    public static func files(in folder: String) -> [(path: String, text: String)] {
        embeddedFiles.filter { $0.path.hasPrefix(folder + "/") }
    }
}
