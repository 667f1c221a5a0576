/// Every phrase of every rule and context modifier compiled into one token
/// automaton (a Thompson NFA over vocabulary ids), run once over each
/// sentence. The cost per token depends on how many patterns are part-way
/// through a match, not on how many rules there are.
struct Automaton: Sendable {
    /// Symbols on edges: a vocabulary id (>= 0) or a token class.
    static let anyWord: Int32 = -1
    static let number: Int32 = -2
    static let time: Int32 = -3

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

    private var edges: [[Edge]] = []
    private var epsilons: [[Int32]] = []
    private var accepting: [[Int32]] = []
    private var closures: [[Int32]] = []
    private var starts: [Int32] = []
    /// Start-closure edges by the symbol that leaves them.
    private var startByLiteral: [[Int32]] = []
    private var startByClass: [[Int32]] = [[], [], []]

    /// Builds the automaton; pattern i of `patterns` reports matches as i.
    init(patterns: [PatternNode], vocabulary: inout Vocabulary) {
        for (index, pattern) in patterns.enumerated() {
            let start = newState()
            starts.append(start)
            let end = build(pattern, from: start, vocabulary: &vocabulary)
            accepting[Int(end)].append(Int32(index))
        }
        closures = (0..<edges.count).map { closure(of: Int32($0)) }
        startByLiteral = Array(repeating: [], count: vocabulary.count)
        for start in starts {
            for state in closures[Int(start)] {
                for edge in edges[Int(state)] {
                    if edge.symbol >= 0 {
                        startByLiteral[Int(edge.symbol)].append(edge.target)
                    } else {
                        startByClass[Int(-edge.symbol - 1)].append(edge.target)
                    }
                }
            }
        }
    }

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

    /// Scratch space reused across sentences.
    struct Scratch {
        var current: [(state: Int32, start: Int32)] = []
        var next: [(state: Int32, start: Int32)] = []
        var stamp: [Int32] = []
        var step: Int32 = 0
    }

    func makeScratch() -> Scratch {
        Scratch(stamp: Array(repeating: -1, count: edges.count))
    }

    /// Every match of every pattern inside `range` (one sentence), in the
    /// order their last token is reached.
    func scan(_ tokens: [Token], _ range: Range<Int>, scratch: inout Scratch, into matches: inout [Match]) {
        scratch.current.removeAll(keepingCapacity: true)
        for j in range {
            let token = tokens[j]
            scratch.next.removeAll(keepingCapacity: true)
            scratch.step &+= 1
            let step = scratch.step
            for (state, start) in scratch.current {
                for edge in edges[Int(state)] where Self.accepts(edge.symbol, token) {
                    for c in closures[Int(edge.target)] where scratch.stamp[Int(c)] != step {
                        scratch.stamp[Int(c)] = step
                        scratch.next.append((c, start))
                    }
                }
            }
            let here = Int32(j)
            if token.literal >= 0 {
                for target in startByLiteral[Int(token.literal)] {
                    addClosure(target, here, &scratch, step)
                }
            }
            if token.isWordLike {
                for target in startByClass[0] { addClosure(target, here, &scratch, step) }
                if token.kind == .number { for target in startByClass[1] { addClosure(target, here, &scratch, step) } }
                if token.kind == .time { for target in startByClass[2] { addClosure(target, here, &scratch, step) } }
            }
            for (state, start) in scratch.next {
                for pattern in accepting[Int(state)] {
                    matches.append(Match(pattern: pattern, start: start, end: here + 1))
                }
            }
            swap(&scratch.current, &scratch.next)
        }
    }

    @inline(__always)
    private func addClosure(_ target: Int32, _ start: Int32, _ scratch: inout Scratch, _ step: Int32) {
        for c in closures[Int(target)] where scratch.stamp[Int(c)] != step {
            scratch.stamp[Int(c)] = step
            scratch.next.append((c, start))
        }
    }
}
