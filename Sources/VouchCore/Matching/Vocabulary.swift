import Foundation

/// Interned words: every literal token the rule pack mentions gets a dense
/// id, and the tokenizer looks each input token up once, by its folded
/// UTF-8 bytes, without building a String.
struct Vocabulary: Sendable {
    private(set) var words: [[UInt8]] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { words.count }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of `word`, adding it when new.
    mutating func intern(_ word: [UInt8]) -> Int32 {
        let existing = word.withUnsafeBufferPointer { lookup($0) }
        if existing >= 0 { return existing }
        if (words.count + 1) * 2 > slots.count { grow() }
        let id = Int32(words.count)
        words.append(word)
        insert(id)
        return id
    }

    /// The id of a word, or -1 when no rule mentions it.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return -1 }
            if Self.equal(words[Int(id)], bytes) { return id }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func equal(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == bytes.count else { return false }
        return word.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    func word(_ id: Int32) -> String { String(decoding: words[Int(id)], as: UTF8.self) }

    private mutating func insert(_ id: Int32) {
        let mask = slots.count - 1
        var slot = words[Int(id)].withUnsafeBufferPointer { Self.hash($0) } & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for id in words.indices { insert(Int32(id)) }
    }
}
