import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCompose
import VouchCore
import VouchDefaultPack
@testable import VouchServer

@Suite struct IncidentRouteTests {
    @Test func putVersionsAndHistory() async throws {
        try await TestServer().test { client in
            let first = try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            #expect(first.status == .created)
            let created = try object(first.body)
            #expect(created["version"] as? Int == 1)
            #expect(created["facts"] as? String == Fixture.facts)

            let updated = Fixture.facts.replacingOccurrences(of: "status: identified", with: "status: mitigated")
                .replacingOccurrences(of: "kind: regression", with: "kind: [regression, outage]")
            let second = try await client.send(.put, "/v1/incidents/INC-7", token: Fixture.editorToken, body: updated,
                                               headers: [.ifMatch: "\"1\""])
            #expect(second.status == .ok)

            let detail = try await client.send(.get, "/v1/incidents/INC-7", token: Fixture.readerToken)
            #expect(detail.status == .ok)
            let body = try object(detail.body)
            #expect(body["id"] as? String == "INC-7")
            #expect(body["version"] as? Int == 2)
            #expect(body["status"] as? String == "mitigated")
            #expect(body["title"] as? String == "Billing page blank for workspace admins")
            #expect(body["facts"] as? String == updated)
            // Newest first.
            let history = try #require(body["history"] as? [[String: Any]])
            #expect(history.map { $0["version"] as? Int } == [2, 1])
            #expect(history.map { $0["author"] as? String } == ["alice", "alice"])
            #expect(body["next_before"] is NSNull)
            let created1 = try #require(history[1]["changes"] as? [[String: Any]])
            #expect(created1.map { $0["path"] as? String } == ["cause.confirmed", "id", "kind", "next_update_at", "status", "title", "verified.all_impacted"])
            #expect(created1.allSatisfy { $0["from"] is NSNull })
            let changes = try #require(history[0]["changes"] as? [[String: String]])
            #expect(changes == [["path": "kind", "from": "[regression]", "to": "[regression, outage]"],
                                ["path": "status", "from": "identified", "to": "mitigated"]])
            #expect(history[0]["created_at"] is String)
            #expect(detail.headers[.eTag] == "\"2\"")

            // The first version is still there, unchanged.
            let v1 = try object(try await client.send(.get, "/v1/incidents/INC-7?version=1").body)
            #expect(v1["facts"] as? String == Fixture.facts)
            #expect(v1["version"] as? Int == 1)
            #expect(v1["current_version"] as? Int == 2)
            #expect(try await client.send(.get, "/v1/incidents/INC-7?version=3").status == .notFound)
        }
    }

    @Test func identicalPutAddsNoVersion() async throws {
        try await TestServer().test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts).status == .created)
            let again = try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            #expect(again.status == .ok)
            #expect(try object(again.body)["version"] as? Int == 1)
        }
    }

    @Test func staleIfMatchIs412AndIdMismatchIs400() async throws {
        try await TestServer().test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts).status == .created)
            let stale = try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts + "eta: null\n", headers: [.ifMatch: "\"0\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.body == "{\n  \"error\": \"precondition_failed\",\n  \"detail\": \"If-Match: \\\"0\\\" but the current version is 1\"\n}\n")
            let mismatch = try await client.send(.put, "/v1/incidents/INC-8", body: Fixture.facts)
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.body == "{\n  \"error\": \"invalid_facts\",\n  \"detail\": \"facts: id 'INC-7' does not match the incident 'INC-8' in the URL\"\n}\n")
        }
    }

    @Test func listsIncidents() async throws {
        try await TestServer().test { client in
            #expect(try object(try await client.send(.get, "/v1/incidents").body)["incidents"] as? [Any] != nil)
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            try await client.send(.put, "/v1/incidents/INC-3", body: "status: investigating\ntitle: Webhooks delayed\n")
            let list = try #require(try object(try await client.send(.get, "/v1/incidents", token: Fixture.readerToken).body)["incidents"] as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == ["INC-3", "INC-7"])
            #expect(list.map { $0["status"] as? String } == ["investigating", "identified"])
            #expect(list.map { $0["version"] as? Int } == [1, 1])
            #expect(list.map { $0["updated_by"] as? String } == ["alice", "alice"])
        }
    }

    @Test func messagesAreRecordedAndListed() async throws {
        try await TestServer().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            let sent = try await client.send(.post, "/v1/incidents/INC-7/messages",
                                             body: json(["channel": "email", "audience": "customer", "text": "We are investigating.", "sender": "dana"]))
            #expect(sent.status == .created)
            let message = try object(sent.body)
            #expect(message["id"] as? Int == 1)
            #expect(message["facts_version"] as? Int == 1)
            #expect(message["text"] as? String == "We are investigating.")
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts + "eta: 2026-11-22T18:00:00Z\n")
            try await client.send(.post, "/v1/incidents/INC-7/messages",
                                  body: json(["channel": "status-page", "audience": "public", "text": "Update.", "sender": "sam"]))
            let list = try #require(try object(try await client.send(.get, "/v1/incidents/INC-7/messages", token: Fixture.readerToken).body)["messages"] as? [[String: Any]])
            // Newest first.
            #expect(list.map { $0["channel"] as? String } == ["status-page", "email"])
            #expect(list.map { $0["sender"] as? String } == ["sam", "dana"])
            #expect(list.map { $0["facts_version"] as? Int } == [2, 1])

            let bad = try await client.send(.post, "/v1/incidents/INC-7/messages",
                                            body: json(["channel": "email", "audience": "everyone", "text": "x", "sender": "a"]))
            #expect(bad.status == .badRequest)
            #expect(bad.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"audience: unknown value 'everyone' (allowed: customer, public, internal)\"\n}\n")
            let empty = try await client.send(.post, "/v1/incidents/INC-7/messages",
                                              body: json(["channel": "email", "audience": "customer", "text": "  ", "sender": "a"]))
            #expect(empty.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"text: must not be empty\"\n}\n")
        }
    }

    @Test func composeFillsTheTemplateLikeTheCLI() async throws {
        let server = try TestServer()
        let facts = try Fixture.example("Examples/incident.yaml")
        let composer = Composer(templates: try TemplateSet(files: DefaultPack.files(in: "Templates")),
                                pack: try RulePack(files: DefaultPack.files(in: "Rules")))
        let want = try composer.compose(try FactsLoader.parse(facts, source: "facts"), channel: .customerReply)
        try await server.test { client in
            let r = try await client.send(.post, "/v1/compose", token: Fixture.readerToken, body: json(["channel": "customer-reply", "facts": facts]))
            #expect(r.status == .ok)
            let body = try object(r.body)
            #expect(body["output"] as? String == want.output)
            #expect(body["text"] as? String == want.text)
            #expect(body["state"] as? String == "identified")
            #expect(body["template"] as? String == want.templatePath)

            let fixed = try await client.send(.post, "/v1/compose", body: json(["channel": "status-page", "state": "fixed", "facts": facts]))
            #expect(fixed.status == .unprocessableContent)
            #expect(try object(fixed.body)["error"] as? String == "cannot_compose")
            let missing = try await client.send(.post, "/v1/compose", body: json(["channel": "status-page"]))
            #expect(missing.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"facts: required (or give 'incident')\"\n}\n")
            let channel = try await client.send(.post, "/v1/compose", body: json(["channel": "fax", "facts": facts]))
            #expect(channel.body.hasPrefix("{\n  \"error\": \"bad_request\",\n  \"detail\": \"channel: unknown value 'fax' (allowed: customer-reply, "))
        }
    }
}
