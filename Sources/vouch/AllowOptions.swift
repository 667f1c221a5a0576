import ArgumentParser
import Foundation
import VouchCore

/// The allow list: the settings file's `allow` entries (`--config FILE`, or
/// `vouch.yaml` / `.vouch.yaml` found from the current directory upward)
/// and `--allow` values.
struct AllowOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Never flag this address, domain or id as a leak (support@ourcompany.com, status.ourcompany.com, 'ws_*'); repeatable. Credentials are never allowed.",
        valueName: "value"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("The settings file (default: vouch.yaml or .vouch.yaml in this directory or the nearest one above).", valueName: "file"))
    var config: String?

    @Flag(help: "Do not read a settings file.")
    var noConfig = false

    func entries() throws -> [AllowEntry] {
        if noConfig, let config { throw VouchError("--config \(config) and --no-config: give one of them") }
        var entries: [AllowEntry] = []
        if !noConfig, let path = config ?? ConfigFile.discover() {
            entries += try ConfigFile.load(path: path).allow
        }
        for value in allow {
            do {
                entries.append(try AllowEntry(value, origin: "--allow"))
            } catch {
                throw VouchError("--allow \(value): \(error)")
            }
        }
        return entries
    }
}
