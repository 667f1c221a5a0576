/// A set of byte values with a constant-time, hash-free lookup, for the
/// scanners that look at every byte of a draft.
struct ByteSet: Sendable {
    private let members: [Bool]

    init(_ bytes: some Sequence<UInt8>) {
        var members = [Bool](repeating: false, count: 256)
        for b in bytes { members[Int(b)] = true }
        self.members = members
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}
