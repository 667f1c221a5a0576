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
        case .timestamp(let date): return utc(date)
        }
    }

    /// "2026-11-22 17:00 UTC", by calendar arithmetic (a DateFormatter per
    /// message would cost more than the whole check of its sentence).
    static func utc(_ date: Date) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let minuteOfDay = (seconds - days * 86_400) / 60
        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(minuteOfDay / 60)):\(two(minuteOfDay % 60)) UTC"
    }
}
