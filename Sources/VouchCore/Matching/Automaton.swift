/// Every phrase of every rule and context modifier compiled into one token
/// automaton (a Thompson NFA over vocabulary ids), run once over each
/// sentence. The cost per token depends on how many patterns are part-way
/// through a match, not on how many rules there are.
struct Automaton: Sendable {
    /// Symbols on edges: a vocabulary id (>= 0) or a token class.
    static var anyWord: Int32 { -1 }
    static var number: Int32 { -2 }
    static var time: Int32 { -3 }

    struct Edge: Sendable {
        let symbol: Int32
        let target: Int32
    }

    struct Match: Sendable, Equatable {
        let pattern: Int32
        /// Token indexes: the match covers tokens start..<end.
        let start: Int32
        let end: Int32
    }

    // Built as nested arrays, then flattened (see `Flat`) for scanning.
    private var edges: [[Edge]] = []
    private var epsilons: [[Int32]] = []
    private var accepting: [[Int32]] = []
    private var starts: [Int32] = []
    private var flat = Flat()

    /// The automaton in flat arrays (offsets into one buffer per table), so
    /// a scan touches no reference-counted inner arrays.
    private struct Flat: Sendable {
        var edgeOffsets: [Int32] = []
        var edgeSymbols: [Int32] = []
        var edgeTargets: [Int32] = []
        var closureOffsets: [Int32] = []
        var closureStates: [Int32] = []
        var acceptOffsets: [Int32] = []
        var acceptPatterns: [Int32] = []
        /// Start transitions by symbol: vocabulary ids, then the three classes.
        var startOffsets: [Int32] = []
        var startTargets: [Int32] = []

        static func flatten(_ lists: [[Int32]]) -> ([Int32], [Int32]) {
            var offsets: [Int32] = [0]
            var items: [Int32] = []
            for list in lists { items += list; offsets.append(Int32(items.count)) }
            return (offsets, items)
        }
    }

    /// Builds the automaton; pattern i of `patterns` reports matches as i.
    init(patterns: [PatternNode], vocabulary: inout Vocabulary) {
        for (index, pattern) in patterns.enumerated() {
            let start = newState()
            starts.append(start)
            let end = build(pattern, from: start, vocabulary: &vocabulary)
            accepting[Int(end)].append(Int32(index))
        }
        let closures = (0..<edges.count).map { closure(of: Int32($0)) }
        // Start transitions: slots 0..<vocabulary.count, then any word, number, time.
        var startLists = [[Int32]](repeating: [], count: vocabulary.count + 3)
        for start in starts {
            for state in closures[Int(start)] {
                for edge in edges[Int(state)] {
                    let slot = edge.symbol >= 0 ? Int(edge.symbol) : vocabulary.count + Int(-edge.symbol - 1)
                    startLists[slot].append(edge.target)
                }
            }
        }
        (flat.edgeOffsets, flat.edgeSymbols) = Flat.flatten(edges.map { $0.map(\.symbol) })
        flat.edgeTargets = edges.flatMap { $0.map(\.target) }
        (flat.closureOffsets, flat.closureStates) = Flat.flatten(closures)
        (flat.acceptOffsets, flat.acceptPatterns) = Flat.flatten(accepting)
        (flat.startOffsets, flat.startTargets) = Flat.flatten(startLists)
        classSlot = Int32(vocabulary.count)
    }

    /// Where the class start transitions begin in `startOffsets`.
    private var classSlot: Int32 = 0

    var stateCount: Int { edges.count }

    private mutating func newState() -> Int32 {
        edges.append([]); epsilons.append([]); accepting.append([])
        return Int32(edges.count - 1)
    }

    private mutating func build(_ node: PatternNode, from: Int32, vocabulary: inout Vocabulary) -> Int32 {
        switch node {
        case .literal(let word):
            let to = newState()
            edges[Int(from)].append(Edge(symbol: vocabulary.intern(word), target: to))
            return to
        case .anyWord, .number, .time:
            let to = newState()
            let symbol = node == .anyWord ? Self.anyWord : node == .number ? Self.number : Self.time
            edges[Int(from)].append(Edge(symbol: symbol, target: to))
            return to
        case .sequence(let items):
            return items.reduce(from) { build($1, from: $0, vocabulary: &vocabulary) }
        case .alternatives(let alternatives):
            let join = newState()
            for alternative in alternatives {
                let branchStart = newState()
                epsilons[Int(from)].append(branchStart)
                let end = build(alternative, from: branchStart, vocabulary: &vocabulary)
                epsilons[Int(end)].append(join)
            }
            return join
        case .repeated(let inner, let min, let max):
            var current = from
            for _ in 0..<min { current = build(inner, from: current, vocabulary: &vocabulary) }
            guard max > min else { return current }
            let exit = newState()
            for _ in min..<max {
                epsilons[Int(current)].append(exit)
                current = build(inner, from: current, vocabulary: &vocabulary)
            }
            epsilons[Int(current)].append(exit)
            return exit
        }
    }

    private func closure(of state: Int32) -> [Int32] {
        var seen: Set<Int32> = [state]
        var stack = [state]
        var out: [Int32] = []
        while let s = stack.popLast() {
            out.append(s)
            for t in epsilons[Int(s)] where seen.insert(t).inserted { stack.append(t) }
        }
        return out
    }

    @inline(__always)
    private static func accepts(_ symbol: Int32, _ token: Token) -> Bool {
        if symbol >= 0 { return token.literal == symbol }
        switch symbol {
        case anyWord: return token.isWordLike
        case number: return token.kind == .number
        default: return token.kind == .time
        }
    }

    /// Scratch space reused across sentences: the active threads (state and
    /// start token) of this token and the next, and a per-state stamp that
    /// keeps one thread per state.
    final class Scratch {
        let capacity: Int
        var current: UnsafeMutablePointer<(state: Int32, start: Int32)>
        var next: UnsafeMutablePointer<(state: Int32, start: Int32)>
        let stamp: UnsafeMutablePointer<Int32>
        var step: Int32 = 0

        init(states: Int) {
            capacity = max(states, 1)
            current = .allocate(capacity: capacity)
            next = .allocate(capacity: capacity)
            stamp = .allocate(capacity: capacity)
            stamp.initialize(repeating: -1, count: capacity)
        }

        deinit {
            current.deallocate()
            next.deallocate()
            stamp.deallocate()
        }
    }

    func makeScratch() -> Scratch {
        Scratch(states: edges.count)
    }

    /// Every match of every pattern inside `range` (one sentence), in the
    /// order their last token is reached.
    func scan(_ tokens: [Token], _ range: Range<Int>, scratch: Scratch, into matches: inout [Match]) {
        flat.edgeOffsets.withUnsafeBufferPointer { edgeOffsets in
        flat.edgeSymbols.withUnsafeBufferPointer { edgeSymbols in
        flat.edgeTargets.withUnsafeBufferPointer { edgeTargets in
        flat.closureOffsets.withUnsafeBufferPointer { closureOffsets in
        flat.closureStates.withUnsafeBufferPointer { closureStates in
        flat.startOffsets.withUnsafeBufferPointer { startOffsets in
        flat.startTargets.withUnsafeBufferPointer { startTargets in
        flat.acceptOffsets.withUnsafeBufferPointer { acceptOffsets in
        tokens.withUnsafeBufferPointer { tokens in
            let stamp = scratch.stamp
            var current = scratch.current
            var next = scratch.next
            var currentCount = 0
            var step = scratch.step
            let classSlot = Int(self.classSlot)
            for j in range {
                let token = tokens[j]
                var nextCount = 0
                step &+= 1
                // Threads on their way through a pattern.
                for t in 0..<currentCount {
                    let (state, start) = current[t]
                    for e in Int(edgeOffsets[Int(state)])..<Int(edgeOffsets[Int(state) + 1]) where Self.accepts(edgeSymbols[e], token) {
                        let target = Int(edgeTargets[e])
                        for k in Int(closureOffsets[target])..<Int(closureOffsets[target + 1]) {
                            let c = closureStates[k]
                            if stamp[Int(c)] != step {
                                stamp[Int(c)] = step
                                next[nextCount] = (c, start)
                                nextCount += 1
                            }
                        }
                    }
                }
                // Patterns starting at this token: by its word, then its classes.
                let here = Int32(j)
                var slots = (token.literal >= 0 ? Int(token.literal) : -1, -1, -1, -1)
                if token.isWordLike {
                    slots.1 = classSlot
                    if token.kind == .number { slots.2 = classSlot + 1 }
                    if token.kind == .time { slots.3 = classSlot + 2 }
                }
                for which in 0..<4 {
                    let slot = which == 0 ? slots.0 : which == 1 ? slots.1 : which == 2 ? slots.2 : slots.3
                    if slot < 0 { continue }
                    for s in Int(startOffsets[slot])..<Int(startOffsets[slot + 1]) {
                        let target = Int(startTargets[s])
                        for k in Int(closureOffsets[target])..<Int(closureOffsets[target + 1]) {
                            let c = closureStates[k]
                            if stamp[Int(c)] != step {
                                stamp[Int(c)] = step
                                next[nextCount] = (c, here)
                                nextCount += 1
                            }
                        }
                    }
                }
                for t in 0..<nextCount {
                    let (state, start) = next[t]
                    for k in Int(acceptOffsets[Int(state)])..<Int(acceptOffsets[Int(state) + 1]) {
                        matches.append(Match(pattern: flat.acceptPatterns[k], start: start, end: here + 1))
                    }
                }
                swap(&current, &next)
                currentCount = nextCount
            }
            scratch.step = step
        }}}}}}}}}
    }
}
