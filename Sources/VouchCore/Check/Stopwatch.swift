/// Time per stage of one profiled check.
struct Stopwatch {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [(stage: String, time: Duration)] = []

    init() { last = clock.now }

    mutating func lap(_ stage: String) {
        let now = clock.now
        if let i = laps.firstIndex(where: { $0.stage == stage }) { laps[i].time += now - last } else { laps.append((stage, now - last)) }
        last = now
    }
}
