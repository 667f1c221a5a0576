import Foundation
import Testing
@testable import VouchCore

/// The repository's own files, found from this source file's path.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var rulesDirectory: String { root + "/Rules" }

    /// The default pack loaded from disk (so failures name Rules/*.yaml).
    static let pack: RulePack = {
        do {
            return try RulePack(files: RulePack.files(inDirectory: rulesDirectory))
        } catch {
            fatalError("the default rule pack does not load: \(error)")
        }
    }()

    static let checker = Checker(pack: pack)
}

extension SourceLocation {
    /// A location in a rule file, so a failing example points at its line.
    static func ruleFile(_ path: String, line: Int) -> SourceLocation {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return SourceLocation(fileID: "Rules/\(name)", filePath: path, line: max(1, line), column: 1)
    }
}

/// Checks a string with the default pack.
func check(_ text: String, facts: Facts? = nil, audience: Audience = .customer, pack: RulePack = Repository.pack) -> [Finding] {
    Checker(pack: pack).check(SourceText(path: "draft.txt", text: text), facts: facts, options: CheckOptions(audience: audience, explain: true)).findings
}

/// Facts from inline YAML.
func facts(_ yaml: String) -> Facts {
    do { return try FactsLoader.parse(yaml, source: "test-facts.yaml") } catch { fatalError("bad test facts: \(error)") }
}
