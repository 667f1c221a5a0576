/// A rule pack ten (or `factor`) times the size of the default one, for
/// measuring how the check grows with the number of rules.
///
/// Copy k of each rule file keeps the file's structure, its function words
/// and its regular expressions, renames every rule id (`claim.resolved` to
/// `claim.resolved.g3`) and gives each content word of its phrases and
/// definitions a suffix of its own. So the copies start the same partial
/// matches on the same common words as the originals ("we", "the", "is",
/// "has been"), run the same leak scans, and add distinct vocabulary, as a
/// real pack ten times larger would; they just rarely finish a match.
/// Context modifiers and the lexicon are not rules and are not copied (a
/// word's forms may be given once).
enum LargePack {
    static func files(from pack: [(path: String, text: String)], factor: Int) -> [(path: String, text: String)] {
        var out = pack
        for k in 1..<max(factor, 1) {
            for (path, text) in pack where !path.hasSuffix("context.yaml") && !path.hasSuffix("lexicon.yaml") {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                out.append(("generated/g\(k).\(name)", copy(text, k)))
            }
        }
        return out
    }

    /// Copy `k` of one rule file's text.
    static func copy(_ text: String, _ k: Int) -> String {
        let suffix = "q" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(k % 26)))
        var section = ""
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if indent == 0, body.hasSuffix(":") { section = String(body) }
            if body.hasPrefix("- id: ") {
                lines.append(String(line) + ".g\(k)")
                continue
            }
            if indent > 0, body.hasSuffix(":") { section = String(body) }
            let inPatterns = (section == "define:" && indent == 2) || ((section == "phrases:" || section == "exceptions:") && body.hasPrefix("- "))
            lines.append(inPatterns ? mutateWords(String(line), suffix: suffix) : String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// Function words a rule's phrases share with ordinary prose.
    static let kept: Set<String> = [
        "the", "this", "that", "these", "those", "is", "are", "was", "were", "been", "be", "has", "have", "had",
        "we", "our", "you", "your", "it", "its", "will", "would", "can", "could", "should", "not", "no", "to",
        "of", "in", "on", "for", "with", "by", "from", "all", "any", "every", "a", "an", "and", "or", "now",
        "yet", "still", "just", "only", "again", "also", "more", "some", "there", "they", "their", "them",
    ]

    /// Suffixes each lowercase word of 3+ letters that is not a function
    /// word, a definition name (`@subject`), a class (`<num>`) or a
    /// definition's key.
    static func mutateWords(_ line: String, suffix: String) -> String {
        var out = ""
        var word = ""
        var previous: Character = " "
        var afterKey = !line.trimmingCharacters(in: .whitespaces).hasPrefix("- ") ? false : true
        func flush(_ next: Character?) {
            defer { word = "" }
            guard !word.isEmpty else { return }
            let isReference = previous == "@" || previous == "<"   // @definition, <num>
            let isKey = !afterKey && next == ":"
            if isKey { afterKey = true }
            if word.count >= 3, !isReference, !isKey, !kept.contains(word), word.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                out += word + suffix
            } else {
                out += word
            }
        }
        for c in line {
            if c.isLetter || c == "_" || c == "-" { word.append(c); continue }   // find_verb, recur-bare: one name
            flush(c)
            out.append(c)
            previous = c
        }
        flush(nil)
        return out
    }
}
