import Testing
@testable import VouchCore

/// The one JSON writer: declaration order, absent optionals left out,
/// single-line values, and the escapes JSON and JavaScript need.
@Suite struct JSONWriterTests {
    struct Span: Encodable, JSONSingleLine { let start: Int; let end: Int }
    struct Item: Encodable {
        let zebra: String
        let apple: Int
        let note: String?
        let span: Span
        let tags: [String]
        let empty: [Int]
        let nested: [String: Bool]
    }

    @Test func membersInDeclarationOrderOptionalsLeftOut() throws {
        let item = Item(zebra: "z", apple: -3, note: nil, span: Span(start: 1, end: 2), tags: ["a", "b"], empty: [], nested: ["k": true])
        #expect(try JSONWriter.text(of: [item]) == """
            [
              {
                "zebra": "z",
                "apple": -3,
                "span": { "start": 1, "end": 2 },
                "tags": [
                  "a",
                  "b"
                ],
                "empty": [],
                "nested": {
                  "k": true
                }
              }
            ]

            """)
    }

    /// Everything inside a single-line value stays on its line.
    @Test func singleLineReachesNestedValues() throws {
        struct Line: Encodable, JSONSingleLine { let a: [Int]; let b: Span; let c: String? }
        #expect(try JSONWriter.text(of: Line(a: [1, 2], b: Span(start: 0, end: 9), c: nil))
                == "{ \"a\": [ 1, 2 ], \"b\": { \"start\": 0, \"end\": 9 } }\n")
    }

    @Test(arguments: [
        ("plain café 😀 a/b", "\"plain café 😀 a/b\""),
        ("say \"hi\" \\ now", "\"say \\\"hi\\\" \\\\ now\""),
        ("a\nb\rc\td", "\"a\\nb\\rc\\td\""),
        ("bell\u{7} esc\u{1B} nul\u{0}", "\"bell\\u0007 esc\\u001B nul\\u0000\""),
        ("line\u{2028}para\u{2029}end", "\"line\\u2028para\\u2029end\""),
        ("€ stays", "\"€ stays\""),
    ])
    func stringsEscapeOnlyWhatTheyMust(text: String, written: String) throws {
        #expect(JSONWriter.quote(text) == written)
        #expect(try JSONWriter.text(of: text) == written + "\n")
    }

    @Test func scalarsAndNull() throws {
        struct Values: Encodable {
            let yes = true
            let count: UInt8 = 7
            let ratio = 0.25
            let missing = Double.nan
            let cursor = Cursor()
            struct Cursor: Encodable {
                func encode(to encoder: any Encoder) throws {
                    var c = encoder.singleValueContainer()
                    try c.encodeNil()
                }
            }
        }
        #expect(try JSONWriter.text(of: Values()) == """
            {
              "yes": true,
              "count": 7,
              "ratio": 0.25,
              "missing": null,
              "cursor": null
            }

            """)
    }

    @Test func anEncodingErrorIsPassedOn() {
        struct Refuses: Encodable {
            struct No: Error {}
            func encode(to encoder: any Encoder) throws { throw No() }
        }
        #expect(throws: Refuses.No.self) { try JSONWriter.text(of: [Refuses()]) }
    }
}
