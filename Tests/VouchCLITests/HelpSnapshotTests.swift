import Foundation
import Testing

/// The whole `--help` of every command, as a user reads it, kept in
/// Snapshots/. `VOUCH_RECORD_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`
/// rewrites them; review the diff before committing.
@Suite struct HelpSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: [[], ["check"], ["compose"], ["audit"], ["serve"], ["rules"], ["rules", "test"]])
    func helpIsUnchanged(_ command: [String]) throws {
        let name = (["vouch"] + command).joined(separator: "-") + ".help.txt"
        let out = try CLI.run(command + ["--help"])
        #expect(out.status == 0)
        #expect(out.stderr == "")
        let file = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["VOUCH_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(out.stdout.utf8).write(to: file)
            return
        }
        let committed = try #require(FileManager.default.contents(atPath: file.path), "missing snapshot \(name); run with VOUCH_RECORD_SNAPSHOTS=1")
        #expect(out.stdout == String(decoding: committed, as: UTF8.self), "\(name) differs")
    }
}
