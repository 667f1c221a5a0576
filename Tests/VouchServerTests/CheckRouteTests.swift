import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCore
import VouchDefaultPack
@testable import VouchServer

@Suite struct CheckRouteTests {
    /// What `vouch check --format json` prints for this draft, facts and
    /// audience: the same Checker and JSONReport the CLI uses, with the
    /// draft named as the request names it.
    func expected(_ text: String, facts: String?, audience: Audience = .customer, path: String = "<request>") throws -> String {
        let checker = Checker(pack: try RulePack(files: DefaultPack.files(in: "Rules")))
        let parsed = try facts.map { try FactsLoader.parse($0, source: "facts") }
        return try JSONReport.render([checker.check(SourceText(path: path, text: text), facts: parsed, options: CheckOptions(audience: audience))])
    }

    @Test func pastedFactsGiveExactlyTheCLIReport() async throws {
        let server = try TestServer()
        let want = try expected(Fixture.draft, facts: Fixture.facts)
        #expect(want.contains("\"rule\": \"claim.resolved\""))
        #expect(want.contains("\"rule\": \"redact.email\""))
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", token: Fixture.readerToken,
                                          body: json(["text": Fixture.draft, "facts": Fixture.facts]))
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/json; charset=utf-8")
            #expect(r.body == want)
        }
    }

    @Test func storedIncidentGivesTheSameReportAsItsFacts() async throws {
        let server = try TestServer()
        let want = try expected(Fixture.draft, facts: Fixture.facts, audience: .public)
        try await server.test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts).status == .created)
            let r = try await client.send(.post, "/v1/check", body: json(["text": Fixture.draft, "incident": "INC-7", "audience": "public"]))
            #expect(r.status == .ok)
            #expect(r.body == want)
        }
    }

    @Test func factsAsJSONObjectAreAccepted() async throws {
        let server = try TestServer()
        let want = try expected("It is resolved.", facts: "status: fixed\nverified:\n  all_impacted: true\n")
        #expect(!want.contains("claim.resolved"))
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": "It is resolved.", "facts": ["status": "fixed", "verified": ["all_impacted": true]]]))
            #expect(r.body == want)
            let r2 = try await client.send(.post, "/v1/check", body: json(["text": "It is resolved.", "facts": ["status": "fixed", "verified": ["all_impacted": false]]]))
            #expect(r2.body.contains("\"rule\": \"claim.resolved\""))
        }
    }

    @Test func noFactsChecksWithNothingEstablished() async throws {
        let server = try TestServer()
        let want = try expected("We found the root cause.", facts: nil)
        #expect(want.contains("claim.root-cause"))
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": "We found the root cause."]))
            #expect(r.body == want)
        }
    }

    /// Byte-for-byte what the built binary prints for the same draft on
    /// standard input (`path: "<stdin>"` names the draft as the CLI does).
    @Test func equalsTheBuiltBinaryOutput() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-server-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let facts = try Fixture.example("Examples/incident.yaml")
        try facts.write(to: scratch, atomically: true, encoding: .utf8)
        let draft = try Fixture.example("Examples/drafts/reply-from-sales.txt")
        let cli = try Binary.run(["check", "--format", "json", "--facts", scratch.path, "-"], stdin: draft)
        #expect(cli.status == 1)
        #expect(cli.stdout.contains("\"rule\": \"promise.credit\""))
        let server = try TestServer()
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": draft, "facts": facts, "path": "<stdin>"]))
            #expect(r.status == .ok)
            #expect(r.body == cli.stdout)
        }
    }

    /// A megabyte of findings on one line answers with at most 1,000 of them
    /// and says so, not with tens of megabytes.
    @Test(.timeLimit(.minutes(3)))
    func aFloodOfFindingsIsCappedAndMarked() async throws {
        let text = String(repeating: "It is resolved. ", count: (1 << 20) / 17)
        // The cap is under test, not the deadline: a debug build takes
        // longer than the default 10 s for a megabyte of claims.
        try await TestServer(maxBody: 2 << 20, configure: { $0.requestTimeout = .seconds(120) }).test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": text]))
            #expect(r.status == .ok)
            #expect(r.body.utf8.count < 1_000_000)
            let file = try #require((try object(r.body)["files"] as? [[String: Any]])?.first)
            #expect((file["findings"] as? [Any])?.count == 1000)
            #expect(file["truncated"] as? Bool == true)
            #expect(file["omitted"] as? Int == (1 << 20) / 17 - 1000)
        }
    }

    @Test func disableLeavesOutARule() async throws {
        let server = try TestServer()
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": Fixture.draft, "facts": Fixture.facts, "disable": ["redact"]]))
            #expect(r.status == .ok)
            #expect(!r.body.contains("redact.email"))
            #expect(r.body.contains("claim.resolved"))
            let bad = try await client.send(.post, "/v1/check", body: json(["text": "x", "disable": ["nope.rule"]]))
            #expect(bad.status == .badRequest)
            #expect(bad.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"disable: no rule has the id or prefix 'nope.rule'\"\n}\n")
        }
    }
}

/// Runs the built `vouch` binary (SwiftPM builds it with the tests).
enum Binary {
    static var url: URL {
        get throws {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("vouch")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir.deleteLastPathComponent()
            }
            let fallback = Fixture.root.appendingPathComponent(".build/debug/vouch")
            guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
                throw VouchError("the vouch binary is not built; run 'swift build' first")
            }
            return fallback
        }
    }

    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
