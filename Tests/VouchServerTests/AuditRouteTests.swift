import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VouchCore
@testable import VouchServer

/// The audit over the store: recorded messages keep the facts version and
/// the findings of their check, `GET .../audit` re-reads them against the
/// current facts, and a pre-send check sees what was already sent.
@Suite struct AuditRouteTests {
    static func facts(status: String, kind: String, nextUpdate: Date? = nil) -> String {
        "id: INC-7\nstatus: \(status)\nkind: \(kind)\n" + (nextUpdate.map { "next_update_at: \(Timestamp.iso8601($0))\n" } ?? "")
    }

    /// "HH:MM" in UTC, a few minutes ahead, so the promise is due after it
    /// was sent and before the audit.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }

    @discardableResult
    static func record(_ client: some TestClientProtocol, channel: String, recipient: String? = nil, audience: String, _ text: String) async throws -> [String: Any] {
        var body: [String: Any] = ["channel": channel, "audience": audience, "text": text, "sender": "dana"]
        if let recipient { body["recipient"] = recipient }
        let r = try await client.send(.post, "/v1/incidents/INC-7/messages", body: json(body))
        #expect(r.status == .created, "\(r.body)")
        return try object(r.body)
    }

    @Test func recordingKeepsTheVersionTheRecipientAndTheFindings() async throws {
        try await TestServer().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Self.facts(status: "investigating", kind: "permissions"))
            let sent = try await Self.record(client, channel: "status-page", audience: "public", "Reports: all systems operational.")
            #expect(sent["facts_version"] as? Int == 1)
            #expect(sent["recipient"] == nil)
            let findings = try #require(sent["findings"] as? [[String: Any]])
            #expect(findings.map { $0["rule"] as? String } == ["claim.resolved"])
            #expect(findings.first?["range"] as? [String: Int] == ["start": 9, "end": 32])
            let reply = try await Self.record(client, channel: "customer-reply", recipient: "acme", audience: "customer", "We are investigating.")
            #expect(reply["recipient"] as? String == "acme")
            #expect((reply["findings"] as? [Any])?.isEmpty == true)
            let list = try object(try await client.send(.get, "/v1/incidents/INC-7/messages").body)
            let messages = try #require(list["messages"] as? [[String: Any]])
            #expect(messages.map { ($0["findings"] as? [Any])?.count } == [0, 1])
            #expect(messages.map { $0["recipient"] as? String } == ["acme", nil])
        }
    }

    /// The escalation, through the API: a reply under v1 that v2
    /// contradicts, a status post that tells another story, promises past due.
    @Test func theEscalationThroughTheAPI() async throws {
        try await TestServer().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Self.facts(status: "investigating", kind: "permissions"))
            // Times from the moment of sending (a loaded machine may take minutes to get here).
            let promised = Self.clock(Date().addingTimeInterval(600))
            let reply = "Hello Priya, we are investigating a permissions issue. We will update you by \(promised) UTC."
            try await Self.record(client, channel: "customer-reply", recipient: "acme", audience: "customer", reply)
            try await Self.record(client, channel: "status-page", audience: "public", "Reports: all systems operational.")
            try await Self.record(client, channel: "email", recipient: "acme", audience: "customer", "I promise this will never happen again.")
            let nextUpdate = Date().addingTimeInterval(900)
            try await client.send(.put, "/v1/incidents/INC-7", body: Self.facts(status: "identified", kind: "regression", nextUpdate: nextUpdate))
            let audited = Timestamp.iso8601(Date().addingTimeInterval(3 * 3600))

            let r = try await client.send(.get, "/v1/incidents/INC-7/audit?now=\(audited)", token: Fixture.readerToken)
            #expect(r.status == .ok, "\(r.body)")
            let report = try object(r.body)
            #expect(report["incident"] as? String == "INC-7" && report["facts_version"] as? Int == 2)
            let messages = try #require(report["messages"] as? [[String: Any]])
            #expect(messages.count == 3)
            let findings = messages.map { ($0["findings"] as? [[String: Any]] ?? []).map { $0["rule"] as? String } }
            #expect(findings == [["stale.contradicted"], ["consistency.conflict"], []])
            let stale = try #require((messages[0]["findings"] as? [[String: Any]])?.first)
            #expect(stale["match"] as? String == "permissions issue" && stale["from"] as? String == "permissions" && stale["to"] as? String == "regression")
            let range = try #require(stale["range"] as? [String: Int])
            #expect(String(decoding: Array(reply.utf8)[range["start"]!..<range["end"]!], as: UTF8.self) == "permissions issue")
            #expect((stale["message"] as? String)?.contains("send acme a correction") == true)
            let promises = try #require(report["promises"] as? [[String: Any]])
            #expect(promises.count == 2)
            #expect(promises[0]["match"] as? String == "update you by \(promised) UTC")
            #expect(promises[1]["message_id"] == nil && promises[1]["due"] as? String == Timestamp.iso8601(nextUpdate))
        }
    }

    @Test func aPreSendCheckSeesWhatWasAlreadySent() async throws {
        try await TestServer().test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Self.facts(status: "mitigated", kind: "regression"))
            try await Self.record(client, channel: "status-page", audience: "public", "A fix has been deployed and we are monitoring the results.")
            func rules(_ body: [String: Any]) async throws -> [String?] {
                let report = try object(try await client.send(.post, "/v1/check", body: json(body)).body)
                let files = try #require(report["files"] as? [[String: Any]])
                return (files[0]["findings"] as? [[String: Any]] ?? []).map { $0["rule"] as? String }
            }
            // Allowed by the facts, and still a different story from the status page's.
            let draft = "We are still investigating the cause."
            #expect(try await rules(["text": draft, "incident": "INC-7", "channel": "customer-reply"]) == ["consistency.conflict"])
            #expect(try await rules(["text": draft, "incident": "INC-7", "disable": ["consistency.conflict"]]).isEmpty)
            // The same channel is not compared with itself; pasted facts have no log.
            #expect(try await rules(["text": draft, "incident": "INC-7", "channel": "status-page"]).isEmpty)
            #expect(try await rules(["text": draft, "facts": Self.facts(status: "mitigated", kind: "regression")]).isEmpty)
            // "Resolved" and "monitoring" can both be true: only the claim rule speaks.
            #expect(try await rules(["text": "The issue is resolved.", "incident": "INC-7"]) == ["claim.resolved"])
        }
    }

    @Test func badAuditRequests() async throws {
        try await TestServer().test { client in
            #expect(try await client.send(.get, "/v1/incidents/INC-404/audit").status == .notFound)
            try await client.send(.put, "/v1/incidents/INC-7", body: Self.facts(status: "investigating", kind: "bug"))
            let bad = try await client.send(.get, "/v1/incidents/INC-7/audit?now=noon")
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("now: 'noon' is not an ISO 8601 time"))
            let empty = try object(try await client.send(.get, "/v1/incidents/INC-7/audit").body)
            #expect((empty["messages"] as? [Any])?.isEmpty == true && (empty["promises"] as? [Any])?.isEmpty == true)
        }
    }
}
