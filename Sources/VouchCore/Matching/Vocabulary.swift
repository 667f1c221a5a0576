import Foundation

/// Interned words: every literal token the rule pack mentions gets a dense
/// id, and the tokenizer looks each input token up once, by its folded
/// UTF-8 bytes, without building a String.
///
/// The words live in one flat byte buffer (no array per word), so a lookup
/// touches no reference counts.
struct Vocabulary: Sendable {
    private var bytes: [UInt8] = []
    /// Word i is bytes[offsets[i]..<offsets[i + 1]].
    private var offsets: [Int32] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    /// The id of each one-byte ASCII word (punctuation marks mostly), -1
    /// for none: the tokenizer's lookup for a mark, without hashing.
    private(set) var asciiIDs = [Int32](repeating: -1, count: 128)
    /// Per id: 1 an irregular past form, 2 an -ed word that is not past,
    /// 0 neither (the tokenizer then reads the -ed suffix).
    private(set) var pastFlags: [UInt8] = []

    var count: Int { offsets.count - 1 }

    /// Interns the lexicon's irregular past forms and its -ed words that are
    /// not past, and marks them for the tokenizer.
    mutating func markPast(_ past: Set<String>, notPast: Set<String>) {
        for word in past.sorted() { _ = intern(Array(word.utf8)) }
        for word in notPast.sorted() { _ = intern(Array(word.utf8)) }
        pastFlags = [UInt8](repeating: 0, count: count)
        for word in past { pastFlags[Int(intern(Array(word.utf8)))] = 1 }
        for word in notPast { pastFlags[Int(intern(Array(word.utf8)))] = 2 }
    }

    /// Whether a folded word (looked up as `id`) is a past-tense form.
    @inline(__always)
    func isPast(_ word: UnsafeBufferPointer<UInt8>, id: Int32) -> Bool {
        if id >= 0, Int(id) < pastFlags.count, pastFlags[Int(id)] != 0 { return pastFlags[Int(id)] == 1 }
        let n = word.count
        guard n >= 4, word[n - 1] == UInt8(ascii: "d"), word[n - 2] == UInt8(ascii: "e") else { return false }
        for b in word where b < 0x61 || b > 0x7A { return false }
        return true
    }

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
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        bytes += word
        offsets.append(Int32(bytes.count))
        if word.count == 1, word[0] < 0x80 { asciiIDs[Int(word[0])] = id }
        insert(id)
        return id
    }

    /// The id of a word, or -1 when no rule mentions it.
    @inline(__always)
    func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { offsets in
                bytes.withUnsafeBufferPointer { bytes in
                    let mask = slots.count - 1
                    var slot = Self.hash(word) & mask
                    while true {
                        let id = slots[slot]
                        if id < 0 { return -1 }
                        let start = Int(offsets[Int(id)]), end = Int(offsets[Int(id) + 1])
                        if end - start == word.count && (word.count == 0 || memcmp(bytes.baseAddress! + start, word.baseAddress!, word.count) == 0) {
                            return id
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    func word(_ id: Int32) -> String {
        String(decoding: bytes[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])], as: UTF8.self)
    }

    private mutating func insert(_ id: Int32) {
        let mask = slots.count - 1
        var slot = bytes[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])].withUnsafeBufferPointer { Self.hash($0) } & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for id in 0..<count { insert(Int32(id)) }
    }
}
