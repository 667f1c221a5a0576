import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VouchServer

/// Authorization is decided on the route the router matched, so no spelling
/// of a `/v1` path reaches a handler without a token.
@Suite struct PathSpellingTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/v1/check"), (.post, "/v1/compose"), (.get, "/v1/incidents"), (.get, "/v1/incidents/INC-7"),
        (.put, "/v1/incidents/INC-7"), (.get, "/v1/incidents/INC-7/messages"), (.post, "/v1/incidents/INC-7/messages"),
    ]

    /// Ways to write the same path that a router might normalize.
    static func spellings(_ path: String) -> [String] {
        let rest = String(path.dropFirst("/v1/".count))
        return [
            "/" + path,                                             // //v1/...
            path.replacingOccurrences(of: "/v1/", with: "/v1//"),   // /v1//...
            path.replacingOccurrences(of: "/v1/", with: "/./v1/"),  // /./v1/...
            path.replacingOccurrences(of: "/v1/", with: "/v1/./"),
            "/v2/../v1/" + rest,
            path.replacingOccurrences(of: "/v1/", with: "/v1%2F"),  // encoded slash
            path.replacingOccurrences(of: "/v1/", with: "/v1%2f"),
            path + "/",                                             // trailing slash
            path + "?x=1",
            path.uppercased() == path ? path : path.replacingOccurrences(of: "/v1/", with: "/V1/"),
        ]
    }

    @Test(arguments: routes)
    func everySpellingWithoutATokenIsRefused(method: HTTPRequest.Method, path: String) async throws {
        let server = try TestServer()
        try await server.test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            for spelling in Self.spellings(path) {
                let r = try await client.send(method, spelling, token: nil, body: "{}")
                #expect([.unauthorized, .badRequest, .notFound].contains(r.status), "\(method) \(spelling): \(r.status)")
                #expect(!r.body.contains("\"facts\"") && !r.body.contains("\"files\"") && !r.body.contains("\"messages\""),
                        "\(method) \(spelling) leaked data: \(r.body.prefix(120))")
            }
            // Nothing was written through any of them.
            let detail = try object(try await client.send(.get, "/v1/incidents/INC-7").body)
            #expect(detail["version"] as? Int == 1)
            let messages = try object(try await client.send(.get, "/v1/incidents/INC-7/messages").body)
            #expect((messages["messages"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func doubleSlashIsRefusedAsNonCanonical() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.get, "//v1/incidents", token: nil)
            #expect(r.status == .badRequest)
            #expect(r.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"the path is not in canonical form: an empty segment ('//')\"\n}\n")
            let encoded = try await client.send(.get, "/v1%2Fincidents", token: Fixture.readerToken)
            #expect(encoded.status == .badRequest)
            #expect(encoded.body.contains("an encoded '/' (%2F)"))
            let dot = try await client.send(.get, "/v1/./incidents", token: Fixture.readerToken)
            #expect(dot.body.contains("a dot segment ('/./')"))
        }
    }

    /// The trailing slash routes to the same handler; the token check is
    /// that handler's, so it applies.
    @Test func trailingSlashIsTheSameRouteWithTheSameCheck() async throws {
        try await TestServer().test { client in
            let anonymous = try await client.send(.get, "/v1/incidents/", token: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try await client.send(.get, "/v1/incidents/", token: Fixture.readerToken).status == .ok)
            #expect(try await client.send(.post, "/v1/check/", token: Fixture.readerToken, body: json(["text": "hi"])).status == .ok)
        }
    }

    @Test func publicRoutesStayPublicAndV1StaysProtected() async throws {
        try await TestServer().test { client in
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.yaml", "/"] {
                let r = try await client.send(.get, path, token: nil)
                #expect(r.status == .ok, "\(path)")
            }
            #expect(try await client.send(.get, "/v1", token: nil).status == .notFound)
            #expect(try await client.send(.get, "/v1/nothing", token: nil).status == .notFound)
        }
    }
}
