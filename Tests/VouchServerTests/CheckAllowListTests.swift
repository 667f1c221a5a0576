import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCore
import VouchDefaultPack
@testable import VouchServer

/// `POST /v1/check` with an allow list: the request's `allow` adds to the
/// server's (the settings file, `--allow`), `explain` shows what was
/// allowed and by which entry, and credentials are never allowed.
@Suite struct CheckAllowListTests {
    static let draft = "Write to support@ourco.example or li@ourco.example about ws_8f3a2c91d4e5. Token: ghp_MFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNh"

    func report(allow: [String], explain: Bool = false) throws -> String {
        let checker = Checker(pack: try RulePack(files: DefaultPack.files(in: "Rules")))
        let entries = try allow.map { try AllowEntry($0, origin: "the request's allow") }
        let result = checker.check(SourceText(path: "<request>", text: Self.draft), facts: nil,
                                   options: CheckOptions(explain: explain, allow: entries))
        return try JSONReport.render([result], explain: explain)
    }

    @Test func requestAllowSilencesTheRecipientsOwnData() async throws {
        let server = try TestServer()
        let plain = try report(allow: [])
        let allowed = try report(allow: ["support@ourco.example", "ws_*"], explain: true)
        #expect(plain.contains("\"match\": \"support@ourco.example\""))
        #expect(!allowed.contains("\"rule\": \"redact.id\",\n"))   // a finding's rule line; the silenced entry stays
        #expect(allowed.contains("\"reason\": \"allowed by 'ws_*' (the request's allow)\""))
        #expect(allowed.contains("\"rule\": \"secret.leak.cloud-key\""))
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": Self.draft]))
            #expect(r.body == plain)
            let a = try await client.send(.post, "/v1/check", body: json(["text": Self.draft, "allow": ["support@ourco.example", "ws_*"], "explain": true]))
            #expect(a.status == .ok)
            #expect(a.body == allowed)
        }
    }

    @Test func serverAllowListAppliesToEveryCheck() async throws {
        let entry = try AllowEntry("ourco.example", origin: "vouch.yaml:2")
        let server = try TestServer { $0.allow = [entry] }
        try await server.test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": Self.draft, "explain": true]))
            let body = try object(r.body)
            let file = (body["files"] as! [[String: Any]])[0]
            let rules = (file["findings"] as! [[String: Any]]).map { $0["rule"] as! String }
            #expect(rules == ["redact.id", "secret.leak.cloud-key"])
            let reasons = (file["silenced"] as! [[String: Any]]).compactMap { $0["reason"] as? String }.filter { $0.hasPrefix("allowed") }
            #expect(reasons == ["allowed by 'ourco.example' (vouch.yaml:2)", "allowed by 'ourco.example' (vouch.yaml:2)"])
        }
    }

    @Test func badAllowFieldsAre400sNamingTheField() async throws {
        let server = try TestServer()
        try await server.test { client in
            for (allow, detail) in [
                (["ok@ourco.example", "*"] as Any, "allow[1]: '*' would allow everything"),
                ("ourco.example" as Any, "allow: expected an array of strings, got a string"),
                ([3] as Any, "allow[0]: expected a string, got a number"),
            ] {
                let r = try await client.send(.post, "/v1/check", body: json(["text": "Hi", "allow": allow]))
                #expect(r.status == .badRequest)
                #expect(try object(r.body)["detail"] as? String == detail, "\(allow)")
            }
            let r = try await client.send(.post, "/v1/check", body: json(["text": "Hi", "explain": "yes"]))
            #expect(try object(r.body)["detail"] as? String == "explain: expected true or false, got a string")
        }
    }
}
