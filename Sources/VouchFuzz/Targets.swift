import Foundation
import VouchCore
import VouchServer

/// A broken invariant: which one, and what was seen.
struct Violation: Error, CustomStringConvertible {
    let invariant: String
    let detail: String
    var description: String { "\(invariant): \(detail)" }
}

func require(_ condition: @autoclosure () -> Bool, _ invariant: String, _ detail: @autoclosure () -> String = "") throws {
    if !condition() { throw Violation(invariant: invariant, detail: detail()) }
}

/// One thing to fuzz: its seeds' folder, its dictionary, and the contract
/// an input must keep.
protocol FuzzTarget {
    var name: String { get }
    var tokens: [String] { get }
    /// Throws a `Violation` when an invariant breaks; returns whether the
    /// input was interesting (it produced findings or a value), to keep
    /// it for further mutation.
    func run(_ input: [UInt8]) throws -> Bool
}

/// A one-line error that names where: the contract for exit status 2.
private func isOneLine(_ message: String) -> Bool {
    !message.isEmpty && !message.contains("\n") && !message.contains("\r")
}

/// `vouch check`: the report's positions and contents against the input.
struct CheckTarget: FuzzTarget {
    let name = "check"
    let tokens: [String] = []
    let checker: Checker
    let factSets: [Facts?]

    init(pack: RulePack) throws {
        checker = Checker(pack: pack)
        factSets = [nil] + (try [
            "status: identified\nkind: regression\n",
            "status: fixed\nkind: outage\nverified:\n  all_impacted: true\ncause:\n  confirmed: true\n",
            "status: mitigated\nkind: [provider, degradation]\neta: 2026-11-22T17:00:00Z\nimpact:\n  scope_checked: true\n  data_loss: none\n",
        ].map { try FactsLoader.parse($0, source: "facts.yaml") })
    }

    func run(_ input: [UInt8]) throws -> Bool {
        let source: SourceText
        do {
            source = try SourceText(path: "fuzz.txt", bytes: input)
        } catch let error as VouchError {
            try require(isOneLine(error.message) && error.message.hasPrefix("fuzz.txt:"), "invalid UTF-8 gives a one-line located error", error.message)
            try require(String(validating: input, as: UTF8.self) == nil, "only invalid UTF-8 is refused")
            return false
        }
        let facts = factSets[input.count % factSets.count]
        let audience = Audience.allCases[input.count % Audience.allCases.count]
        let options = CheckOptions(audience: audience)
        let result = checker.check(source, facts: facts, options: options)
        var previousStart = -1
        var reach: [String: Int] = [:]
        for (k, f) in result.findings.enumerated() {
            try require(0 <= f.range.lowerBound && f.range.lowerBound < f.range.upperBound && f.range.upperBound <= input.count,
                        "a finding's range lies inside the input", "\(f.rule) \(f.range) of \(input.count) bytes")
            let bytes = Array(input[f.range])
            try require(String(validating: bytes, as: UTF8.self) == f.match, "the range decodes to exactly the match",
                        "\(f.rule) \(f.range) match \(f.match.debugDescription)")
            try require(f.line == source.line(of: f.range.lowerBound), "line agrees with the range", "\(f.rule) line \(f.line)")
            // The definition, counted from the line start: for the first
            // and last findings (counting it for all would be quadratic).
            if k < 16 || k >= result.findings.count - 16 {
                let lineStart = source.lineStarts[f.line - 1]
                let column = Graphemes.count(in: source.bytes[lineStart..<max(lineStart, f.range.lowerBound)]) + 1
                try require(f.column == column, "column counts grapheme clusters from the line start", "\(f.rule) column \(f.column), expected \(column)")
            }
            try require(f.range.lowerBound >= previousStart, "findings are sorted by range start")
            previousStart = f.range.lowerBound
            try require(f.rule == f.category || f.rule.hasPrefix(f.category + "."), "a rule id starts with its category", f.rule)
            if let end = reach[f.category] { try require(f.range.lowerBound >= end, "findings of one category do not overlap", f.rule) }
            reach[f.category] = f.range.upperBound
            try require(isOneLine(f.message), "a message is one line", f.message)
        }
        try require(result.findings.count <= options.maxFindings, "at most maxFindings findings")
        // Determinism, and --explain changes only what is listed beside.
        let again = checker.check(source, facts: facts, options: options)
        try require(again.findings == result.findings, "the same input gives the same findings")
        let explained = checker.check(source, facts: facts, options: CheckOptions(audience: audience, explain: true))
        try require(explained.findings == result.findings, "--explain does not change the findings")
        // Every report renders, and the JSON one is JSON with every finding.
        let json = try JSONReport.render([result], explain: true)
        let value = try? JSONParser.parse(Array(json.utf8))
        try require(value != nil, "the JSON report is valid JSON")
        try require(Self.findingCount(value!) == result.findings.count, "the JSON report lists every finding")
        try require(LineReport.render([result]).split(separator: "\n", omittingEmptySubsequences: false).count == result.findings.count + 1,
                    "the line report has one line per finding")
        _ = TextReport().render([result])
        return !result.findings.isEmpty
    }

    /// `files[0].findings` of a JSON report.
    static func findingCount(_ report: JSONValue) -> Int {
        guard case .object(let top) = report, case .array(let files)? = top["files"], case .object(let file)? = files.first,
              case .array(let findings)? = file["findings"] else { return -1 }
        return findings.count
    }
}

/// The facts loader: a value or a one-line located error, never anything else.
struct FactsTarget: FuzzTarget {
    let name = "facts"
    let tokens = Mutator.yamlTokens

    func run(_ input: [UInt8]) throws -> Bool {
        let text = String(decoding: input, as: UTF8.self)
        let first: Result<Facts, VouchError>
        do {
            first = .success(try FactsLoader.parse(text, source: "fuzz.yaml"))
        } catch let error as VouchError {
            try require(isOneLine(error.message) && error.message.hasPrefix("fuzz.yaml"), "a facts error is one line naming the file", error.message)
            first = .failure(error)
        } catch {
            throw Violation(invariant: "facts errors are VouchErrors", detail: "\(type(of: error)): \(error)")
        }
        let second = Result { try FactsLoader.parse(text, source: "fuzz.yaml") }.mapError { $0 as? VouchError ?? VouchError("\($0)") }
        switch (first, second) {
        case (.success(let a), .success(let b)):
            try require(a.values == b.values, "the same facts parse the same")
            try require(a.values.keys.allSatisfy { path in FactsSchema.fields.contains { $0.path == path } }, "every parsed path is in the schema")
            return true
        case (.failure(let a), .failure(let b)):
            try require(a == b, "the same facts fail the same", "\(a) / \(b)")
            return false
        default:
            throw Violation(invariant: "the same facts parse the same", detail: "one run failed, the other did not")
        }
    }
}

/// The HTTP request decoder of `POST /v1/check`: a request or a 400 that
/// names the field, never anything else, and never looser than JSON.
struct RequestTarget: FuzzTarget {
    let name = "request"
    let tokens = Mutator.jsonTokens
    let pack: RulePack

    func run(_ input: [UInt8]) throws -> Bool {
        let ours = try? JSONParser.parse(input)
        if ours != nil {
            let foundation = try? JSONSerialization.jsonObject(with: Data(input), options: [.fragmentsAllowed])
            try require(foundation != nil, "a body the reader accepts is JSON (Foundation reads it too)",
                        String(decoding: input.prefix(200), as: UTF8.self).debugDescription)
        }
        let first: Result<CheckRequest, APIError>
        do {
            first = .success(try request(input))
        } catch let error as APIError {
            try require(error.status == .badRequest, "a bad body is 400", "\(error.status)")
            try require(isOneLine(error.detail), "a 400's detail is one line", error.detail)
            try require(!error.detail.contains("Swift") && !error.detail.contains("DecodingError"), "errors name no Swift types", error.detail)
            first = .failure(error)
        } catch {
            throw Violation(invariant: "request errors are APIErrors", detail: "\(type(of: error))")
        }
        let second = Result { try request(input) }.mapError { $0 as? APIError ?? APIError.badRequest("\($0)") }
        switch (first, second) {
        case (.success(let a), .success(let b)): try require(a == b, "the same body decodes the same"); return true
        case (.failure(let a), .failure(let b)): try require(a.detail == b.detail, "the same body fails the same"); return false
        default: throw Violation(invariant: "the same body decodes the same", detail: "one run failed, the other did not")
        }
    }

    /// As `POST /v1/check` reads a body: decoded, then checked against the pack.
    func request(_ input: [UInt8]) throws -> CheckRequest {
        let request = try RequestBodyDecoder.decode(CheckRequest.self, from: input)
        _ = try request.disabling(in: pack)
        return request
    }
}
