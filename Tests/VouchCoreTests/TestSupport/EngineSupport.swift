import Foundation
import Testing
@testable import VouchCore

/// Text with position markers, in the style of swift-format's tests:
/// `[[...]]` marks a span and 1️⃣ ... 9️⃣ mark single points. Offsets are
/// UTF-8 byte offsets into `text` (the input without its markers).
struct Marked {
    let text: String
    /// Each `[[...]]` span, in order.
    let ranges: [Range<Int>]
    /// Each keycap marker's offset, by its digit ("1️⃣" is points["1"]).
    let points: [String: Int]

    init(_ raw: String) {
        let scalars = Array(raw.unicodeScalars)
        var out = String.UnicodeScalarView()
        var bytes = 0
        var ranges: [Range<Int>] = []
        var points: [String: Int] = [:]
        var open: Int? = nil
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if ("1"..."9").contains(s), i + 2 < scalars.count, scalars[i + 1] == "\u{FE0F}", scalars[i + 2] == "\u{20E3}" {
                points[String(s)] = bytes
                i += 3
                continue
            }
            if s == "[", i + 1 < scalars.count, scalars[i + 1] == "[" {
                precondition(open == nil, "'[[' inside a mark in \(raw.debugDescription)")
                open = bytes
                i += 2
                continue
            }
            if s == "]", i + 1 < scalars.count, scalars[i + 1] == "]", let start = open {
                ranges.append(start..<bytes)
                open = nil
                i += 2
                continue
            }
            out.append(s)
            bytes += String(s).utf8.count
            i += 1
        }
        precondition(open == nil, "'[[' without ']]' in \(raw.debugDescription)")
        self.text = String(out)
        self.ranges = ranges
        self.points = points
    }

    /// The one `[[...]]` span.
    var range: Range<Int> {
        precondition(ranges.count == 1, "expected exactly one [[mark]], found \(ranges.count)")
        return ranges[0]
    }

    var source: SourceText { SourceText(path: "draft.txt", text: text) }
}

/// A small, stable set of context modifiers for engine tests (not
/// Rules/context.yaml, which is being edited).
enum EngineContext {
    static let yaml = """
    modifiers:
      - id: ctx.negation
        category: negated
        direction: forward
        max_tokens: 8
        phrases:
          - (not | no | never | nothing)
          - (isn't | hasn't | don't)
      - id: ctx.negation.backward
        category: negated
        direction: backward
        phrases:
          - (is | was) not (the case | true)
      - id: ctx.pseudo
        category: pseudo
        phrases:
          - not only
          - no longer
          - no doubt
      - id: ctx.hedge
        category: hedged
        direction: forward
        phrases:
          - whether
          - (maybe | possibly)
      - id: ctx.hypothetical
        category: hypothetical
        direction: forward
        max_tokens: 10
        phrases:
          - (if | once | until | will)
      - id: ctx.reported
        category: reported
        direction: forward
        phrases:
          - (you | the customer) (asked | said | thinks)
      - id: ctx.request
        category: request
        direction: forward
        max_tokens: 6
        phrases:
          - (send | paste | share) (us)?
      - id: ctx.terminator
        category: terminator
        phrases:
          - (but | however)
          - ";"
    """
}

/// A pack of the engine context and the given rule file.
func enginePack(_ rules: String, context: Bool = true) -> RulePack {
    do {
        return try RulePack(files: (context ? [("context.yaml", EngineContext.yaml)] : []) + [("test.yaml", rules)])
    } catch {
        fatalError("bad test pack: \(error)")
    }
}

/// Checks marked-up text (markers removed) with an inline pack.
func engineCheck(_ marked: Marked, _ pack: RulePack, facts: Facts? = nil, audience: Audience = .customer) -> CheckResult {
    Checker(pack: pack).check(marked.source, facts: facts, options: CheckOptions(audience: audience, explain: true))
}

/// The error message of loading `files`, or nil when they load.
func loadError(_ files: [(path: String, text: String)]) -> String? {
    do {
        _ = try RulePack(files: files)
        return nil
    } catch let error as VouchError {
        return error.message
    } catch {
        return "unexpected error: \(error)"
    }
}

func loadError(_ yaml: String) -> String? { loadError([("test.yaml", yaml)]) }
