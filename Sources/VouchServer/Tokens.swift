import Foundation
import VouchCore

/// One API token's role and the name recorded as the author of changes.
public struct TokenGrant: Sendable, Equatable {
    public let role: Role
    public let name: String
}

/// API tokens and their roles.
///
/// File format (also the value of `VOUCH_TOKENS`, where `,` or `;` may
/// separate entries): one token per line, `#` starts a comment, either
///
///     s3cr3t-token editor alice        # token role [name]
///     other-token: reader              # YAML mapping token: role
///
/// The name is recorded as the author of incident changes; it defaults to
/// the role.
public struct TokenTable: Sendable {
    var grants: [String: TokenGrant]

    public init(_ grants: [String: TokenGrant] = [:]) {
        self.grants = grants
    }

    public var isEmpty: Bool { grants.isEmpty }
    public var count: Int { grants.count }

    public func grant(for token: String) -> TokenGrant? {
        // Compare every entry in constant time so timing does not reveal a prefix.
        var found: TokenGrant?
        for (candidate, grant) in grants where Self.constantTimeEqual(candidate, token) {
            found = grant
        }
        return found
    }

    /// Parses the file format; `source` names it in errors.
    public static func parse(_ text: String, source: String, separators: Set<Character> = ["\n"]) throws -> TokenTable {
        var grants: [String: TokenGrant] = [:]
        let lines = text.split(omittingEmptySubsequences: false) { separators.contains($0) || $0 == "\n" || $0 == "\r\n" }
        for (index, raw) in lines.enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.replacingOccurrences(of: ":", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
                .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            if words.isEmpty { continue }
            let location = separators == ["\n"] ? "\(source):\(index + 1)" : "\(source) entry \(index + 1)"
            guard words.count == 2 || words.count == 3 else {
                throw VouchError("\(location): expected 'TOKEN ROLE [NAME]' or 'TOKEN: ROLE'")
            }
            guard let role = Role(rawValue: words[1]) else {
                throw VouchError("\(location): unknown role '\(words[1])' (allowed: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard words[0].count >= 8 else {
                throw VouchError("\(location): token is too short (at least 8 characters)")
            }
            if grants[words[0]] != nil { throw VouchError("\(location): the same token is given twice") }
            grants[words[0]] = TokenGrant(role: role, name: words.count == 3 ? words[2] : role.rawValue)
        }
        return TokenTable(grants)
    }

    /// Tokens from `--tokens FILE` and the `VOUCH_TOKENS` variable, merged.
    public static func load(file: String?, environment: [String: String]) throws -> TokenTable {
        var table = TokenTable()
        if let file {
            table = try parse(try FileReader.text(file, what: "tokens file"), source: file)
        }
        if let value = environment["VOUCH_TOKENS"], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let more = try parse(value, source: "VOUCH_TOKENS", separators: [",", ";", "\n"])
            for (token, grant) in more.grants {
                if table.grants[token] != nil { throw VouchError("VOUCH_TOKENS: a token is also given in '\(file ?? "")'") }
                table.grants[token] = grant
            }
        }
        return table
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
