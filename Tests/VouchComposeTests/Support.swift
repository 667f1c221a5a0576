import Foundation
import Testing
import VouchCompose
import VouchCore
import VouchDefaultPack

/// The composer as the CLI builds it: embedded templates and the default
/// rule pack, whatever its current state.
enum Fixture {
    static let pack: RulePack = try! RulePack(files: DefaultPack.files(in: "Rules"))
    static let templates: TemplateSet = try! TemplateSet(files: DefaultPack.files(in: "Templates"))
    static let composer = Composer(templates: templates, pack: pack)

    static func facts(_ name: String) throws -> Facts {
        guard let yaml = FactSets.all[name] else { fatalError("no fact set \(name)") }
        return try FactsLoader.parse(yaml, source: "\(name).yaml")
    }

    /// The error message `body` throws, or nil.
    static func error(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as VouchError { return error.message } catch { return "\(error)" }
    }
}

/// Exact-text snapshots in Snapshots/. `VOUCH_RECORD_SNAPSHOTS=1 swift test`
/// rewrites them; review the diff before committing.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["VOUCH_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("missing snapshot \(name); run with VOUCH_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(text == String(decoding: data, as: UTF8.self), "snapshot \(name) differs", sourceLocation: sourceLocation)
    }
}
