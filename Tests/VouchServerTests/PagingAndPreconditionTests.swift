import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VouchServer

@Suite struct PagingAndPreconditionTests {
    func facts(_ n: Int) -> String { Fixture.facts + "impact:\n  failed_jobs: \(n)\n" }

    @Test func putAnswersWithItsVersionNotTheHistory() async throws {
        try await TestServer().test { client in
            for n in 1...30 { try await client.send(.put, "/v1/incidents/INC-7", body: facts(n)) }
            let r = try await client.send(.put, "/v1/incidents/INC-7", body: facts(31))
            #expect(r.status == .ok)
            let body = try object(r.body)
            #expect(body["history"] == nil)
            #expect(body["version"] as? Int == 31)
            #expect(body["author"] as? String == "alice")
            #expect(body["facts"] as? String == facts(31))
            #expect(body["changes"] as? [[String: String]] == [["path": "impact.failed_jobs", "from": "30", "to": "31"]])
            #expect(r.headers[.eTag] == "\"31\"")
            #expect(r.body.utf8.count < 1500)
        }
    }

    @Test func historyIsPagedNewestFirst() async throws {
        try await TestServer().test { client in
            for n in 1...7 { try await client.send(.put, "/v1/incidents/INC-7", body: facts(n)) }
            let first = try object(try await client.send(.get, "/v1/incidents/INC-7?limit=3").body)
            #expect((first["history"] as? [[String: Any]])?.map { $0["version"] as? Int } == [7, 6, 5])
            #expect(first["next_before"] as? Int == 5)
            let second = try object(try await client.send(.get, "/v1/incidents/INC-7?limit=3&before=5").body)
            #expect((second["history"] as? [[String: Any]])?.map { $0["version"] as? Int } == [4, 3, 2])
            #expect(second["next_before"] as? Int == 2)
            let last = try object(try await client.send(.get, "/v1/incidents/INC-7?limit=3&before=2").body)
            #expect((last["history"] as? [[String: Any]])?.map { $0["version"] as? Int } == [1])
            #expect(last["next_before"] is NSNull)
            // The default page is 50.
            for n in 8...60 { try await client.send(.put, "/v1/incidents/INC-7", body: facts(n)) }
            let page = try object(try await client.send(.get, "/v1/incidents/INC-7").body)
            #expect((page["history"] as? [Any])?.count == 50)
            #expect(page["next_before"] as? Int == 11)
            for bad in ["limit=0", "limit=501", "limit=x", "before=0", "before=-3"] {
                let r = try await client.send(.get, "/v1/incidents/INC-7?\(bad)")
                #expect(r.status == .badRequest, "\(bad)")
            }
            #expect(try await client.send(.get, "/v1/incidents/INC-7?limit=501").body
                    == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"limit: '501' is not a whole number from 1 to 500\"\n}\n")
        }
    }

    @Test func messagesArePagedNewestFirst() async throws {
        try await TestServer().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            for n in 1...5 {
                try await client.send(.post, "/v1/incidents/INC-7/messages",
                                      body: json(["channel": "email", "audience": "customer", "text": "Update \(n).", "sender": "dana"]))
            }
            let first = try object(try await client.send(.get, "/v1/incidents/INC-7/messages?limit=2").body)
            #expect((first["messages"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Update 5.", "Update 4."])
            let before = try #require(first["next_before"] as? Int)
            let second = try object(try await client.send(.get, "/v1/incidents/INC-7/messages?limit=2&before=\(before)").body)
            #expect((second["messages"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Update 3.", "Update 2."])
            let all = try object(try await client.send(.get, "/v1/incidents/INC-7/messages").body)
            #expect((all["messages"] as? [Any])?.count == 5)
            #expect(all["next_before"] is NSNull)
        }
    }

    @Test func ifMatchStarListsAndWeakTags() async throws {
        try await TestServer().test { client in
            // "*" needs the incident to exist.
            let none = try await client.send(.put, "/v1/incidents/INC-7", body: facts(1), headers: [.ifMatch: "*"])
            #expect(none.status == .preconditionFailed)
            #expect(none.body == "{\n  \"error\": \"precondition_failed\",\n  \"detail\": \"If-Match: * but the incident does not exist yet\"\n}\n")
            // If-None-Match: * creates only.
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: facts(1), headers: [.ifNoneMatch: "*"]).status == .created)
            let again = try await client.send(.put, "/v1/incidents/INC-7", body: facts(2), headers: [.ifNoneMatch: "*"])
            #expect(again.status == .preconditionFailed)
            #expect(again.body.contains("the incident exists (version 1)"))
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: facts(2), headers: [.ifMatch: "*"]).status == .ok)
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: facts(3), headers: [.ifMatch: "\"1\", \"2\""]).status == .ok)
            let weak = try await client.send(.put, "/v1/incidents/INC-7", body: facts(4), headers: [.ifMatch: "W/\"3\""])
            #expect(weak.status == .preconditionFailed)
            #expect(weak.body.contains("a weak tag W/\\\"N\\\" never matches"))
            let get = try await client.send(.get, "/v1/incidents/INC-7")
            #expect(get.headers[.eTag] == "\"3\"")
            #expect(try object(get.body)["version"] as? Int == 3)
        }
    }
}
