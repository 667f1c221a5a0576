/// One token of a draft: a word, a number, a time, one punctuation mark, or
/// an opaque span (code, a URL or an email address, whose words are never
/// read as claims).
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// `past`: a word that is a past-tense or past-participle form (an
        /// -ed word, or an irregular past form of the pack's lexicon).
        case word, number, time, punct, opaque, past
    }

    /// UTF-8 byte range in the input as given.
    public var start: Int32
    public var end: Int32
    /// Vocabulary id of the folded text, or -1 when no rule mentions it.
    public var literal: Int32
    public var kind: Kind
    /// Inside a quoted line or quotation marks.
    public var quoted: Bool
    /// The ASCII character of a one-character punctuation token, else 0.
    public var mark: UInt8

    var isWordLike: Bool { kind == .word || kind == .number || kind == .time || kind == .past }
}

/// A tokenized draft: tokens, and the sentences they fall into.
public struct TokenStream: Sendable {
    public var tokens: [Token] = []
    /// Token index at which each sentence starts; sentence k runs to the next
    /// start (or the end).
    public var sentenceStarts: [Int] = []
    /// For each sentence that ends in a question mark, the index of that
    /// mark's token; -1 for other sentences.
    public var questionMark: [Int] = []
    /// Each token's folded UTF-8 text, when asked for (pattern words only:
    /// drafts are matched by vocabulary id).
    var folded: [[UInt8]] = []

    public func sentenceRange(_ k: Int) -> Range<Int> {
        sentenceStarts[k]..<(k + 1 < sentenceStarts.count ? sentenceStarts[k + 1] : tokens.count)
    }

    public var sentenceCount: Int { sentenceStarts.count }
}
