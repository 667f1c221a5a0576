/// Every phrase of every rule and context modifier compiled into one token
/// automaton, run once over each sentence.
///
/// The patterns are built as one Thompson NFA over vocabulary ids. A scan
/// runs it as a lazily built DFA (`DFACache`): each set of live NFA states
/// becomes one DFA state the first time the text reaches it, and each
/// (state, token symbol) step is computed once and then looked up, so a
/// token costs one table lookup however many patterns are part-way through
/// a match. The DFA only says which patterns end at a token; where such a
/// match starts (the leftmost start) is found by running that one pattern
/// anchored from each candidate start, which is cheap because matches are
/// rare and patterns are short.
struct Automaton: Sendable {
    /// Symbols on edges: a vocabulary id (>= 0) or a token class.
    static var anyWord: Int32 { -1 }
    static var number: Int32 { -2 }
    static var time: Int32 { -3 }
    static var past: Int32 { -4 }
    /// How many class symbols there are (-1 ... -classCount).
    static var classCount: Int { 4 }

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

    // Built as nested arrays, then flattened (see `NFA`) for scanning.
    private var edges: [[Edge]] = []
    private var epsilons: [[Int32]] = []
    private var accepting: [[Int32]] = []
    private(set) var nfa = NFA()
    private let pool = DFACache.Pool()

    /// The NFA in flat arrays (offsets into one buffer per table).
    struct NFA: Sendable {
        var edgeOffsets: [Int32] = []
        var edgeSymbols: [Int32] = []
        var edgeTargets: [Int32] = []
        /// Epsilon closures, keeping only states that matter to a scan:
        /// those with a token edge or that accept.
        var closureOffsets: [Int32] = []
        var closureStates: [Int32] = []
        var acceptOffsets: [Int32] = []
        var acceptPatterns: [Int32] = []
        /// Start transitions by symbol: vocabulary ids, then the three classes.
        var startOffsets: [Int32] = []
        var startTargets: [Int32] = []
        /// Where the class start transitions begin in `startOffsets`.
        var classSlot: Int32 = 0
        /// Per pattern: its start state, its accepting state, and the most
        /// tokens a match can span.
        var patternStart: [Int32] = []
        var patternAccept: [Int32] = []
        var patternLength: [Int32] = []
        /// Whether every match of the pattern spans `patternLength` tokens.
        var patternFixed: [Bool] = []
        /// Per pattern, the edge symbols its first token can take (sorted),
        /// so a start search skips tokens that cannot begin it.
        var firstOffsets: [Int32] = [0]
        var firstSymbols: [Int32] = []

        /// Whether a token can begin `pattern`: its class symbols (negative,
        /// sorted first) one by one, its word by binary search.
        @inline(__always)
        func canBegin(_ pattern: Int, literal: Int32, kind: Token.Kind) -> Bool {
            var low = Int(firstOffsets[pattern])
            var high = Int(firstOffsets[pattern + 1])
            while low < high, firstSymbols[low] < 0 {
                if NFA.accepts(firstSymbols[low], literal: literal, kind: kind) { return true }
                low += 1
            }
            guard literal >= 0 else { return false }
            while low < high {
                let mid = (low + high) / 2
                if firstSymbols[mid] < literal { low = mid + 1 } else { high = mid }
            }
            return low < Int(firstOffsets[pattern + 1]) && firstSymbols[low] == literal
        }
        var stateCount: Int { edgeOffsets.count - 1 }

        static func flatten(_ lists: [[Int32]]) -> ([Int32], [Int32]) {
            var offsets: [Int32] = [0]
            var items: [Int32] = []
            for list in lists { items += list; offsets.append(Int32(items.count)) }
            return (offsets, items)
        }

        @inline(__always)
        static func accepts(_ symbol: Int32, literal: Int32, kind: Token.Kind) -> Bool {
            if symbol >= 0 { return literal == symbol }
            switch symbol {
            case Automaton.anyWord: return kind == .word || kind == .number || kind == .time || kind == .past
            case Automaton.number: return kind == .number
            case Automaton.past: return kind == .past
            default: return kind == .time
            }
        }
    }

    /// Builds the automaton; pattern i of `patterns` reports matches as i.
    init(patterns: [PatternNode], vocabulary: inout Vocabulary) {
        var nfa = NFA()
        var starts: [Int32] = []
        for (index, pattern) in patterns.enumerated() {
            let start = newState()
            starts.append(start)
            let end = build(pattern, from: start, vocabulary: &vocabulary)
            accepting[Int(end)].append(Int32(index))
            nfa.patternAccept.append(end)
            nfa.patternLength.append(Int32(pattern.maxLength))
            nfa.patternFixed.append(pattern.minLength == pattern.maxLength)
        }
        nfa.patternStart = starts
        let edges = self.edges, accepting = self.accepting
        let matters = edges.indices.map { !edges[$0].isEmpty || !accepting[$0].isEmpty }
        var seen = [Bool](repeating: false, count: edges.count)
        // Closures are read only for edge targets and pattern starts; written
        // straight into the flat table, unsorted (the DFA sorts its sets).
        var needed = [Bool](repeating: false, count: edges.count)
        for list in edges { for edge in list { needed[Int(edge.target)] = true } }
        for start in starts { needed[Int(start)] = true }
        var reached: [Int32] = []
        nfa.closureOffsets = [0]
        nfa.closureOffsets.reserveCapacity(edges.count + 1)
        for state in 0..<edges.count {
            if needed[state] {
                closure(of: Int32(state), seen: &seen, into: &reached)
                nfa.closureStates += reached.lazy.filter { matters[Int($0)] }
            }
            nfa.closureOffsets.append(Int32(nfa.closureStates.count))
        }
        // The states of a pattern's start that have edges, from the table.
        let table = nfa
        func startStates(_ start: Int32) -> ArraySlice<Int32> {
            table.closureStates[Int(table.closureOffsets[Int(start)])..<Int(table.closureOffsets[Int(start) + 1])]
        }
        // Start transitions: slots 0..<vocabulary.count, then any word, number, time, past.
        var startLists = [[Int32]](repeating: [], count: vocabulary.count + Self.classCount)
        for start in starts {
            for state in startStates(start) {
                for edge in edges[Int(state)] {
                    let slot = edge.symbol >= 0 ? Int(edge.symbol) : vocabulary.count + Int(-edge.symbol - 1)
                    startLists[slot].append(edge.target)
                }
            }
        }
        (nfa.edgeOffsets, nfa.edgeSymbols) = NFA.flatten(edges.map { $0.map(\.symbol) })
        nfa.edgeTargets = edges.flatMap { $0.map(\.target) }
        (nfa.acceptOffsets, nfa.acceptPatterns) = NFA.flatten(accepting)
        (nfa.startOffsets, nfa.startTargets) = NFA.flatten(startLists)
        (nfa.firstOffsets, nfa.firstSymbols) = NFA.flatten(starts.map { start in
            Array(Set(startStates(start).flatMap { edges[Int($0)].map(\.symbol) })).sorted()
        })
        nfa.classSlot = Int32(vocabulary.count)
        self.nfa = nfa
        self.edges = []
        self.epsilons = []
        self.accepting = []
    }

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
        case .anyWord, .number, .time, .past:
            let to = newState()
            let symbol = node == .anyWord ? Self.anyWord : node == .number ? Self.number : node == .time ? Self.time : Self.past
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

    /// The states reachable from `state` by epsilon moves; `seen` is all
    /// false on entry and on return.
    private func closure(of state: Int32, seen: inout [Bool], into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        seen[Int(state)] = true
        out.append(state)
        var next = 0
        while next < out.count {
            let s = out[next]
            next += 1
            for t in epsilons[Int(s)] where !seen[Int(t)] { seen[Int(t)] = true; out.append(t) }
        }
        for s in out { seen[Int(s)] = false }
    }

    /// What one scan uses and the next can reuse: a DFA cache taken from
    /// the automaton's pool for as long as the scratch lives, so concurrent
    /// checks never share one.
    final class Scratch {
        let cache: DFACache
        private let pool: DFACache.Pool
        var threads: [(state: Int32, start: Int32)] = []
        var nextThreads: [(state: Int32, start: Int32)] = []

        init(pool: DFACache.Pool, nfa: NFA) {
            self.pool = pool
            self.cache = pool.take() ?? DFACache(nfa: nfa)
        }

        deinit { pool.give(cache) }
    }

    func makeScratch() -> Scratch {
        Scratch(pool: pool, nfa: nfa)
    }

    /// Every match of every pattern inside `range` (one sentence), in the
    /// order their last token is reached; one match per pattern and end
    /// token, starting at the leftmost token that makes it match.
    func scan(_ tokens: [Token], _ range: Range<Int>, scratch: Scratch, into matches: inout [Match]) {
        tokens.withUnsafeBufferPointer { tokens in
            scratch.cache.run(tokens, range) { j, accepted in
                for pattern in accepted {
                    let start = leftmostStart(Int(pattern), end: j, lowest: range.lowerBound, tokens: tokens, scratch: scratch)
                    matches.append(Match(pattern: pattern, start: Int32(start), end: Int32(j + 1)))
                }
            }
        }
    }

    /// The leftmost token from which `pattern` matches up to and including
    /// token `end`: one pass of that pattern's NFA over the window a match
    /// can span, starting a thread at every token and keeping, per state,
    /// the thread that started first.
    private func leftmostStart(_ pattern: Int, end: Int, lowest: Int, tokens: UnsafeBufferPointer<Token>, scratch: Scratch) -> Int {
        let first = max(lowest, end + 1 - Int(nfa.patternLength[pattern]))
        if nfa.patternFixed[pattern] { return first }
        let begin = Int(nfa.patternStart[pattern])
        let accept = nfa.patternAccept[pattern]
        var current = scratch.threads, next = scratch.nextThreads
        // Per NFA state, the step that last added a thread to it (kept with
        // the pooled cache, so a check allocates none).
        var stamp = scratch.cache.startStamp, step = scratch.cache.startStep
        scratch.threads = []; scratch.nextThreads = []; scratch.cache.startStamp = []
        current.removeAll(keepingCapacity: true)
        var best = end
        for j in first...end {
            let token = tokens[j]
            next.removeAll(keepingCapacity: true)
            step &+= 1
            // Older threads first, then one starting here: the first thread to
            // reach a state has the leftmost start.
            func advance(_ state: Int32, _ start: Int32) {
                for e in Int(nfa.edgeOffsets[Int(state)])..<Int(nfa.edgeOffsets[Int(state) + 1])
                where NFA.accepts(nfa.edgeSymbols[e], literal: token.literal, kind: token.kind) {
                    let target = Int(nfa.edgeTargets[e])
                    for k in Int(nfa.closureOffsets[target])..<Int(nfa.closureOffsets[target + 1]) {
                        let c = nfa.closureStates[k]
                        if stamp[Int(c)] != step { stamp[Int(c)] = step; next.append((c, start)) }
                    }
                }
            }
            for thread in current { advance(thread.state, thread.start) }
            if nfa.canBegin(pattern, literal: token.literal, kind: token.kind) {
                for k in Int(nfa.closureOffsets[begin])..<Int(nfa.closureOffsets[begin + 1]) { advance(nfa.closureStates[k], Int32(j)) }
            }
            swap(&current, &next)
        }
        if let done = current.first(where: { $0.state == accept }) { best = Int(done.start) }
        scratch.threads = current
        scratch.nextThreads = next
        scratch.cache.startStamp = stamp
        scratch.cache.startStep = step
        return best
    }
}
