import Foundation

/// Messages and suggestions with placeholders: `{match}` (the words that
/// matched), `{reason}` (why the facts do not allow it, "verified.all_impacted
/// is false"), `{fact}` (the fact path), and any fact path of the facts file
/// (`{next_update_at}`, `{eta}`, `{cause.summary}`).
public enum MessageTemplate {
    static let builtIns: Set<String> = ["match", "reason", "fact"]

    /// The placeholders in `template`, in order.
    static func placeholders(_ template: String) -> [String] {
        var out: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func validate(_ template: String, error: (String) -> VouchError) throws {
        for name in placeholders(template) where !builtIns.contains(name) && FactsSchema.field(name) == nil {
            throw error("unknown placeholder {\(name)} (use {match}, {reason}, {fact} or a fact path such as {next_update_at})")
        }
    }

    /// The filled template, or nil when it names a fact that is not set and
    /// no stand-in for unset facts is given.
    static func render(_ template: String, values: [String: String], facts: Facts?, unset: String? = nil) -> String? {
        // On UTF-8 bytes: "{" and "}" never occur inside a multi-byte character.
        var template = template
        return template.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var i = 0
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "{"), let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    out.append(bytes[i]); i += 1; continue
                }
                let name = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                if let builtIn = values[name] {
                    out += builtIn.utf8
                } else if let fact = facts?[name] {
                    out += describe(fact).utf8
                } else if let unset {
                    out += unset.utf8
                } else {
                    return nil
                }
                i = close + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A fact value as a person reads it; times as "2026-11-22 17:00 UTC".
    public static func describe(_ value: FactValue) -> String {
        switch value {
        case .string(let s), .enumeration(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .list(let items): return items.joined(separator: ", ")
        case .timestamp(let date): return Timestamp.readable(date)
        }
    }
}
