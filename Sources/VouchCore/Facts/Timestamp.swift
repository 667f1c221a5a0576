import Foundation

/// Times as Vouch reads and writes them, in one place: facts files and
/// conditions in ISO 8601, messages as people read them, the store and the
/// API with milliseconds.
public enum Timestamp {
    /// "2026-11-22T17:00:00Z": a fact's value as a condition or the API shows it.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// "2026-11-22T17:00:00.000Z": when a version or message was stored.
    public static func iso8601Milliseconds(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The inverse of `iso8601Milliseconds`.
    public static func parseISO8601Milliseconds(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// "2026-11-22 17:00 UTC", by calendar arithmetic (a DateFormatter per
    /// message would cost more than the whole check of its sentence).
    public static func readable(_ date: Date) -> String {
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

    /// Parses a time as facts files write it: ISO 8601
    /// (`2026-11-22T17:00:00Z`, `+02:00` offsets, fractional seconds) and the
    /// YAML timestamp forms (`2026-11-22 17:00:00+00:00`,
    /// `2026-11-22 17:00:00`, and a date alone, `2026-11-22`, meaning
    /// midnight). Without an offset the time is UTC. Seconds may be left out
    /// (`2026-11-22T17:00Z`).
    ///
    /// The grammar, read by hand (a regex built per call cost more than the
    /// rest of a facts file):
    /// `YYYY-M(M)-D(D)[(T|t|blanks)H(H):MM[:SS[(.|,)F+]][blanks*(Z|z|±H(H)[[:]MM])]]`.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Substring? {
            var k = i
            while k < bytes.count, k - i < max, bytes[k] >= 0x30, bytes[k] <= 0x39 { k += 1 }
            guard k - i >= min else { return nil }
            defer { i = k }
            return Substring(String(decoding: bytes[i..<k], as: UTF8.self))
        }
        func take(_ c: Character) -> Bool {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        func blanks() -> Int {
            let from = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i - from
        }
        guard let year = digits(4, 4).flatMap({ Int($0) }), take("-"), let month = digits(1, 2).flatMap({ Int($0) }),
              take("-"), let day = digits(1, 2).flatMap({ Int($0) }) else { return nil }
        var hour: Substring? = nil, minute: Substring? = nil, second: Substring? = nil
        var fraction: Substring? = nil, zone: Substring? = nil
        if i < bytes.count {
            guard take("T") || take("t") || blanks() > 0, let h = digits(1, 2), take(":"), let m = digits(2, 2) else { return nil }
            hour = h; minute = m
            if take(":") {
                guard let s = digits(2, 2) else { return nil }
                second = s
                if take(".") || take(",") {
                    guard let f = digits(1, Int.max) else { return nil }
                    fraction = f
                }
            }
            _ = blanks()
            if take("Z") { zone = "Z" } else if take("z") { zone = "z" } else if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D {
                // ±H, ±HH, ±HMM, ±HHMM, ±H:MM, ±HH:MM
                let rest = String(decoding: bytes[i...], as: UTF8.self)
                let body = rest.dropFirst()
                let colon = body.firstIndex(of: ":")
                let numbers = body.split(separator: ":", omittingEmptySubsequences: false)
                let valid = body.allSatisfy { $0 == ":" || $0.isASCII && $0.isNumber }
                    && (colon == nil ? (1...4).contains(body.count) : numbers.count == 2 && (1...2).contains(numbers[0].count) && numbers[1].count == 2)
                guard valid else { return nil }
                zone = Substring(rest)
                i = bytes.count
            }
            guard i == bytes.count else { return nil }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let h = hour.flatMap { Int($0) } ?? 0
        let m = minute.flatMap { Int($0) } ?? 0
        let s = second.flatMap { Int($0) } ?? 0
        guard h < 24, m < 60, s < 60, let offset = offsetSeconds(zone) else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + h * 3_600 + m * 60 + s - offset
        let fractionalPart = fraction.flatMap { Double("0.\($0)") } ?? 0
        return Date(timeIntervalSince1970: Double(seconds) + fractionalPart)
    }

    /// Seconds east of UTC for "Z", "+02:00", "+0200", "-5"; nil when out of
    /// range.
    private static func offsetSeconds(_ zone: Substring?) -> Int? {
        guard let zone, zone != "Z", zone != "z" else { return 0 }
        let sign = zone.first == "-" ? -1 : 1
        let digits = zone.dropFirst().filter { $0 != ":" }
        let hours = Int(String(digits.count > 2 ? digits.prefix(digits.count - 2) : digits[...])) ?? 99
        let minutes = digits.count > 2 ? Int(String(digits.suffix(2))) ?? 99 : 0
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
