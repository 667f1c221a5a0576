/// Values that may appear in a message although a leak rule matches them:
/// the public support address the customer is told to write to, the status
/// page's domain, the recipient's own workspace id. Each entry is
///
/// - an address or any exact value (`support@ourcompany.com`, `ws_4821`),
/// - a domain (`ourcompany.com`): every address at it or its subdomains,
///   the host itself, its subdomains and links to them,
/// - or a pattern with `*` for any run of characters (`*@northstar.dev`,
///   `ws_*`).
///
/// Letters compare without case. Entries come from the config file, the
/// command line (`--allow`) and a request's `allow` field; `origin` says
/// which, for the explanation of what was allowed. A credential
/// (`secret.leak`) is never allowed: a secret that was shared is
/// compromised, whoever it was shared with.
public struct AllowEntry: Sendable, Equatable {
    public let value: String
    /// Where the entry came from ("--allow", "vouch.yaml:4", "the request").
    public let origin: String
    private let lowered: [UInt8]
    private let isPattern: Bool
    private let isDomain: Bool

    public static let maxLength = 256

    /// Throws a one-line reason when `value` cannot be an entry.
    public init(_ value: String, origin: String) throws(AllowEntryError) {
        guard !value.isEmpty else { throw AllowEntryError("an entry is empty") }
        guard value.utf8.count <= Self.maxLength else { throw AllowEntryError("'\(value.prefix(40))…' is longer than \(Self.maxLength) bytes") }
        guard !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw AllowEntryError("'\(value)' contains white space; give one address, domain or id per entry")
        }
        guard value.contains(where: { $0 != "*" }) else { throw AllowEntryError("'\(value)' would allow everything") }
        self.value = value
        self.origin = origin
        lowered = Array(value.lowercased().utf8)
        isPattern = value.contains("*")
        isDomain = !isPattern && !value.contains("@") && !value.contains("/") && value.contains(".")
            && value.first != "." && value.last != "."
    }

    /// Whether the matched text `text` is allowed by this entry.
    public func allows(_ text: String) -> Bool {
        let t = Array(text.lowercased().utf8)
        if isPattern { return Self.glob(lowered[...], t[...]) }
        if t == lowered { return true }
        guard isDomain else { return false }
        return Self.host(of: t).map { host in host == lowered[...] || host.hasSuffix([UInt8(ascii: ".")] + lowered) } ?? false
    }

    /// The domain of an address, the host of a link, or the text itself
    /// when it is a bare host name.
    private static func host(of t: [UInt8]) -> ArraySlice<UInt8>? {
        if let at = t.lastIndex(of: UInt8(ascii: "@")) { return t[(at + 1)...] }
        var start = t.startIndex
        if let scheme = t.firstRange(of: Array("://".utf8)) { start = scheme.upperBound }
        var end = start
        while end < t.endIndex, t[end] != UInt8(ascii: "/"), t[end] != UInt8(ascii: ":"), t[end] != UInt8(ascii: "?"), t[end] != UInt8(ascii: "#") { end += 1 }
        return start < end ? t[start..<end] : nil
    }

    /// `*` matches any run of bytes (none included); the rest must be equal.
    static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var star: ArraySlice<UInt8>.Index? = nil, resume = text.startIndex
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = p; p += 1; resume = t
            } else if p < pattern.endIndex, pattern[p] == text[t] {
                p += 1; t += 1
            } else if let s = star {
                p = s + 1; resume += 1; t = resume
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}

public struct AllowEntryError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension ArraySlice where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
