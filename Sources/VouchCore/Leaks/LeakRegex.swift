import CICU
import Foundation

/// A leak rule's regular expression (ICU syntax), searched over UTF-8 bytes
/// in place. The pack keeps one compiled prototype per rule; each scan
/// works on its own clone, since one ICU matcher is not for two threads.
final class LeakRegex: @unchecked Sendable {
    private let handle: OpaquePointer
    private var ranges = [Int32](repeating: 0, count: 32)
    /// Clones not in use (on the prototype only): a check borrows one per
    /// rule and gives it back, so a busy server clones each regex once per
    /// concurrent check, not once per request.
    private let lock = NSLock()
    private var idle: [LeakRegex] = []

    /// Compiles `pattern`; throws ICU's reason ("mismatched paren at offset 11").
    init(_ pattern: String) throws {
        var error = [CChar](repeating: 0, count: 128)
        let bytes = Array(pattern.utf8)
        let handle = bytes.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) {
                vouch_regex_open($0.baseAddress, Int32($0.count), &error, Int32(error.count))
            }
        }
        guard let handle else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw VouchError(reason.replacingOccurrences(of: "U_REGEX_", with: "").replacingOccurrences(of: "U_", with: "")
                .replacingOccurrences(of: "_", with: " ").lowercased())
        }
        self.handle = handle
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { vouch_regex_close(handle) }

    /// A matcher of its own for one scan; `giveBack` it when done.
    func borrow() -> LeakRegex {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        guard let copy = vouch_regex_clone(handle) else { fatalError("ICU could not clone a compiled regular expression") }
        return LeakRegex(handle: copy)
    }

    func giveBack(_ clone: LeakRegex) {
        lock.lock()
        idle.append(clone)
        lock.unlock()
    }

    /// Searches that passed ICU's time limit (a pattern that backtracks
    /// catastrophically on some text), on this matcher, since it was made.
    private(set) var timeouts = 0

    /// Byte ranges of every match in `text`; none when the search passed
    /// the time limit (counted in `timeouts`).
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        while true {
            let found = ranges.withUnsafeMutableBufferPointer { out in
                vouch_regex_find(handle, text.baseAddress, Int32(text.count), out.baseAddress, Int32(out.count / 2))
            }
            if found == VOUCH_REGEX_TIMED_OUT { timeouts += 1 }
            if found <= 0 { return [] }
            if Int(found) * 2 > ranges.count {
                ranges = [Int32](repeating: 0, count: Int(found) * 2)
                continue
            }
            return (0..<Int(found)).map { Int(ranges[2 * $0])..<Int(ranges[2 * $0 + 1]) }
        }
    }
}
