import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCore
@testable import VouchServer

@Suite struct AccessAndErrorTests {
    func error(_ code: String, _ detail: String) -> String {
        "{\n  \"error\": \"\(code)\",\n  \"detail\": \"\(detail)\"\n}\n"
    }

    @Test func missingTokenIs401() async throws {
        try await TestServer().test { client in
            for (method, uri) in [(HTTPRequest.Method.post, "/v1/check"), (.post, "/v1/compose"), (.get, "/v1/incidents"),
                                  (.get, "/v1/incidents/INC-7"), (.put, "/v1/incidents/INC-7"), (.get, "/v1/incidents/INC-7/messages"),
                                  (.post, "/v1/incidents/INC-7/messages")] {
                let r = try await client.send(method, uri, token: nil, body: "{}")
                #expect(r.status == .unauthorized, "\(method) \(uri)")
                #expect(r.body == error("unauthorized", "missing API token: send 'Authorization: Bearer <token>'"))
                #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\\\"vouch\\\"".replacingOccurrences(of: "\\", with: ""))
            }
        }
    }

    @Test func wrongTokenIs401() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/check", token: "editor-token-0002", body: json(["text": "hi"]))
            #expect(r.status == .unauthorized)
            #expect(r.body == error("unauthorized", "the API token is not valid"))
            let basic = try await client.send(.get, "/v1/incidents", token: nil, headers: [.authorization: "Basic \(Fixture.editorToken)"])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test func readerMayReadButNotWrite() async throws {
        try await TestServer().test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", token: Fixture.editorToken, body: Fixture.facts).status == .created)
            let forbidden = error("forbidden", "this token has the role 'reader'; changing incidents and recording messages needs 'editor'")
            let put = try await client.send(.put, "/v1/incidents/INC-7", token: Fixture.readerToken, body: Fixture.facts + "eta: null\n")
            #expect(put.status == .forbidden)
            #expect(put.body == forbidden)
            let message = try await client.send(.post, "/v1/incidents/INC-7/messages", token: Fixture.readerToken,
                                                body: json(["channel": "email", "audience": "customer", "text": "hi", "sender": "bob"]))
            #expect(message.status == .forbidden)
            #expect(message.body == forbidden)
            #expect(try await client.send(.get, "/v1/incidents", token: Fixture.readerToken).status == .ok)
            #expect(try await client.send(.get, "/v1/incidents/INC-7", token: Fixture.readerToken).status == .ok)
            #expect(try await client.send(.get, "/v1/incidents/INC-7/messages", token: Fixture.readerToken).status == .ok)
            let check = try await client.send(.post, "/v1/check", token: Fixture.readerToken, body: json(["text": "hi", "incident": "INC-7"]))
            #expect(check.status == .ok, "\(check.body)")
            #expect(try await client.send(.post, "/v1/compose", token: Fixture.readerToken,
                                          body: json(["channel": "customer-reply", "facts": try Fixture.example("Examples/incident.yaml")])).status == .ok)
            // The reader's failed writes left nothing behind.
            let detail = try object(try await client.send(.get, "/v1/incidents/INC-7").body)
            #expect(detail["version"] as? Int == 1)
        }
    }

    @Test func publicRoutesNeedNoToken() async throws {
        try await TestServer().test { client in
            let health = try await client.send(.get, "/healthz", token: nil)
            #expect(health.status == .ok)
            #expect(health.body == "{\n  \"status\": \"ok\"\n}\n")
            #expect(try await client.send(.get, "/metrics", token: nil).status == .ok)
            #expect(try await client.send(.get, "/openapi.yaml", token: nil).status == .ok)
            #expect(try await client.send(.get, "/", token: nil).status == .ok)
        }
    }

    @Test func withoutTokensEveryCallerIsTheLocalEditor() async throws {
        try await TestServer(tokens: TokenTable()).test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", token: nil, body: Fixture.facts,
                                          headers: [.contentType: "application/yaml"]).status == .created)
            let detail = try object(try await client.send(.get, "/v1/incidents/INC-7", token: nil).body)
            let history = try #require(detail["history"] as? [[String: Any]])
            #expect(history.first?["author"] as? String == "local")
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await TestServer(maxBody: 64).test { client in
            let big = json(["text": String(repeating: "resolved ", count: 10)])
            #expect(big.utf8.count > 64)
            let r = try await client.send(.post, "/v1/check", body: big)
            #expect(r.status == .contentTooLarge)
            #expect(r.body == error("too_large", "the request body is larger than the limit of 64 bytes"))
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts).status == .contentTooLarge)
            #expect(try await client.send(.post, "/v1/check", body: json(["text": "fine"])).status == .ok)
        }
    }

    @Test func defaultLimitIsOneMebibyte() async throws {
        try await TestServer().test { client in
            let text = String(repeating: "a", count: (1 << 20) - 20)
            let under = try await client.send(.post, "/v1/check", body: json(["text": text]))
            #expect(under.status == .ok)
            let over = String(repeating: "a", count: 1 << 20)
            let overResponse = try await client.send(.post, "/v1/check", body: json(["text": over]))
            #expect(overResponse.status == .contentTooLarge)
        }
    }

    @Test(arguments: [
        ("", "the request body is empty; expected a JSON object with 'text', 'audience', 'facts', 'incident', 'channel', 'disable', 'allow', 'explain', 'path'"),
        ("[1]", "expected a JSON object, got an array"),
        ("{\"audience\": \"customer\"}", "text: required"),
        ("{\"text\": 3}", "text: expected a string, got a number"),
        ("{\"text\": \"x\", \"audience\": \"pubic\"}", "audience: unknown value 'pubic' (allowed: customer, public, internal)"),
        ("{\"text\": \"x\", \"fcts\": \"status: fixed\"}", "fcts: unknown field (allowed: text, audience, facts, incident, channel, disable, allow, explain, path)"),
        ("{\"text\": \"x\", \"facts\": \"a\", \"incident\": \"INC-7\"}", "give either 'facts' or 'incident', not both"),
        ("{\"text\": \"x\", \"facts\": 4}", "facts: expected the facts as YAML/JSON text or a JSON object, got a number"),
        ("{\"text\": \"x\", \"disable\": [1]}", "disable[0]: expected a string, got a number"),
    ])
    func malformedCheckRequestsAre400(body: String, detail: String) async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/check", body: body)
            #expect(r.status == .badRequest)
            #expect(r.body == error("bad_request", detail))
        }
    }

    @Test func brokenJSONIs400() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/check", body: "{\"text\": ")
            #expect(r.status == .badRequest)
            let body = try object(r.body)
            #expect(body["error"] as? String == "bad_request")
            #expect((body["detail"] as? String)?.hasPrefix("malformed JSON: ") == true)
        }
    }

    @Test func invalidFactsAre400WithFieldAndLine() async throws {
        try await TestServer().test { client in
            let text = try await client.send(.post, "/v1/check", body: json(["text": "x", "facts": "status: fixd\n"]))
            #expect(text.status == .badRequest)
            let want = try Self.loaderMessage("status: fixd\n")
            #expect(want.hasPrefix("facts:1:9: status"))
            #expect(text.body == error("invalid_facts", want))
            let typo = try await client.send(.put, "/v1/incidents/INC-7", body: "status: fixed\nverifed:\n  all_impacted: true\n")
            #expect(typo.status == .badRequest)
            let typoMessage = try Self.loaderMessage("status: fixed\nverifed:\n  all_impacted: true\n")
            #expect(typoMessage.contains("verifed"))
            #expect(typo.body == error("invalid_facts", typoMessage))
            // As a JSON object, the location (which would point into re-encoded text) is left out.
            let object = try await client.send(.post, "/v1/check", body: json(["text": "x", "facts": ["status": "fixd"]]))
            #expect(object.status == .badRequest)
            #expect(object.body.hasPrefix("{\n  \"error\": \"invalid_facts\",\n  \"detail\": \"facts: status: unknown value 'fixd'"))
            // An object is read as typed values: a JSON string "true" is not a boolean.
            let typed = try await client.send(.post, "/v1/check", body: json([
                "text": "x", "facts": ["status": "fixed", "verified": ["all_impacted": "true"]],
            ]))
            #expect(typed.status == .badRequest)
            #expect((try VouchServerTests.object(typed.body)["detail"] as? String)?.hasPrefix("facts: verified.all_impacted: expected true or false") == true, "\(typed.body)")
        }
    }

    @Test func settingErrorsNameTheFieldNotAFlag() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/compose", body: json([
                "channel": "handoff", "timezone": "Mars/Base", "facts": "status: investigating\n",
            ]))
            #expect(r.status == .badRequest)
            let detail = try #require(try object(r.body)["detail"] as? String)
            #expect(detail.hasPrefix("timezone Mars/Base: unknown time zone"), "\(detail)")
            #expect(!detail.contains("--"))
        }
    }

    static func loaderMessage(_ facts: String) throws -> String {
        do {
            _ = try FactsLoader.parse(facts, source: "facts")
            return "parsed"
        } catch let error as VouchError {
            return error.message.replacingOccurrences(of: "\"", with: "\\\"")
        }
    }

    @Test func unknownThingsAre404() async throws {
        try await TestServer().test { client in
            let none = error("not_found", "no incident 'INC-404'")
            #expect(try await client.send(.get, "/v1/incidents/INC-404").body == none)
            #expect(try await client.send(.get, "/v1/incidents/INC-404").status == .notFound)
            #expect(try await client.send(.get, "/v1/incidents/INC-404/messages").body == none)
            #expect(try await client.send(.post, "/v1/incidents/INC-404/messages",
                                          body: json(["channel": "email", "audience": "customer", "text": "hi", "sender": "a"])).body == none)
            #expect(try await client.send(.post, "/v1/check", body: json(["text": "x", "incident": "INC-404"])).body == none)
            #expect(try await client.send(.post, "/v1/compose", body: json(["channel": "handoff", "incident": "INC-404"])).body == none)
            let route = try await client.send(.get, "/v2/nothing", token: nil)
            #expect(route.status == .notFound)
            #expect(route.body == error("not_found", "no route for GET /v2/nothing"))
        }
    }

    @Test func badIncidentIdIs400() async throws {
        try await TestServer().test { client in
            let r = try await client.send(.put, "/v1/incidents/bad%20id", body: Fixture.facts)
            #expect(r.status == .badRequest)
            #expect(r.body == error("bad_request", "id: an incident id is 1 to 64 letters, digits, '-', '_' or '.'"))
        }
    }
}
