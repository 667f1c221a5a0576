import ArgumentParser
import Foundation
import VouchCore
import VouchDefaultPack

/// Feeds mutated inputs to the check engine, the facts loader and the HTTP
/// request decoder and asserts their contracts on every one. Deterministic:
/// `--seed` fixes the inputs.
@main
struct VouchFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vouch-fuzz",
        abstract: "Fuzz the check engine, the facts loader and the request decoder against their contracts.",
        discussion: """
            Each input is a seed from --seeds (Tests/Fuzz/seeds/<target>/) with one to four \
            mutations (bit flips, dictionary tokens, deletions, long repeats, splices). \
            Invariants: check: ranges lie in the input and decode to the match, line and \
            column agree with the range, findings sorted and not overlapping within a \
            category, one-line messages, the same input gives the same findings, --explain \
            changes nothing, the JSON report is JSON with every finding; invalid UTF-8 is a \
            one-line located error. facts: a value or a one-line error naming the file, the \
            same both times. request: a decoded request or a 400 with a one-line detail and \
            no Swift type names; a body the reader accepts is JSON.

            A violating input is written to --failures and the run exits 1.

              vouch-fuzz --runs 1000000            # every target, a million inputs in all
              vouch-fuzz --target facts --seconds 30
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable { case check, facts, request, all }

    @Option(help: "What to fuzz: check, facts, request or all.")
    var target: Target = .all

    @Option(help: "Inputs in all (split evenly between targets with 'all').")
    var runs = 100_000

    @Option(help: ArgumentHelp("Stop after this long instead, whichever comes first.", valueName: "seconds"))
    var seconds: Double?

    @Option(help: "The random seed: the same seed gives the same inputs.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder of seed inputs, one subfolder per target.", valueName: "dir"))
    var seeds = "Tests/Fuzz/seeds"

    @Option(help: ArgumentHelp("Where violating inputs are written.", valueName: "dir"))
    var failures = "fuzz-failures"

    @Option(help: ArgumentHelp("Also write (and name) every input slower than this.", valueName: "seconds"))
    var slow: Double?

    @Option(help: ArgumentHelp("Run this one input through the target (with --target) and report, to reproduce a failure.", valueName: "file"))
    var replay: String?

    func run() throws {
        let pack = try RulePack(files: DefaultPack.files(in: "Rules"))
        var targets: [any FuzzTarget] = []
        if target == .check || target == .all { targets.append(try CheckTarget(pack: pack)) }
        if target == .facts || target == .all { targets.append(FactsTarget()) }
        if target == .request || target == .all { targets.append(RequestTarget(pack: pack)) }
        if let replay {
            guard targets.count == 1, let data = FileManager.default.contents(atPath: replay) else {
                throw VouchError("--replay \(replay): give --target check, facts or request and a readable file")
            }
            let began = ContinuousClock.now
            do {
                _ = try targets[0].run(Array(data))
                say(String(format: "%@: %@ keeps every invariant (%.1f ms)", targets[0].name, replay, (ContinuousClock.now - began).seconds * 1000))
                return
            } catch let violation as Violation {
                say("\(targets[0].name): VIOLATION \(violation)")
                throw ExitCode(1)
            }
        }
        let perTarget = max(1, runs / targets.count)
        let budget = seconds.map { Duration.seconds($0 / Double(targets.count)) }
        var violations = 0
        for (index, fuzzTarget) in targets.enumerated() {
            let seedInputs = try Self.seedInputs(seeds + "/" + fuzzTarget.name)
            var mutator = Mutator(seed: seed &+ UInt64(index) &* 0x1000_0001, seeds: seedInputs, tokens: fuzzTarget.tokens)
            var pool: [[UInt8]] = []
            var slowest: (time: Duration, size: Int, input: [UInt8]) = (.zero, 0, [])
            let start = ContinuousClock.now
            var done = 0
            // Seeds first, as they are.
            let inputs = seedInputs
            for n in 0..<perTarget {
                if let budget, ContinuousClock.now - start > budget { break }
                let input = n < inputs.count ? inputs[n] : mutator.next(from: pool)
                // With --slow, the input about to run is kept, so one that
                // never returns (or crashes the process) can be found.
                if slow != nil { _ = try save(input, target: fuzzTarget.name, number: 0, kind: "current") }
                let began = ContinuousClock.now
                do {
                    if try fuzzTarget.run(input) {
                        if pool.count < 512 { pool.append(input) } else { pool[mutator.int(0..<512)] = input }
                    }
                } catch let violation as Violation {
                    violations += 1
                    let file = try save(input, target: fuzzTarget.name, number: violations)
                    say("\(fuzzTarget.name): VIOLATION \(violation) (input: \(file))")
                    if violations >= 20 { break }
                }
                let took = ContinuousClock.now - began
                if took > slowest.time { slowest = (took, input.count, input) }
                if let slow, took > .seconds(slow) {
                    let file = try save(input, target: fuzzTarget.name, number: n, kind: "slow")
                    say(String(format: "%@: slow input, %.2f s for %d bytes (%@)", fuzzTarget.name, took.seconds, input.count, file))
                }
                done += 1
            }
            let elapsed = ContinuousClock.now - start
            let rate = Double(done) / max(elapsed.seconds, 1e-9)
            let slowFile = try save(slowest.input, target: fuzzTarget.name, number: 0, kind: "slowest")
            say(String(format: "%@: %d inputs in %.1f s (%.0f/s), slowest %.1f ms (%d bytes, %@)", fuzzTarget.name, done,
                         elapsed.seconds, rate, slowest.time.seconds * 1000, slowest.size, slowFile))
        }
        say(violations == 0 ? "no violations" : "\(violations) violation\(violations == 1 ? "" : "s"); inputs in \(failures)/")
        if violations > 0 { throw ExitCode(1) }
    }

    static func seedInputs(_ directory: String) throws -> [[UInt8]] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory), !names.isEmpty else {
            throw VouchError("no seeds in '\(directory)' (give --seeds DIR with one folder per target: check, facts, request)")
        }
        return names.sorted().compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
    }

    private func save(_ input: [UInt8], target: String, number: Int, kind: String = "violation") throws -> String {
        try FileManager.default.createDirectory(atPath: failures, withIntermediateDirectories: true)
        let path = "\(failures)/\(target)-\(kind)-seed\(seed)" + (number > 0 ? "-\(number)" : "")
        FileManager.default.createFile(atPath: path, contents: Data(input))
        return path
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One line to standard output at once (not buffered: a long run shows its
/// progress, and a crash loses nothing said before it).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
