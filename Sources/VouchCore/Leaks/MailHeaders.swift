/// The lines of a draft that are the header of a quoted or forwarded mail:
/// `From:`, `To:`, `Cc:`, `Bcc:`, `Reply-To:` and `Sender:` lines (after
/// any `>` quote markers), and a quote's attribution line ("On Tue, Nov 24,
/// 2026 at 9:12 AM Dana Lee <dana@northstar.dev> wrote:"). The addresses
/// there are the customer's own correspondence, quoted back: not a leak.
struct MailHeaders {
    /// Byte ranges of header lines, sorted.
    private(set) var lines: [Range<Int>] = []

    private static let fields = ["from", "to", "cc", "bcc", "reply-to", "sender"].map { Array($0.utf8) }

    init(_ bytes: [UInt8]) {
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != 0x0A { end += 1 }
            if Self.isHeader(bytes[start..<end]) { lines.append(start..<end) }
            start = end + 1
        }
    }

    func contains(_ range: Range<Int>) -> Bool {
        var low = 0, high = lines.count
        while low < high {
            let mid = (low + high) / 2
            if lines[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < lines.count && lines[low].lowerBound <= range.lowerBound && range.upperBound <= lines[low].upperBound
    }

    private static func isHeader(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x3E || line[i] == 0x20 || line[i] == 0x09 { i += 1 }   // "> > "
        // "*From:*" in a mail client's bold rendering.
        while i < line.endIndex, line[i] == 0x2A { i += 1 }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
        for field in fields where line.endIndex - i > field.count {
            if zip(line[i..<(i + field.count)], field).allSatisfy({ lower($0) == $1 }) {
                var j = i + field.count
                while j < line.endIndex, line[j] == 0x2A { j += 1 }
                if j < line.endIndex, line[j] == 0x3A { return true }
            }
        }
        // "On <date>, <name> <address> wrote:" (the attribution may be cut
        // over two lines by the client; its first line starts with "On ").
        var end = line.endIndex
        while end > i, line[end - 1] == 0x20 || line[end - 1] == 0x0D || line[end - 1] == 0x09 { end -= 1 }
        let onPrefix = end - i > 3 && lower(line[i]) == 0x6F && lower(line[i + 1]) == 0x6E && line[i + 2] == 0x20
        let wrote = Array("wrote:".utf8)
        let endsWrote = end - i >= wrote.count && zip(line[(end - wrote.count)..<end], wrote).allSatisfy { lower($0) == $1 }
        return onPrefix && endsWrote
    }
}
