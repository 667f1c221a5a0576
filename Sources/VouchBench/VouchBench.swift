import ArgumentParser

/// The engine's benchmark driver, run by `scripts/bench`: writes corpora and
/// drafts, and times the check in-process. Prints figures, never pass/fail.
@main
struct VouchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vouch-bench",
        abstract: "Benchmark the check engine (run through scripts/bench).",
        subcommands: [CorpusCommand.self, PackCommand.self, ThroughputCommand.self]
    )
}
