import Foundation
import Testing
import VouchCompose
import VouchCore

/// Every channel × state over every fact set: each message either composes
/// with zero findings under the current default rule pack, or fails with
/// the one error the facts call for. A rule that flags template wording
/// fails here with the rule, the words and the template.
@Suite struct ComposeMatrixTests {
    static let factSets = FactSets.all.keys.sorted()

    @Test(arguments: factSets)
    func everyChannelAndStateComposesCleanOrFailsForAStatedReason(_ name: String) throws {
        let facts = try Fixture.facts(name)
        let status = try #require(MessageState(rawValue: facts.status))
        for channel in Channel.allCases {
            for state in MessageState.allCases {
                let missing = Requirements.missing(channel, state, facts: facts)
                let supported = state <= status && !(status == .fixed && state < .mitigated)
                    && !(status == .fixed && state == .mitigated && facts.bool("verified.all_impacted") == true)
                for format in ComposeFormat.allCases {
                    let error = Fixture.error {
                        let message = try Fixture.composer.compose(facts, channel: channel, state: state, format: format)
                        // Belt and braces: the printed text is clean as `vouch check` sees it.
                        let checked = Fixture.composer.checker.check(SourceText(path: "composed", text: message.text), facts: facts,
                                                                     options: CheckOptions(audience: channel.audience))
                        #expect(checked.findings.isEmpty, "\(name) \(channel.rawValue) \(state.rawValue): \(checked.findings.map(\.message))")
                        #expect(!message.output.contains("{{"), "unrendered tag in \(name) \(channel.rawValue) \(state.rawValue)")
                    }
                    let head = "cannot compose \(channel.rawValue) (\(state.rawValue)): "
                    if !supported {
                        #expect(error?.hasPrefix(head + "status is ") == true, "\(name) \(channel.rawValue) \(state.rawValue): \(error ?? "composed")")
                    } else if !missing.isEmpty {
                        #expect(error?.hasPrefix(head + "missing facts: " + missing.map(\.description).joined(separator: ", ")) == true,
                                "\(name) \(channel.rawValue) \(state.rawValue): \(error ?? "composed")")
                    } else {
                        #expect(error == nil, "\(name) \(channel.rawValue) \(state.rawValue) \(format.rawValue): \(error ?? "")")
                    }
                }
            }
        }
    }

    /// The fact sets between them compose every channel in every state.
    @Test func everyChannelAndStateIsComposedBySomeFactSet() throws {
        var composed: Set<String> = []
        for name in Self.factSets {
            let facts = try Fixture.facts(name)
            for channel in Channel.allCases {
                for state in MessageState.allCases {
                    if (try? Fixture.composer.compose(facts, channel: channel, state: state)) != nil {
                        composed.insert("\(channel.rawValue)/\(state.rawValue)")
                    }
                }
            }
        }
        let all = Channel.allCases.flatMap { c in MessageState.allCases.map { "\(c.rawValue)/\($0.rawValue)" } }
        #expect(Set(all).subtracting(composed).isEmpty, "never composed: \(Set(all).subtracting(composed).sorted())")
    }

    @Test func theStateComesFromTheFacts() throws {
        let message = try Fixture.composer.compose(try Fixture.facts("webhook-mitigated"), channel: .statusPage)
        #expect(message.state == .mitigated)
        #expect(message.text.hasPrefix("Monitoring - "))
    }

    @Test func embeddedTemplatesCoverEveryChannelAndState() {
        #expect(Fixture.templates.uncovered.isEmpty)
    }
}

/// The README's "Facts each message needs" table is generated from
/// `Requirements.needed`; this fails when the two differ.
@Suite struct RequirementsTableTests {
    @Test func readmeTableIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- Generated from Requirements.needed; ComposeMatrixTests fails when it is stale. -->\n"))
        let end = try #require(readme.range(of: "<!-- end of generated table -->", range: begin.upperBound..<readme.endIndex))
        let committed = String(readme[begin.upperBound..<end.lowerBound])
        #expect(committed == Requirements.markdownTable, "README.md's table is stale; replace it with:\n\(Requirements.markdownTable)")
    }
}
