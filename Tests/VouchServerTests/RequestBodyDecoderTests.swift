import Foundation
import Testing
@testable import VouchServer
import VouchCore

/// Request types are plain `Decodable` structs read by the strict reader:
/// their coding keys are the fields allowed, nothing is coerced, and every
/// error names the field as the caller wrote it.
@Suite struct RequestBodyDecoderTests {
    struct Order: APIRequest, Equatable {
        enum Field: String, CodingKey, CaseIterable { case name, lines, rush }
        struct Line: Decodable, Equatable { let sku: String; let count: Int }
        let name: String
        let lines: [Line]
        let rush: Bool?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Field.self)
            name = try c.decode(String.self, forKey: .name)
            lines = try c.decode([Line].self, forKey: .lines)
            rush = try c.decodeIfPresent(Bool.self, forKey: .rush)
        }
    }

    /// The 400's detail for `body`; nil when it decodes.
    func detail<T: Decodable>(_ body: String, as target: T.Type = Order.self) -> String? {
        do {
            _ = try RequestBodyDecoder.decode(target, from: Array(body.utf8))
            return nil
        } catch let error as APIError {
            return error.detail
        } catch {
            return "\(type(of: error))"
        }
    }

    @Test func theFieldsAreTheCodingKeys() {
        #expect(Order.fields == ["name", "lines", "rush"])
        #expect(CheckRequest.fields == ["text", "audience", "facts", "incident", "channel", "disable", "allow", "explain", "path"])
        #expect(ComposeRequest.fields == ["channel", "state", "format", "timezone", "facts", "incident"])
        #expect(MessageRequest.fields == ["channel", "audience", "recipient", "text", "sender"])
    }

    @Test func aGoodBodyDecodesAndNullIsAbsent() throws {
        let order = try RequestBodyDecoder.decode(Order.self, from: Array(#"{"name": "a", "lines": [{"sku": "x", "count": 2}], "rush": null}"#.utf8))
        #expect(order.name == "a" && order.lines == [Order.Line(sku: "x", count: 2)] && order.rush == nil)
    }

    @Test(arguments: [
        (#"{"name": "a", "lines": [], "Rush": true}"#, "Rush: unknown field (allowed: name, lines, rush)"),
        (#"{"lines": []}"#, "name: required"),
        (#"{"name": null, "lines": []}"#, "name: required"),
        (#"{"name": "a", "lines": [{"sku": "x", "count": 1}, {"sku": "y"}]}"#, "lines[1].count: required"),
        (#"{"name": "a", "lines": [{"sku": "x", "count": "1"}]}"#, "lines[0].count: expected a whole number, got a string"),
        (#"{"name": "a", "lines": [{"sku": "x", "count": 1.5}]}"#, "lines[0].count: expected a whole number, got a number"),
        (#"{"name": "a", "lines": {"sku": "x"}}"#, "lines: expected an array, got an object"),
        (#"{"name": "a", "lines": [7]}"#, "lines[0]: expected an object, got a number"),
        (#"{"name": "a", "lines": [], "rush": "yes"}"#, "rush: expected true or false, got a string"),
        (#"{"name": "a", "lines": [], "rush": 1}"#, "rush: expected true or false, got a number"),
        (#"{"name": ["a"], "lines": []}"#, "name: expected a string, got an array"),
        ("", "the request body is empty; expected a JSON object with 'name', 'lines', 'rush'"),
        ("true", "expected a JSON object, got a boolean"),
    ])
    func errorsNameTheFieldAsWritten(body: String, expected: String) {
        #expect(detail(body) == expected)
    }

    /// `facts` takes any JSON; a value another decoder reads (Foundation's)
    /// comes out the same.
    @Test func anyJSONDecodesAsAJSONValue() throws {
        let text = #"{"a": [1, -2.5, true, null, "é"], "b": {"c": {}}}"#
        let ours = try JSONParser.parse(Array(text.utf8))
        #expect(try JSONValueDecoder(ours).decode(as: JSONValue.self) == ours)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == ours)
    }

    @Test(arguments: [
        (#"{"channel": "fax"}"#, "channel: unknown value 'fax' (allowed: customer-reply, status-page, handoff, support-brief)"),
        (#"{"state": "mitigated"}"#, "channel: required"),
        (#"{"channel": "handoff", "format": "html"}"#, "format: unknown value 'html' (allowed: text, markdown, json)"),
        (#"{"channel": "handoff", "timezone": 1}"#, "timezone: expected a string, got a number"),
    ])
    func composeRequestErrors(body: String, expected: String) {
        #expect(detail(body, as: ComposeRequest.self) == expected)
    }

    @Test func checkRequestDefaultsAndAllowEntries() throws {
        let request = try RequestBodyDecoder.decode(CheckRequest.self, from: Array(#"{"text": "hi", "allow": ["dana@example.com"]}"#.utf8))
        #expect(request.audience == .customer && request.path == "<request>" && !request.explain && request.facts == .none)
        #expect(request.allow.count == 1)
        let bad = detail(#"{"text": "hi", "allow": ["ok@example.com", ""]}"#, as: CheckRequest.self)
        #expect(bad?.hasPrefix("allow[1]: ") == true)
    }
}
