import Foundation

/// The settings file, `vouch.yaml` (or `.vouch.yaml`), found in the current
/// directory or the nearest one above it:
///
/// ```yaml
/// allow:                      # values leak rules never flag
///   - support@ourcompany.com  # the address customers are told to write to
///   - status.ourcompany.com   # a domain: its addresses, hosts and links
///   - "ws_*"                  # a pattern: * is any run of characters
/// ```
///
/// Unknown keys are errors naming their line, so a misspelt setting never
/// goes unnoticed.
public struct ConfigFile: Sendable, Equatable {
    public static let names = ["vouch.yaml", ".vouch.yaml"]
    public static let keys = ["allow"]

    public let path: String
    public let allow: [AllowEntry]

    public init(path: String, allow: [AllowEntry]) {
        self.path = path
        self.allow = allow
    }

    /// The first settings file in `directory` or a directory above it.
    public static func discover(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var url = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        while true {
            for name in names {
                let candidate = url.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Reads and checks the settings file at `path`.
    public static func load(path: String) throws -> ConfigFile {
        try parse(try FileReader.text(path, what: "settings file"), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> ConfigFile {
        let yaml = YAMLReader(file: path)
        if text.allSatisfy(\.isWhitespace) { return ConfigFile(path: path, allow: []) }
        let root = try yaml.root(text, what: "a settings file")
        var allow: [AllowEntry] = []
        for (key, _, value) in try yaml.mapping(root, "the settings", allowed: keys) where key == "allow" {
            guard let items = value.sequence else { throw yaml.error(value, "allow: expected a list of addresses, domains or patterns") }
            for item in items {
                let text = try yaml.string(item, "allow")
                let line = item.mark?.line ?? 0
                do {
                    allow.append(try AllowEntry(text, origin: "\((path as NSString).lastPathComponent):\(line)"))
                } catch {
                    throw yaml.error(item, "allow: \(error)")
                }
            }
        }
        return ConfigFile(path: path, allow: allow)
    }
}
