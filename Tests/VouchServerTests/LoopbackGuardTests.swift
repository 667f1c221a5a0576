import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VouchServer

/// A server without tokens answers only loopback names, and changes nothing
/// for a request a foreign web page could send.
let hostHeader = HTTPField.Name("Host")!

@Suite struct LoopbackGuardTests {
    func server() throws -> TestServer { try TestServer(tokens: TokenTable()) }

    static let message = json(["channel": "email", "audience": "customer", "text": "We are investigating.", "sender": "dana"])

    @Test func dnsRebindingHostIsRefused() async throws {
        try await server().test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", token: nil, body: Fixture.facts,
                                          headers: [.contentType: "application/yaml", hostHeader: "localhost:8080"]).status == .created)
            let put = try await client.send(.put, "/v1/incidents/INC-7", token: nil, body: Fixture.facts + "eta: null\n",
                                            headers: [.contentType: "application/yaml", hostHeader: "attacker.example"])
            #expect(put.status == .forbidden)
            #expect(put.body == "{\n  \"error\": \"forbidden_host\",\n  \"detail\": \"Host 'attacker.example' is not a loopback name; without API tokens this server answers only requests to localhost, 127.0.0.1 or [::1]\"\n}\n")
            let read = try await client.send(.get, "/v1/incidents/INC-7", token: nil, headers: [hostHeader: "attacker.example:8080"])
            #expect(read.status == .forbidden)
            #expect(!read.body.contains("Billing"))
            // The facts did not change.
            let detail = try object(try await client.send(.get, "/v1/incidents/INC-7", token: nil, headers: [hostHeader: "127.0.0.1:8080"]).body)
            #expect(detail["version"] as? Int == 1)
            for host in ["localhost", "LOCALHOST:1", "127.0.0.1", "127.1.2.3:9", "[::1]:8080"] {
                #expect(try await client.send(.get, "/v1/incidents", token: nil, headers: [hostHeader: host]).status == .ok, "\(host)")
            }
            for host in ["127.0.0.1.nip.io", "localhost.attacker.example", "10.0.0.1", "[::2]"] {
                #expect(try await client.send(.get, "/v1/incidents", token: nil, headers: [hostHeader: host]).status == .forbidden, "\(host)")
            }
        }
    }

    @Test func crossSiteTextPlainPostRecordsNothing() async throws {
        try await server().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", token: nil, body: Fixture.facts, headers: [.contentType: "application/yaml"])
            let forged = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: Self.message,
                                               headers: [.contentType: "text/plain", .origin: "https://attacker.example", hostHeader: "localhost:8080"])
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("\"forbidden_origin\""))
            // Even with the right content type, a foreign origin is refused.
            let json = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: Self.message,
                                             headers: [.contentType: "application/json", .origin: "http://localhost:3000", hostHeader: "localhost:8080"])
            #expect(json.status == .forbidden)
            // Without an origin, a text/plain body is refused for its type.
            let plain = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: Self.message,
                                              headers: [.contentType: "text/plain"])
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.body == "{\n  \"error\": \"unsupported_media_type\",\n  \"detail\": \"Content-Type 'text/plain': send application/json (facts may also be application/yaml)\"\n}\n")
            let form = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: "a=b",
                                             headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            let fetchSite = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: Self.message,
                                                  headers: [.contentType: "application/json", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(fetchSite.status == .forbidden)
            let list = try object(try await client.send(.get, "/v1/incidents/INC-7/messages", token: nil).body)
            #expect((list["messages"] as? [Any])?.isEmpty == true)
            // The review page's own requests: same origin, JSON.
            let own = try await client.send(.post, "/v1/incidents/INC-7/messages", token: nil, body: Self.message,
                                            headers: [.contentType: "application/json; charset=utf-8", .origin: "http://localhost:8080", hostHeader: "localhost:8080"])
            #expect(own.status == .created)
        }
    }

    @Test func withTokensNoneOfThisApplies() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/check", body: json(["text": "hi"]),
                                          headers: [.contentType: "text/plain", .origin: "https://tool.example", hostHeader: "vouch.example"])
            #expect(r.status == .ok)
        }
    }
}
