import Foundation

/// Times a message states for its next update or for a fix ("we will
/// update you by 15:00 UTC", "expect a fix by 5pm CET", "next update at
/// 2026-11-22 17:00 UTC"), resolved against the time it was sent.
///
/// A time without a zone is UTC; a zone is `UTC`, `GMT`, `Z`, an offset
/// (`+01:00`) or a common abbreviation with a fixed offset (`CET`, `PST`,
/// ...). A time without a date is the first such time at or after the
/// sending (`tomorrow` adds a day). A time belongs to a promise when its
/// sentence names an update ("update", "get back to you", "follow up") or
/// a fix ("fix", "resolved", "restored", "ETA") before it and looks ahead
/// ("will", "next", "by", "expect"); other times ("since 09:40 UTC", "we
/// posted an update at 10:00") are not promises.
public enum StatedTimes {
    public enum Promise: String, Sendable {
        /// The next update on the channel.
        case update
        /// A fix, a resolution or a restoration.
        case fix
    }

    public struct Stated: Sendable, Equatable {
        public let promise: Promise
        public let due: Date
        /// The UTF-8 byte range of the cue through the time.
        public let range: Range<Int>
    }

    static let updateCues = ["next update", "update you", "update this", "update the", "another update", "an update", "provide an update",
                             "post an update", "further update", "updates", "update", "get back to you", "follow up", "be in touch",
                             "hear from us", "check in", "report back", "more information", "more details"]
    static let fixCues = ["eta", "fixed", "fix", "resolved", "resolve", "restored", "restore", "back to normal", "back up", "deployed",
                          "deploy", "live", "complete", "completed", "recover", "recovered"]

    /// A promise looks ahead: without one of these before the time, a time
    /// is a report ("we posted an update at 10:00", "restored at 10:15").
    static let aheadWords = ["will", "'ll", "’ll", "next", "by", "expect", "expected", "expecting", "plan", "planned", "aim", "target",
                             "estimate", "estimated", "eta", "shall", "going to", "should", "within", "no later than", "again"]

    static let zones: [String: Int] = [
        "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "wet": 0, "west": 60,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        "ist": 330, "jst": 540, "aest": 600, "aedt": 660, "sgt": 480, "hkt": 480,
    ]

    // 2026-11-22 17:00, 17:00, 5pm, 5:30 pm, then a zone.
    nonisolated(unsafe) static let time = /(?i)(?:(\d{4})-(\d{2})-(\d{2})[ T])?\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(utc|gmt|z\b|[a-z]{2,4}\b|[+-]\d{2}:?\d{2}))?/

    public static func find(in text: String, sentAt: Date) -> [Stated] {
        var found: [Stated] = []
        for sentence in sentences(text) {
            let lower = text[sentence].lowercased()
            for match in text[sentence].matches(of: time) {
                let hasMinutes = match.output.5 != nil, meridiem = match.output.6.map { $0.lowercased().replacingOccurrences(of: ".", with: "") }
                guard hasMinutes || meridiem != nil, var hour = Int(match.output.4), hour <= 23 else { continue }
                let minute = match.output.5.flatMap { Int($0) } ?? 0
                guard minute < 60 else { continue }
                if let meridiem {
                    guard (1...12).contains(hour) else { continue }
                    hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
                }
                var offset = 0
                var end = match.range.upperBound
                if let zone = match.output.7 {
                    if let minutes = zones[zone.lowercased()] {
                        offset = minutes
                    } else if let minutes = Self.offset(String(zone)) {
                        offset = minutes
                    } else {
                        end = zone.startIndex
                        // A word after the time that is not a zone ("at 17:00 today").
                        if zone.count >= 2, zone.allSatisfy(\.isUppercase) { continue }
                    }
                }
                let before = text[sentence.lowerBound..<match.range.lowerBound].lowercased()
                guard let (promise, cueStart) = cue(before, in: text, sentenceStart: sentence.lowerBound),
                      aheadWords.contains(where: { Self.containsWord($0, in: before) }) else { continue }
                guard let due = resolve(date: (match.output.1, match.output.2, match.output.3), hour: hour, minute: minute,
                                        offsetMinutes: offset, after: sentAt, tomorrow: lower.contains("tomorrow")) else { continue }
                let start = text.utf8.distance(from: text.startIndex, to: cueStart)
                let stop = text.utf8.distance(from: text.startIndex, to: end)
                found.append(Stated(promise: promise, due: due, range: start..<stop))
            }
        }
        return found
    }

    /// The last cue in the sentence before the time: which promise, and where it starts.
    private static func cue(_ before: String, in text: String, sentenceStart: String.Index) -> (Promise, String.Index)? {
        var best: (Promise, String.Index, Int)? = nil
        for (promise, cues) in [(Promise.update, updateCues), (.fix, fixCues)] {
            for cue in cues {
                var search = before.startIndex..<before.endIndex
                while let r = before.range(of: cue, range: search) {
                    let wordStart = r.lowerBound == before.startIndex || !before[before.index(before: r.lowerBound)].isLetter
                    let wordEnd = r.upperBound == before.endIndex || !before[r.upperBound].isLetter || cue == "update"
                    if wordStart && wordEnd {
                        let offset = before.distance(from: before.startIndex, to: r.lowerBound)
                        if best == nil || offset > best!.2 || (promise == .update && offset == best!.2) {
                            best = (promise, text.index(sentenceStart, offsetBy: offset), offset)
                        }
                    }
                    search = r.upperBound..<before.endIndex
                }
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    private static func containsWord(_ word: String, in text: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: word, range: search) {
            let startOK = r.lowerBound == text.startIndex || !text[text.index(before: r.lowerBound)].isLetter || !word.first!.isLetter
            let endOK = r.upperBound == text.endIndex || !text[r.upperBound].isLetter
            if startOK && endOK { return true }
            search = r.upperBound..<text.endIndex
        }
        return false
    }

    /// "+01:00", "-0500" in minutes.
    private static func offset(_ text: String) -> Int? {
        let digits = text.dropFirst().filter(\.isNumber)
        guard let sign = text.first, "+-".contains(sign), digits.count == 4, let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 60 + m)
    }

    private static func resolve(date: (Substring?, Substring?, Substring?), hour: Int, minute: Int, offsetMinutes: Int,
                                after sentAt: Date, tomorrow: Bool) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: offsetMinutes * 60) else { return nil }
        calendar.timeZone = zone
        if let y = date.0.flatMap({ Int($0) }), let m = date.1.flatMap({ Int($0) }), let d = date.2.flatMap({ Int($0) }) {
            return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: hour, minute: minute))
        }
        var day = calendar.dateComponents([.year, .month, .day], from: sentAt)
        day.hour = hour
        day.minute = minute
        guard var due = calendar.date(from: day) else { return nil }
        if due < sentAt { due = calendar.date(byAdding: .day, value: 1, to: due) ?? due }
        if tomorrow, calendar.isDate(due, inSameDayAs: sentAt) { due = calendar.date(byAdding: .day, value: 1, to: due) ?? due }
        return due
    }

    /// Sentences: split after . ! ? and at line breaks.
    private static func sentences(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            let ends = c == "\n" || ((c == "." || c == "!" || c == "?") && (next == text.endIndex || text[next].isWhitespace))
            if ends {
                ranges.append(start..<next)
                start = next
            }
            i = next
        }
        if start < text.endIndex { ranges.append(start..<text.endIndex) }
        return ranges
    }
}
