import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VouchServer
import VouchCore

/// Request bodies are read by a strict JSON reader: duplicate fields are
/// refused and errors speak JSON, not Swift.
@Suite struct RequestDecodingTests {
    @Test(arguments: [
        ("{\"text\": \"a\", \"text\": \"b\"}", "malformed JSON: line 1, column 15: duplicate field 'text'"),
        ("{\"text\": ", "malformed JSON: line 1, column 10: unexpected end of the body; expected a value"),
        ("{\"text\": \"x\",}", "malformed JSON: line 1, column 14: expected a field name in double quotes"),
        ("{\"text\": \"x\"} x", "malformed JSON: line 1, column 15: unexpected text after the JSON value"),
        ("{\n  \"text\": 'x'\n}", "malformed JSON: line 2, column 11: expected a value (an object, array, string, number, true, false or null)"),
        ("{\"text\": \"a\\qb\"}", "malformed JSON: line 1, column 12: invalid escape '\\\\q' in a string"),
        ("{\"text\": \"\\ud800\"}", "malformed JSON: line 1, column 17: a \\\\u escape of a high surrogate must be followed by its low surrogate"),
        ("{\"text\": 01}", "malformed JSON: line 1, column 11: a number must not start with 0"),
        ("{\"text\": \"a\nb\"}", "malformed JSON: line 1, column 12: a control character must be escaped in a string (\\\\n, \\\\t, \\\\u0000)"),
    ])
    func malformedJSONSaysWhatAndWhere(body: String, detail: String) async throws {
        try await TestServer().test { client in
            let r = try await client.send(.post, "/v1/check", body: body)
            #expect(r.status == .badRequest)
            #expect(r.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"\(detail)\"\n}\n")
            #expect(!r.body.contains("Swift") && !r.body.contains("Dictionary") && !r.body.contains("DecodingError"))
        }
    }

    @Test func deepNestingIsRefused() async throws {
        try await TestServer().test { client in
            let deep = "{\"text\": \"x\", \"facts\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
            let r = try await client.send(.post, "/v1/check", body: deep)
            #expect(r.status == .badRequest)
            #expect(r.body.contains("nesting deeper than the limit of 64 levels"))
        }
    }

    /// Reading is linear in the body: 100,000 fields in one object (where
    /// a position computed per field from the start would be quadratic).
    @Test(.timeLimit(.minutes(1)))
    func manyFieldsAreReadInOnePass() throws {
        let body = "{" + (0..<100_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        guard case .object(let fields) = try JSONParser.parse(Array(body.utf8)) else { Issue.record("not an object"); return }
        #expect(fields.count == 100_000)
        #expect(fields["k99999"] == .int(99_999))
        let duplicate = "{" + (0..<50_000).map { "\"k\($0)\": 1" }.joined(separator: ", ") + ", \"k7\": 2}"
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(duplicate.utf8)) }
    }

    @Test func parserReadsWhatJSONAllows() throws {
        let value = try JSONParser.parse(Array("""
            \u{FEFF} {"a": [1, -2.5e3, true, false, null, "\\u00e9\\ud83d\\ude00\\n\\"\\/"], "b": {}, "c": [], "d": 0.1}
            """.utf8))
        #expect(value == .object([
            "a": .array([.int(1), .double(-2500), .bool(true), .bool(false), .null, .string("é😀\n\"/")]),
            "b": .object([:]), "c": .array([]), "d": .double(0.1),
        ]))
        #expect(try JSONParser.parse(Array("123456789012345678901234567890".utf8)) == .double(123456789012345678901234567890))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("1e999".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{\"a\":1".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("\"\\u12\"".utf8)) }
    }

    @Test func controlCharactersInLabelsAreRefusedSoLogsCannotBeForged() async throws {
        let logs = LogRecorder()
        try await TestServer(logs: logs).test { client in
            try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts)
            for channel in ["email\nlevel=error forged", "email\r", "e\u{1B}[31m", "a\u{2028}b"] {
                let r = try await client.send(.post, "/v1/incidents/INC-7/messages",
                                              body: json(["channel": channel, "audience": "customer", "text": "hi", "sender": "dana"]))
                #expect(r.status == .badRequest)
                #expect(r.body == "{\n  \"error\": \"bad_request\",\n  \"detail\": \"channel: must not contain control characters or line breaks\"\n}\n")
            }
            let sender = try await client.send(.post, "/v1/incidents/INC-7/messages",
                                               body: json(["channel": "email", "audience": "customer", "text": "hi", "sender": "dana\nx"]))
            #expect(sender.body.contains("sender: must not contain control characters"))
        }
        #expect(!logs.recorded.contains { $0.contains("forged") })
    }
}
