/// What a context modifier says about the words in its scope (ConText).
public enum ContextCategory: String, CaseIterable, Sendable {
    /// "not", "has not been", "nothing ... caused".
    case negated
    /// Explicitly unknown: "we can't yet say whether", "we are checking if".
    case hedged
    /// Expected, conditional or future: "once", "until", "if", "will".
    case hypothetical
    /// Someone else's words: "you asked whether", "your VP says".
    case reported
    /// About another incident, system or time, not this one: "the previous
    /// incident", "last week's outage", "a separate issue". Silences claims
    /// and promises.
    case other
    /// An event that already happened: "we restored service within 20
    /// minutes", "it began at 09:10". A past time is not a promise; this
    /// silences promises only.
    case past
    /// Asking the reader for something: "please send", "can you paste".
    case request
    /// Looks like a trigger and is not ("not only", "no longer"): switches
    /// off any trigger it overlaps.
    case pseudo
    /// Ends every scope ("but", "however", ";").
    case terminator
}

public enum Direction: String, CaseIterable, Sendable {
    /// Affects what follows ("not resolved").
    case forward
    /// Affects what precedes ("resolved? no", "is not confirmed").
    case backward
    case both
}

/// Text that a modifier's examples expect: a draft whose marked spans must be
/// flagged (`flag`), or one where no claim may be flagged (`silent`).
public struct ModifierExample: Sendable {
    public let text: String
    public let marks: [Range<Int>]
    public let facts: Facts?
    public let file: String
    public let line: Int
}

public struct Modifier: Sendable {
    public let id: String
    public let category: ContextCategory
    public let direction: Direction
    /// How many tokens the scope reaches at most; nil: to the clause end.
    public let maxTokens: Int?
    public let summary: String
    public let phrases: [String]
    /// `phrases`, parsed when the modifier was loaded.
    let compiledPhrases: [PatternNode]
    public let flagExamples: [ModifierExample]
    public let silentExamples: [ModifierExample]
    public let file: String
    public let line: Int
}
