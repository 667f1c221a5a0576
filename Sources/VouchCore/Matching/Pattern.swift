import Foundation

/// A phrase pattern over folded tokens, as written in rule files.
///
///     has been resolved             words, matched after folding
///     (resolved | fixed | back to normal)   alternatives
///     (has | have)? been fixed      ? makes the item before it optional
///     no _{0,2} data was lost       _ is any one word; {m,n} repeats
///     by (<time> | <num> (am | pm)) <num> a number, <time> 16:00 / 5pm
///     <past> _{0,3} within          <past> a past-tense verb form (restored, went)
///     short-lived                   a hyphen between words is optional
///     @deadline                     a definition from the file's `define:`
///     return to normal              a base form also reads its inflections
///                                   (returns, returned, returning; outages)
///     =back up                      = keeps a word exact ("backed up" is not it)
///     resolved \?                   a backslash makes ( ) | ? { } _ @ < = literal
indirect enum PatternNode: Equatable, Sendable {
    case literal([UInt8])
    case anyWord
    case number
    case time
    case past
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repeated(PatternNode, min: Int, max: Int)

    /// Whether the pattern can match no tokens at all.
    var matchesEmpty: Bool {
        switch self {
        case .literal, .anyWord, .number, .time, .past: return false
        case .sequence(let items): return items.allSatisfy(\.matchesEmpty)
        case .alternatives(let alternatives): return alternatives.contains(where: \.matchesEmpty)
        case .repeated(let node, let min, _): return min == 0 || node.matchesEmpty
        }
    }

    /// The fewest tokens a match can span.
    var minLength: Int {
        switch self {
        case .literal, .anyWord, .number, .time, .past: return 1
        case .sequence(let items): return items.reduce(0) { $0 + $1.minLength }
        case .alternatives(let alternatives): return alternatives.map(\.minLength).min() ?? 0
        case .repeated(let node, let min, _): return node.minLength * min
        }
    }

    /// The longest number of tokens a match can span.
    var maxLength: Int {
        switch self {
        case .literal, .anyWord, .number, .time, .past: return 1
        case .sequence(let items): return items.reduce(0) { $0 + $1.maxLength }
        case .alternatives(let alternatives): return alternatives.map(\.maxLength).max() ?? 0
        case .repeated(let node, _, let max): return node.maxLength * max
        }
    }
}

/// Parses the pattern syntax into `PatternNode`s. Errors are VouchErrors
/// without a location; the rule loader adds the file and line.
struct PatternParser {
    /// Folds a literal word the way draft text is folded, so a pattern's
    /// words and a draft's tokens always compare equal.
    let fold: (String) -> [[UInt8]]
    let definitions: [String: String]
    /// Inflections and variants of words; an empty lexicon still inflects
    /// regularly.
    let lexicon: Lexicon
    private var expanding: [String] = []

    init(definitions: [String: String] = [:], lexicon: Lexicon = Lexicon(), fold: @escaping (String) -> [[UInt8]]) {
        self.definitions = definitions
        self.lexicon = lexicon
        self.fold = fold
    }

    func parse(_ text: String) throws -> PatternNode {
        var copy = self
        return try copy.parseTop(text)
    }

    private mutating func parseTop(_ text: String) throws -> PatternNode {
        var lexer = Lexer(Array(text.unicodeScalars))
        let node = try parseAlternatives(&lexer, inGroup: false)
        if lexer.peek != nil { throw VouchError("pattern '\(text)': unexpected '\(lexer.peek!)'") }
        if node.matchesEmpty { throw VouchError("pattern '\(text)' can match nothing; every pattern needs at least one required word") }
        return node
    }

    private mutating func parseAlternatives(_ lexer: inout Lexer, inGroup: Bool) throws -> PatternNode {
        var alternatives = [try parseSequence(&lexer)]
        while lexer.peek == .bar {
            lexer.next()
            alternatives.append(try parseSequence(&lexer))
        }
        if alternatives.contains(where: { $0 == .sequence([]) }) {
            throw VouchError("pattern has an empty alternative (two '|' in a row, or '|' at an end)")
        }
        return alternatives.count == 1 ? alternatives[0] : .alternatives(alternatives)
    }

    private mutating func parseSequence(_ lexer: inout Lexer) throws -> PatternNode {
        var items: [PatternNode] = []
        loop: while let token = lexer.peek {
            var atom: PatternNode
            switch token {
            case .bar, .close: break loop
            case .open:
                lexer.next()
                atom = try parseAlternatives(&lexer, inGroup: true)
                guard lexer.next() == .close else { throw VouchError("pattern has a '(' without its ')'") }
            case .word(let word, let escaped):
                lexer.next()
                atom = try wordNode(word, escaped: escaped)
            case .quantifier:
                throw VouchError("pattern has '?' or '{m,n}' with nothing before it")
            }
            while case .quantifier(let min, let max)? = lexer.peek {
                lexer.next()
                atom = .repeated(atom, min: min, max: max)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func wordNode(_ word: String, escaped: Bool) throws -> PatternNode {
        if escaped { return try literal(word, inflected: false) }
        switch word {
        case "_": return .anyWord
        case "<num>": return .number
        case "<time>": return .time
        case "<past>": return .past
        default: break
        }
        if word.hasPrefix("=") {
            guard word.count > 1 else { throw VouchError("pattern has '=' without a word after it (write =word to keep a word exact)") }
            return try literal(String(word.dropFirst()), inflected: false)
        }
        if word.hasPrefix("{") {
            throw VouchError("pattern has a bad repeat '\(word)' (write {n} or {m,n} with 0 <= m <= n <= 12, n >= 1)")
        }
        if word.hasPrefix("<") && word.hasSuffix(">") {
            throw VouchError("pattern has an unknown class '\(word)' (known: <num>, <time>, <past>, _)")
        }
        if word.hasPrefix("@") {
            let name = String(word.dropFirst())
            guard let body = definitions[name] else {
                let known = definitions.keys.sorted().joined(separator: ", ")
                throw VouchError("pattern uses '@\(name)', which the file does not define" + (known.isEmpty ? "" : " (defined: \(known))"))
            }
            if expanding.contains(name) { throw VouchError("definition '@\(name)' refers to itself") }
            expanding.append(name)
            defer { expanding.removeLast() }
            var lexer = Lexer(Array(body.unicodeScalars))
            let node = try parseAlternatives(&lexer, inGroup: false)
            if lexer.peek != nil { throw VouchError("definition '@\(name)': unexpected '\(lexer.peek!)'") }
            return node
        }
        return try literal(word, inflected: true)
    }

    /// The folded tokens of a word; with `inflected`, its last token (the
    /// head of "short-lived") also matches the lexicon's forms of it.
    private func literal(_ word: String, inflected: Bool) throws -> PatternNode {
        let tokens = fold(word)
        guard !tokens.isEmpty else { throw VouchError("pattern word '\(word)' has no letters, digits or punctuation to match") }
        var items: [PatternNode] = []
        for (index, token) in tokens.enumerated() {
            // short-lived also matches "short lived".
            if token == [UInt8(ascii: "-")], index > 0, index < tokens.count - 1 {
                items.append(.repeated(.literal(token), min: 0, max: 1))
            } else if inflected && index == tokens.count - 1 {
                let forms = lexicon.forms(of: String(decoding: token, as: UTF8.self))
                items.append(forms.count == 1 ? .literal(token) : .alternatives(forms.map { .literal(Array($0.utf8)) }))
            } else {
                items.append(.literal(token))
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }
}

private enum Lexeme: Equatable, CustomStringConvertible {
    case open, close, bar
    case quantifier(Int, Int)
    /// A word; `escaped` when it began with a backslash (always literal).
    case word(String, escaped: Bool)

    var description: String {
        switch self {
        case .open: return "("
        case .close: return ")"
        case .bar: return "|"
        case .quantifier(let m, let n): return m == 0 && n == 1 ? "?" : "{\(m),\(n)}"
        case .word(let w, _): return w
        }
    }
}

private struct Lexer {
    let scalars: [Unicode.Scalar]
    var index = 0
    private(set) var peek: Lexeme?
    private var error: VouchError?

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        peek = nil
        peek = lex()
    }

    @discardableResult
    mutating func next() -> Lexeme? {
        let current = peek
        peek = lex()
        return current
    }

    /// ASCII white space answered inline; others by their Unicode property.
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? s == " " || s == "\t" || s == "\n" || s == "\r" : s.properties.isWhitespace
    }

    private mutating func lex() -> Lexeme? {
        while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        let c = scalars[index]
        switch c {
        case "(": index += 1; return .open
        case ")": index += 1; return .close
        case "|": index += 1; return .bar
        case "?": index += 1; return .quantifier(0, 1)
        case "{":
            var body = ""
            index += 1
            while index < scalars.count, scalars[index] != "}" { body.unicodeScalars.append(scalars[index]); index += 1 }
            index += 1
            let parts = body.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 1, let n = parts[0], n >= 1, n <= 12 { return .quantifier(n, n) }
            if parts.count == 2, let m = parts[0], let n = parts[1], m >= 0, m <= n, n >= 1, n <= 12 { return .quantifier(m, n) }
            return .word("{\(body)}", escaped: false)   // reported as a bad repeat by the parser
        default:
            var word = ""
            let escaped = c == "\\"
            while index < scalars.count {
                let s = scalars[index]
                if Self.isSpace(s) || "()|{".unicodeScalars.contains(s) { break }
                if s == "?" && !word.isEmpty { break }
                if s == "\\", index + 1 < scalars.count {
                    word.unicodeScalars.append(scalars[index + 1]); index += 2; continue
                }
                word.unicodeScalars.append(s)
                index += 1
            }
            return .word(word, escaped: escaped)
        }
    }
}
