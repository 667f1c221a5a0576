import Foundation
import Testing
@testable import VouchCore

@Suite struct AllowListTests {
    private func entry(_ value: String) -> AllowEntry { try! AllowEntry(value, origin: "test") }

    @Test func exactValuesWithoutCase() {
        #expect(entry("support@ourco.example").allows("Support@OurCo.example"))
        #expect(!entry("support@ourco.example").allows("support@ourco.example.evil.test"))
        #expect(entry("ws_4821").allows("WS_4821"))
        #expect(!entry("ws_4821").allows("ws_48210"))
    }

    @Test func domainsCoverAddressesHostsAndLinks() {
        let domain = entry("ourco.example")
        for allowed in ["li@ourco.example", "li@eu.ourco.example", "ourco.example", "status.ourco.example",
                        "https://status.ourco.example/incidents/1", "http://ourco.example:8080/x"] {
            #expect(domain.allows(allowed), "\(allowed)")
        }
        for refused in ["li@notourco.example", "li@ourco.example.evil.test", "evilourco.example", "https://evil.test/?ourco.example"] {
            #expect(!domain.allows(refused), "\(refused)")
        }
    }

    @Test func patternsMatchTheWholeValue() {
        #expect(entry("*@northstar.dev").allows("dana@northstar.dev"))
        #expect(!entry("*@northstar.dev").allows("dana@northstar.dev.evil.test"))
        #expect(entry("ws_*").allows("ws_8f3a2c91d4"))
        #expect(!entry("ws_*").allows("xws_8f3a"))
        #expect(entry("req_*_eu").allows("req_123_eu"))
        #expect(entry("a*b*c").allows("aXbYc") && !entry("a*b*c").allows("aXbY"))
    }

    @Test func badEntriesSayWhy() {
        func reason(_ value: String) -> String? {
            do { _ = try AllowEntry(value, origin: "test"); return nil } catch { return error.description }
        }
        #expect(reason("") == "an entry is empty")
        #expect(reason("*") == "'*' would allow everything")
        #expect(reason("a b") == "'a b' contains white space; give one address, domain or id per entry")
        #expect(reason(String(repeating: "a", count: 300))?.hasSuffix("is longer than 256 bytes") == true)
    }

    @Test func settingsFileNamesTheLineOfABadEntry() throws {
        let config = try ConfigFile.parse("allow:\n  - support@ourco.example\n  - ourco.example\n", path: "/x/vouch.yaml")
        #expect(config.allow.map(\.value) == ["support@ourco.example", "ourco.example"])
        #expect(config.allow.map(\.origin) == ["vouch.yaml:2", "vouch.yaml:3"])
        #expect(throws: VouchError(file: "v.yaml", line: 3, column: 5, "allow: '*' would allow everything")) {
            try ConfigFile.parse("allow:\n  - ok@x.example\n  - '*'\n", path: "v.yaml")
        }
        #expect(throws: VouchError(file: "v.yaml", line: 1, column: 1, "unknown key 'alow' in the settings (allowed: allow)")) {
            try ConfigFile.parse("alow: []\n", path: "v.yaml")
        }
        #expect(throws: VouchError(file: "v.yaml", line: 1, column: 8, "allow: expected a list of addresses, domains or patterns")) {
            try ConfigFile.parse("allow: ourco.example\n", path: "v.yaml")
        }
    }

    @Test func settingsFileIsFoundUpward() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-config-\(UUID().uuidString)")
        let deep = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(ConfigFile.discover(from: deep.path).map { !$0.hasPrefix(root.path) } ?? true)
        try "allow: []\n".write(to: root.appendingPathComponent(".vouch.yaml"), atomically: true, encoding: .utf8)
        #expect(ConfigFile.discover(from: deep.path) == root.appendingPathComponent(".vouch.yaml").standardizedFileURL.path)
        try "allow: []\n".write(to: root.appendingPathComponent("a/vouch.yaml"), atomically: true, encoding: .utf8)
        #expect(ConfigFile.discover(from: deep.path) == root.appendingPathComponent("a/vouch.yaml").standardizedFileURL.path)
    }
}
