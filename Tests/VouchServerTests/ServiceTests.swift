import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCore
@testable import VouchServer

@Suite struct ServiceTests {
    @Test func metricsCountRequestsLatencyAndFindings() async throws {
        let server = try TestServer()
        try await server.test { client in
            try await client.send(.post, "/v1/check", body: json(["text": Fixture.draft, "facts": Fixture.facts]))
            try await client.send(.post, "/v1/check", token: nil, body: json(["text": "x"]))
            let r = try await client.send(.get, "/metrics", token: nil)
            #expect(r.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(r.body.split(separator: "\n").map(String.init))
            #expect(lines.contains("vouch_http_requests_total{method=\"POST\",route=\"/v1/check\",status=\"200\"} 1"))
            #expect(lines.contains("vouch_http_requests_total{method=\"POST\",route=\"/v1/check\",status=\"401\"} 1"))
            #expect(lines.contains("vouch_http_request_duration_seconds_count 2"))
            #expect(lines.contains("vouch_http_request_duration_seconds_bucket{le=\"+Inf\"} 2"))
            #expect(lines.contains("# TYPE vouch_http_request_duration_seconds histogram"))
            #expect(lines.contains("vouch_findings_total{category=\"claim.resolved\"} 1"))
            #expect(lines.contains("vouch_findings_total{category=\"redact.email\"} 1"))
            #expect(lines.contains("vouch_checks_total 1"))
        }
    }

    @Test func openAPIIsServedAsTheRepositoryFile() async throws {
        let file = try Fixture.example("openapi.yaml")
        try await TestServer().test { client in
            let r = try await client.send(.get, "/openapi.yaml", token: nil)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(r.body == file)
        }
        // Every route is documented.
        for path in ["/v1/check:", "/v1/compose:", "/v1/incidents:", "/v1/incidents/{id}:", "/v1/incidents/{id}/messages:",
                     "/v1/incidents/{id}/audit:", "/healthz:", "/readyz:", "/metrics:", "/openapi.yaml:"] {
            #expect(file.contains("\n  \(path)\n"), "\(path) is not in openapi.yaml")
        }
    }

    @Test func reviewPageIsSelfContained() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.get, "/", token: nil)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/html; charset=utf-8")
            for id in ["id=\"draft\"", "id=\"audience\"", "id=\"incident\"", "id=\"facts\"", "id=\"findings\"", "id=\"compose-channel\"", "id=\"copy\""] {
                #expect(r.body.contains(id), "\(id) missing")
            }
            #expect(!r.body.contains("http://") && !r.body.contains("https://"), "the page must not load anything from elsewhere")
        }
    }

    @Test func nonLoopbackWithoutTokensIsRefused() throws {
        let refused = #expect(throws: VouchError.self) { try ServerConfiguration(host: "0.0.0.0").validate() }
        // A setting and a reason, which the CLI words as its flag.
        #expect(refused?.setting == VouchError.Setting(name: "host", value: "0.0.0.0"))
        #expect(refused?.reason == "refusing to listen on a non-loopback address without API tokens")
        try ServerConfiguration(host: "127.0.0.1").validate()
        try ServerConfiguration(host: "::1").validate()
        try ServerConfiguration(host: "0.0.0.0", tokens: Fixture.tokens).validate()
        #expect(!ServerConfiguration.isLoopback("127.0.0.1.example.com"))
        #expect(!ServerConfiguration.isLoopback("10.0.0.1"))
    }

    @Test func serveCommandRefusesNonLoopbackWithOneLine() throws {
        let r = try Binary.run(["serve", "--host", "0.0.0.0", "--port", "1"], environment: ["VOUCH_TOKENS": ""])
        #expect(r.status == 2)
        #expect(r.stderr == "vouch: error: --host 0.0.0.0: refusing to listen on a non-loopback address without API tokens (give --tokens FILE or VOUCH_TOKENS)\n")
    }

    @Test func tokenFilesAndEnvironment() throws {
        let table = try TokenTable.parse("""
            # comment
            editor-token-0001 editor alice
            reader-token-0001: reader

            """, source: "tokens.txt")
        #expect(table.count == 2)
        #expect(table.grant(for: "editor-token-0001") == TokenGrant(role: .editor, name: "alice"))
        #expect(table.grant(for: "reader-token-0001") == TokenGrant(role: .reader, name: "reader"))
        #expect(table.grant(for: "reader-token-000") == nil)
        let env = try TokenTable.load(file: nil, environment: ["VOUCH_TOKENS": "aaaaaaaa1:editor, bbbbbbbb2 reader"])
        #expect(env.grant(for: "aaaaaaaa1")?.role == .editor)
        #expect(env.grant(for: "bbbbbbbb2")?.role == .reader)
        #expect(throws: VouchError("tokens.txt:2: unknown role 'admin' (allowed: reader, editor)")) {
            try TokenTable.parse("\nsome-long-token admin\n", source: "tokens.txt")
        }
        #expect(throws: VouchError("tokens.txt:1: token is too short (at least 8 characters)")) {
            try TokenTable.parse("abc editor\n", source: "tokens.txt")
        }
    }
}
