import Foundation

/// The lazily built DFA of an `Automaton`: DFA states are sets of live NFA
/// states, made when a scan first reaches them; transitions are computed
/// once per (state, token symbol) and kept in an open-addressing table.
///
/// A token's symbol is its vocabulary id and kind (a word no rule mentions
/// is just its kind), so every word outside the vocabulary shares one
/// transition. State 0 is the empty set: the state at a sentence start.
/// When the cache grows past `stateLimit` states it starts over, so memory
/// stays bounded on text that keeps reaching new combinations.
final class DFACache {
    let nfa: Automaton.NFA
    static let stateLimit = 40_000

    // DFA states: their sorted NFA states and the patterns they accept.
    private var setOffsets: [Int32] = [0]
    private var setStates: [Int32] = []
    private var acceptOffsets: [Int32] = [0]
    private var acceptPatterns: [Int32] = []
    /// Per state: whether it accepts any pattern (the scan loop's one check).
    private var acceptsAny: [Bool] = []
    private var index: [[Int32]: Int32] = [:]

    // Transitions: key (state << 32 | symbol) + 1, 0 for an empty slot.
    private var keys: [UInt64]
    private var values: [Int32]
    private var used = 0

    /// Reused by the automaton's leftmost-start search.
    var startStamp: [Int32]
    var startStep: Int32 = 0

    // Reused while computing a step.
    private var stamp: [Int32]
    private var step: Int32 = 0
    private var next: [Int32] = []

    init(nfa: Automaton.NFA) {
        self.nfa = nfa
        keys = Array(repeating: 0, count: 1 << 12)
        values = Array(repeating: 0, count: 1 << 12)
        stamp = Array(repeating: -1, count: max(nfa.stateCount, 1))
        startStamp = stamp
        _ = add([])
    }

    var stateCount: Int { setOffsets.count - 1 }

    /// The patterns state `state` accepts (ends a match of).
    @inline(__always)
    func accepted(_ state: Int32) -> ArraySlice<Int32> {
        acceptPatterns[Int(acceptOffsets[Int(state)])..<Int(acceptOffsets[Int(state) + 1])]
    }

    @inline(__always)
    private static func key(_ state: Int32, _ literal: Int32, _ kind: Token.Kind) -> UInt64 {
        (UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: literal &+ 1)) << 3 | UInt64(kind.rawValue)) &+ 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Runs the DFA over `tokens[range]` from the empty state and calls
    /// `accept` with each token index at which some pattern ends, and the
    /// patterns. Cached steps run in a tight loop over raw buffers; a step
    /// not yet computed leaves it, is computed, and the loop resumes.
    func run(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>, accept: (Int, ArraySlice<Int32>) -> Void) {
        var state: Int32 = 0
        var j = range.lowerBound
        let end = range.upperBound
        while j < end {
            // Cached steps until a miss (-1) or an accepting state.
            let stop: Int32 = keys.withUnsafeBufferPointer { keys in
                values.withUnsafeBufferPointer { values in
                    acceptsAny.withUnsafeBufferPointer { acceptsAny in
                        let mask = keys.count - 1
                        while j < end {
                            let token = tokens[j]
                            let key = Self.key(state, token.literal, token.kind)
                            var slot = Self.slot(key, mask)
                            while true {
                                let k = keys[slot]
                                if k == key { break }
                                if k == 0 { return -1 }
                                slot = (slot + 1) & mask
                            }
                            state = values[slot]
                            if acceptsAny[Int(state)] { return 1 }
                            j += 1
                        }
                        return 0
                    }
                }
            }
            if stop == -1 {
                state = computeNext(state, literal: tokens[j].literal, kind: tokens[j].kind)
                if !acceptsAny[Int(state)] { j += 1; continue }
            }
            if stop != 0 {
                accept(j, accepted(state))
                j += 1
            }
        }
    }

    private func computeNext(_ state: Int32, literal: Int32, kind: Token.Kind) -> Int32 {
        let target = nfaStep(Int(state), literal: literal, kind: kind)
        if let known = index[target] {
            insert(Self.key(state, literal, kind), known)
            return known
        }
        if stateCount >= Self.stateLimit {
            // Start over; `state` belongs to the old cache, so this one
            // step is not remembered.
            reset()
            return add(target)
        }
        let id = add(target)
        insert(Self.key(state, literal, kind), id)
        return id
    }

    private func reset() {
        setOffsets = [0]; setStates = []
        acceptOffsets = [0]; acceptPatterns = []; acceptsAny = []
        index = [:]
        keys = Array(repeating: 0, count: 1 << 12)
        values = Array(repeating: 0, count: 1 << 12)
        used = 0
        _ = add([])
    }

    /// The NFA states live after reading a token from the states of `state`.
    private func nfaStep(_ state: Int, literal: Int32, kind: Token.Kind) -> [Int32] {
        step &+= 1
        next.removeAll(keepingCapacity: true)
        let nfa = self.nfa
        func add(_ target: Int) {
            for k in Int(nfa.closureOffsets[target])..<Int(nfa.closureOffsets[target + 1]) {
                let c = nfa.closureStates[k]
                if stamp[Int(c)] != step { stamp[Int(c)] = step; next.append(c) }
            }
        }
        do {
            for i in Int(setOffsets[state])..<Int(setOffsets[state + 1]) {
                let s = Int(setStates[i])
                for e in Int(nfa.edgeOffsets[s])..<Int(nfa.edgeOffsets[s + 1])
                where Automaton.NFA.accepts(nfa.edgeSymbols[e], literal: literal, kind: kind) {
                    add(Int(nfa.edgeTargets[e]))
                }
            }
        }
        // Patterns starting at this token: by its word, then its classes.
        var slots: [Int] = []
        if literal >= 0 { slots.append(Int(literal)) }
        if kind == .word || kind == .number || kind == .time || kind == .past {
            slots.append(Int(nfa.classSlot))
            if kind == .number { slots.append(Int(nfa.classSlot) + 1) }
            if kind == .time { slots.append(Int(nfa.classSlot) + 2) }
            if kind == .past { slots.append(Int(nfa.classSlot) + 3) }
        }
        for slot in slots {
            for s in Int(nfa.startOffsets[slot])..<Int(nfa.startOffsets[slot + 1]) { add(Int(nfa.startTargets[s])) }
        }
        return next.sorted()
    }

    private func add(_ states: [Int32]) -> Int32 {
        let id = Int32(stateCount)
        setStates += states
        setOffsets.append(Int32(setStates.count))
        var accepts: [Int32] = []
        for s in states {
            accepts += nfa.acceptPatterns[Int(nfa.acceptOffsets[Int(s)])..<Int(nfa.acceptOffsets[Int(s) + 1])]
        }
        acceptPatterns += accepts.sorted()
        acceptOffsets.append(Int32(acceptPatterns.count))
        acceptsAny.append(!accepts.isEmpty)
        index[states] = id
        return id
    }

    private func insert(_ key: UInt64, _ value: Int32) {
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Self.slot(key, mask)
        while keys[slot] != 0 {
            if keys[slot] == key { values[slot] = value; return }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = value
        used += 1
    }

    private func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        used = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { insert(k, v) }
    }

    /// Caches not in use, shared by every check of one pack.
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [DFACache] = []

        func take() -> DFACache? {
            lock.lock(); defer { lock.unlock() }
            return idle.popLast()
        }

        func give(_ cache: DFACache) {
            lock.lock(); defer { lock.unlock() }
            idle.append(cache)
        }
    }
}
