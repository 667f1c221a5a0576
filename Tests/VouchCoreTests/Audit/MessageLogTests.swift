import Foundation
import Testing
@testable import VouchCore

/// The message log file: JSON Lines whose every error names the line and
/// the field.
@Suite struct MessageLogTests {
    static func line(_ fields: String) -> String {
        #"{"id": "1", "channel": "customer-reply", "sent_at": "2026-11-22T09:05:00Z", "text": "hi"\#(fields)}"#
    }

    static func error(_ text: String) -> String? {
        do {
            _ = try MessageLog.parse(text, source: "sent.jsonl")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryFieldAndSkipsBlankLines() throws {
        let text = "\n" + Self.line(#", "audience": "internal", "recipient": "acme", "sender": "maria", "facts_version": 3, "facts": {"status": "identified", "kind": "bug"}"#)
            + "\n\n" + #"{"id": 2, "channel": "status-page", "sent_at": "2026-11-22T11:00:00+01:00", "text": "Investigating."}"# + "\n"
        let log = try MessageLog.parse(text, source: "sent.jsonl")
        #expect(log.count == 2)
        #expect(log[0].audience == .internal && log[0].recipient == "acme" && log[0].sender == "maria" && log[0].factsVersion == 3)
        #expect(log[0].facts?.status == "identified" && log[0].facts?.kinds == ["bug"])
        #expect(log[1].id == "2" && log[1].audience == .public && log[1].facts == nil)
        #expect(log[1].sentAt == Timestamp.parse("2026-11-22T10:00:00Z"))
    }

    @Test(arguments: [
        ("customer-reply", Audience.customer), ("status-page", .public), ("handoff", .internal),
        ("support-brief", .internal), ("email", .customer),
    ])
    func theAudienceDefaultsFromTheChannel(channel: String, audience: Audience) {
        #expect(LoggedMessage.audience(of: channel) == audience)
    }

    @Test(arguments: [
        (line(#", "audience": "everyone""#), "sent.jsonl:1: audience: unknown value 'everyone' (allowed: customer, public, internal)"),
        (line(#", "sent_by": "x""#), "sent.jsonl:1: sent_by: unknown field (allowed: id, channel, audience, recipient, sender, sent_at, facts_version, facts, text)"),
        (#"{"id": "1", "channel": "x", "text": "hi"}"#, "sent.jsonl:1: sent_at: required"),
        (#"{"id": "1", "channel": "x", "sent_at": "22 Nov", "text": "hi"}"#, "sent.jsonl:1: sent_at: '22 Nov' is not an ISO 8601 time (2026-11-22T10:04:00Z)"),
        (#"{"id": "1", "channel": "x", "sent_at": "2026-11-22T09:05:00Z", "text": 7}"#, "sent.jsonl:1: text: expected a string, got a number"),
        (line(#", "facts": "status: fixed""#), "sent.jsonl:1: facts: expected a mapping of facts, got a string"),
        (line(#", "facts": {"status": "fixd"}"#), "sent.jsonl:1: facts: status: unknown value 'fixd' (allowed: investigating, identified, mitigated, fixed)"),
        (line(#", "facts_version": "3""#), "sent.jsonl:1: facts_version: expected a whole number, got a string"),
        (#"{"id": "1", "channel": "x",}"#, "sent.jsonl:1:28: malformed JSON: expected a field name in double quotes"),
        (line("") + "\n" + line(""), "sent.jsonl:2: id: '1' is already the id of the message on line 1"),
        (line("") + "\n" + #"{"id": "2", "channel": "x", "sent_at": "2026-11-22T08:00:00Z", "text": "hi"}"#,
         "sent.jsonl:2: sent_at: 2026-11-22T08:00:00Z is before the previous message's 2026-11-22T09:05:00Z; the log is in the order sent"),
    ])
    func errorsNameTheLineAndTheField(text: String, expected: String) {
        #expect(Self.error(text) == expected)
    }
}
