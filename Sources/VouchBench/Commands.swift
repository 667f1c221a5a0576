import ArgumentParser
import Foundation
import VouchCore
import VouchDefaultPack

/// `vouch-bench corpus`: writes generated text of about N bytes.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Write a generated corpus of support replies and status posts.")

    @Option(help: "Size in bytes; the text ends at the last paragraph that fits.")
    var bytes: Int

    @Option(help: "Seed of the generator (the same seed gives the same text).")
    var seed: UInt64 = 482

    @Option(help: "Where to write it.")
    var out: String

    func run() throws {
        guard bytes > 0 else { throw ValidationError("--bytes must be positive") }
        try Data(Corpus.generate(bytes: bytes, seed: seed, exact: true)).write(to: URL(fileURLWithPath: out))
    }
}

/// `vouch-bench pack`: writes the default pack and its generated copies.
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack", abstract: "Write a rule pack FACTOR times the default one into a directory.")

    @Option(help: "How many times the default pack's rules.")
    var factor: Int = 10

    @Option(help: "The directory to write (created; must not exist).")
    var out: String

    func run() throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: out) else { throw ValidationError("--out \(out) already exists") }
        try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (path, text) in LargePack.files(from: DefaultPack.files(in: "Rules"), factor: factor) {
            let name = path.replacingOccurrences(of: "/", with: "-")
            try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
        }
    }
}

/// `vouch-bench throughput`: times `Checker.check` in-process.
struct ThroughputCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Time the check in-process over generated corpora; print one JSON object.",
        discussion: "Each size is generated once, then checked --runs times; the median run is reported.")

    @Option(help: "The facts to check against.")
    var facts: String

    @Option(help: "Corpus sizes in MB, comma-separated.")
    var sizes: String = "1,10,100"

    @Option(help: "Rule pack size as a multiple of the default pack.")
    var factor: Int = 1

    @Option(help: "Runs per size (at least 1).")
    var runs: Int = 3

    @Flag(help: "Also time each stage of the check on the last size (one extra run).")
    var stages = false

    func run() throws {
        let megabytes = try sizes.split(separator: ",").map { part -> Int in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw ValidationError("--sizes: '\(part)' is not a positive whole number of MB")
            }
            return value
        }
        let facts = try FactsLoader.load(path: facts)
        let loadStart = ContinuousClock.now
        let pack = try RulePack(files: LargePack.files(from: DefaultPack.files(in: "Rules"), factor: factor))
        let loadSeconds = (ContinuousClock.now - loadStart).seconds
        let checker = Checker(pack: pack)
        var results: [Report.Size] = []
        var laps: [Report.Lap] = []
        for (index, size) in megabytes.enumerated() {
            let bytes = Corpus.generate(bytes: size << 20)
            var times: [Double] = []
            var findings = 0
            for _ in 0..<max(runs, 1) {
                let start = ContinuousClock.now
                let source = try SourceText(path: "corpus", bytes: bytes)
                let result = checker.check(source, facts: facts)
                times.append((ContinuousClock.now - start).seconds)
                findings = result.findings.count
            }
            if stages && index == megabytes.count - 1 {
                laps = checker.profile(try SourceText(path: "corpus", bytes: bytes), facts: facts).1
                    .map { Report.Lap(stage: $0.stage, seconds: Report.fixed($0.time.seconds)) }
            }
            let median = times.sorted()[times.count / 2]
            let mb = Double(bytes.count) / 1_048_576
            results.append(Report.Size(mb: Report.fixed(mb), seconds: Report.fixed(median), mb_s: Report.fixed(mb / median), findings: findings))
        }
        print(try JSONWriter.text(of: Report(rules: pack.rules.count, pack_load_seconds: Report.fixed(loadSeconds), sizes: results,
                                             stages: Report.Stages(laps: laps))), terminator: "")
    }

    /// What `throughput` prints (scripts/bench reads it).
    struct Report: Encodable {
        let rules: Int
        let pack_load_seconds: Double
        let sizes: [Size]
        /// Seconds per stage, in the order the check runs them; empty
        /// without `--stages`.
        let stages: Stages

        struct Size: Encodable {
            let mb: Double
            let seconds: Double
            let mb_s: Double
            let findings: Int
        }

        struct Lap {
            let stage: String
            let seconds: Double
        }

        struct Stages: Encodable {
            let laps: [Lap]

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Stage.self)
                for lap in laps { try c.encode(lap.seconds, forKey: Stage(stringValue: lap.stage)) }
            }
        }

        struct Stage: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// Four decimals, as the table shows them.
        static func fixed(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
