import Testing
@testable import VouchCore

/// The resolver on token indexes; comments show a sentence the indexes
/// stand for.
@Suite struct EngineContextResolverTests {
    private func modifier(_ id: String, _ category: ContextCategory, _ direction: Direction = .forward, max: Int? = nil) -> Modifier {
        Modifier(id: id, category: category, direction: direction, maxTokens: max, summary: "", phrases: [], compiledPhrases: [],
                 flagExamples: [], silentExamples: [], file: "test.yaml", line: 1)
    }

    private func tokens(_ count: Int, quoted: Set<Int> = []) -> [Token] {
        (0..<count).map { Token(start: Int32($0 * 2), end: Int32($0 * 2 + 1), literal: -1, kind: .word, quoted: quoted.contains($0), mark: 0) }
    }

    private let negated = 0, backward = 1, both = 2, capped = 3, pseudo = 4, terminator = 5, hedge = 6
    private var modifiers: [Modifier] {
        [
            modifier("neg", .negated),
            modifier("neg.back", .negated, .backward),
            modifier("hedge.both", .hedged, .both),
            modifier("neg.capped", .negated, max: 3),
            modifier("pseudo", .pseudo),
            modifier("stop", .terminator),
            modifier("hedge", .hedged),
        ]
    }

    private func categories(_ matches: [(modifier: Int, start: Int, end: Int)], target: Range<Int>, count: Int = 12) -> Set<ContextCategory> {
        ContextResolver(modifiers: modifiers, matches: matches)
            .resolve(start: target.lowerBound, end: target.upperBound, tokens: tokens(count), questionMark: -1).categories
    }

    @Test func forwardDirection() {
        // "it is not fully resolved": not 2..<3, target 4..<5
        #expect(categories([(negated, 2, 3)], target: 4..<5) == [.negated])
        // "resolved, not slow": the target comes first
        #expect(categories([(negated, 2, 3)], target: 0..<1) == [])
    }

    @Test func backwardDirection() {
        // "resolved is not the case": target 0..<1, trigger 1..<5
        #expect(categories([(backward, 1, 5)], target: 0..<1) == [.negated])
        #expect(categories([(backward, 0, 1)], target: 3..<4) == [])
    }

    @Test func bothDirections() {
        #expect(categories([(both, 0, 1)], target: 3..<4) == [.hedged])
        #expect(categories([(both, 5, 6)], target: 3..<4) == [.hedged])
    }

    @Test func maxTokensCapsTheScope() {
        // Two tokens between trigger and target: inside a cap of 3.
        #expect(categories([(capped, 0, 1)], target: 3..<4) == [.negated])
        #expect(categories([(capped, 0, 1)], target: 4..<5) == [])
        // Adjacent.
        #expect(categories([(capped, 0, 1)], target: 1..<2) == [.negated])
    }

    @Test func terminatorsCutTheScope() {
        // "not new , but resolved": but at 3
        #expect(categories([(negated, 0, 1), (terminator, 3, 4)], target: 4..<5) == [])
        // A terminator right after the trigger cuts too ("not; resolved").
        #expect(categories([(negated, 0, 1), (terminator, 1, 2)], target: 2..<3) == [])
        // A terminator after the target does not.
        #expect(categories([(negated, 0, 1), (terminator, 3, 4)], target: 2..<3) == [.negated])
        // Backward: "resolved ; that is not the case"
        #expect(categories([(backward, 3, 7), (terminator, 1, 2)], target: 0..<1) == [])
        #expect(categories([(both, 3, 4), (terminator, 1, 2)], target: 0..<1) == [])
    }

    @Test func pseudoTriggersSwitchOffTriggersTheyContain() {
        // "not only resolved": pseudo "not only" 0..<2 overlaps "not" 0..<1.
        #expect(categories([(negated, 0, 1), (pseudo, 0, 2)], target: 2..<3) == [])
        // "no longer": pseudo 3..<5 overlaps "no" 3..<4 only.
        #expect(categories([(negated, 0, 1), (negated, 3, 4), (pseudo, 3, 5)], target: 6..<7) == [.negated])
        // An adjacent pseudo-trigger does not switch a trigger off.
        #expect(categories([(negated, 0, 1), (pseudo, 1, 3)], target: 4..<5) == [.negated])
        // Nor does one inside a longer trigger ("I'd love to tell you" holds
        // the pseudo "tell you").
        #expect(categories([(hedge, 0, 5), (pseudo, 3, 5)], target: 6..<7) == [.hedged])
        let resolver = ContextResolver(modifiers: modifiers, matches: [(negated, 0, 1), (pseudo, 0, 2), (terminator, 5, 6), (hedge, 6, 7)])
        #expect(resolver.triggers.map { [$0.modifier, $0.start, $0.end] } == [[hedge, 6, 7]])
    }

    @Test func triggerInsideTheTargetDoesNotCount() {
        // "no data was lost" is the target; its own "no" is not a negation.
        #expect(categories([(negated, 0, 1)], target: 0..<4) == [])
        #expect(categories([(negated, 2, 3)], target: 0..<4) == [])
        // Overlapping the target's start.
        #expect(categories([(negated, 0, 2)], target: 1..<3) == [])
    }

    @Test func firstTriggerOfEachCategoryIsKept() {
        let applied = ContextResolver(modifiers: modifiers, matches: [(negated, 0, 1), (capped, 2, 3), (hedge, 3, 4)])
            .resolve(start: 5, end: 6, tokens: tokens(8), questionMark: 7)
        #expect(applied.categories == [.negated, .hedged])
        #expect(applied.trigger(.negated, modifiers: modifiers).map { [$0.modifier, $0.start, $0.end] } == [negated, 0, 1])
        #expect(applied.trigger(.hedged, modifiers: modifiers).map { [$0.modifier, $0.start, $0.end] } == [hedge, 3, 4])
        #expect(applied.trigger(.reported, modifiers: modifiers) == nil)
        #expect(applied.question)
        #expect(!applied.quoted)
    }

    /// A question covers only its own clause: a terminator between the
    /// target and the final "?" leaves the target a statement.
    @Test func questionCoversOnlyItsClause() {
        let resolver = ContextResolver(modifiers: modifiers, matches: [(terminator, 3, 4)])
        #expect(resolver.resolve(start: 4, end: 5, tokens: tokens(8), questionMark: 7).question)
        #expect(!resolver.resolve(start: 1, end: 2, tokens: tokens(8), questionMark: 7).question)
        #expect(!resolver.resolve(start: 1, end: 2, tokens: tokens(8), questionMark: -1).question)
    }

    @Test func quotedWhenAnyTargetTokenIsQuoted() {
        let resolver = ContextResolver(modifiers: modifiers, matches: [])
        #expect(resolver.resolve(start: 2, end: 4, tokens: tokens(6, quoted: [3]), questionMark: -1).quoted)
        #expect(!resolver.resolve(start: 2, end: 4, tokens: tokens(6, quoted: [1, 4]), questionMark: -1).quoted)
    }

    // MARK: Through the checker

    static let pack = enginePack("""
        rules:
          - id: claim.resolved
            kind: claim
            phrases: [resolved]
            message: '"{match}"'
        """)

    private func reasons(_ text: String) -> [String] {
        engineCheck(Marked(text), Self.pack).silenced.map(\.reason)
    }

    @Test func negationCapInADraft() {
        // ctx.negation has max_tokens 8: seven tokens between is still in scope.
        #expect(reasons("Not a b c d e f g resolved.") == ["inside the scope of 'Not' (ctx.negation), negated"])
        #expect(reasons("Not a b c d e f g h resolved.") == [])
    }

    @Test func silencerOrderNotDistanceDecides() {
        // Both a negation and a hedge reach the target: hedged is reported
        // (claims prefer reported, hedged, hypothetical, negated).
        #expect(reasons("Not whether resolved.") == ["inside the scope of 'whether' (ctx.hedge), hedged"])
    }
    /// `other` (another incident or time) silences claims and promises;
    /// `past` (what already happened) silences promises only.
    @Test func otherAndPastSilenceByKind() throws {
        let pack = try RulePack(files: [("test.yaml", """
            modifiers:
              - id: ctx.other
                category: other
                direction: forward
                phrases: [last week's (incident | outage)]
              - id: ctx.past
                category: past
                direction: both
                phrases: [yesterday]
            rules:
              - id: claim.resolved
                kind: claim
                phrases: [resolved]
                message: m
              - id: promise.eta
                kind: promise
                phrases: [by <time>]
                message: m
            """)])
        func flagged(_ text: String) -> [String] { engineCheck(Marked(text), pack).findings.map(\.rule) }
        #expect(flagged("Last week's incident was resolved by 14:00.") == [])
        #expect(flagged("It was resolved by 14:00 yesterday.") == ["claim.resolved"])
        #expect(flagged("It will be resolved by 14:00.") == ["claim.resolved", "promise.eta"])
        let silenced = engineCheck(Marked("It was resolved by 14:00 yesterday."), pack).silenced
        #expect(silenced.map(\.reason) == ["inside the scope of 'yesterday' (ctx.past), past"])
    }
}
