import Foundation
import Testing

/// `vouch audit` as a user runs it on the bundled example: the whole
/// output, the exit status, and one-line errors for unusable input.
@Suite struct AuditCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized.path
    static let arguments = ["audit", "--facts", examples + "/incident.yaml", "--log", examples + "/messages.jsonl", "--now", "2026-11-22T17:30:00Z"]

    @Test func theExampleLogOwesCorrectionsAndUpdates() throws {
        let out = try CLI.run(Self.arguments)
        #expect(out == .init(status: 1, stdout: """
            message 1 (customer-reply to northstar, 2026-11-22 09:05 UTC):
              3:50: error: "permissions issue" (customer-reply to northstar, 2026-11-22 09:05 UTC) no longer holds: kind was permissions when it was sent and is now regression; send northstar a correction [stale.contradicted]
                suggestion: name the kind from the facts (regression), or say: we are still confirming the cause
            message 2 (status-page, 2026-11-22 09:20 UTC):
              1:10: error: "all systems operational" (status-page, 2026-11-22 09:20 UTC) and "are investigating" (customer-reply to northstar, 2026-11-22 09:05 UTC) disagree on the phase under the same facts [consistency.conflict]
                suggestion: send one story: the same phase and kind on every channel
            promises past due:
              message 1: error: "update you by 15:00 UTC" (customer-reply to northstar, 2026-11-22 09:05 UTC) promised an update by 2026-11-22 15:00 UTC; nothing was sent on customer-reply since (2 h 30 min late) [stale.overdue]
              facts: error: the facts promise the next update at 2026-11-22 17:00 UTC; no message was sent since (30 min late) [stale.overdue]
            4 findings in 3 messages

            """, stderr: ""))
    }

    /// Before any promise is due and with every word still true, nothing.
    @Test func earlyInTheMorningNothingIsOwed() throws {
        let scratch = try Scratch()
        let log = try scratch.write("sent.jsonl", #"{"id": "a", "channel": "customer-reply", "sent_at": "2026-11-22T09:05:00Z", "text": "We have identified the probable cause and will update you by 15:00 UTC."}"# + "\n")
        let out = try CLI.run(["audit", "--facts", Self.examples + "/incident.yaml", "--log", log, "--now", "2026-11-22T10:00:00Z"])
        #expect(out == .init(status: 0, stdout: "no findings in 1 message\n", stderr: ""))
    }

    /// The JSON contract: each range is its match's bytes in the message.
    @Test func jsonRangesPointIntoTheMessages() throws {
        let out = try CLI.run(Self.arguments + ["--format", "json"])
        #expect(out.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(report["version"] as? Int == 1 && report["incident"] as? String == "SUP-482")
        let log = try String(contentsOfFile: Self.examples + "/messages.jsonl", encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let texts = Dictionary(uniqueKeysWithValues: log.map { ($0["id"] as! String, Array(($0["text"] as! String).utf8)) })
        func bytes(_ id: String, _ range: Any?) -> String? {
            guard let range = range as? [String: Int], let start = range["start"], let end = range["end"], let text = texts[id] else { return nil }
            return String(decoding: text[start..<end], as: UTF8.self)
        }
        var rules: [String] = []
        for message in report["messages"] as? [[String: Any]] ?? [] {
            for finding in message["findings"] as? [[String: Any]] ?? [] {
                rules.append(finding["rule"] as! String)
                #expect(bytes(message["id"] as! String, finding["range"]) == finding["match"] as? String)
            }
        }
        for promise in report["promises"] as? [[String: Any]] ?? [] {
            rules.append(promise["rule"] as! String)
            if let id = promise["message_id"] as? String { #expect(bytes(id, promise["range"]) == promise["match"] as? String) }
        }
        #expect(rules == ["stale.contradicted", "consistency.conflict", "stale.overdue", "stale.overdue"])
    }

    @Test func lineFormatIsOneFindingALine() throws {
        let out = try CLI.run(Self.arguments + ["--format", "line"])
        #expect(out.status == 1)
        #expect(out.stdout.split(separator: "\n").map { $0.split(separator: ":").prefix(4).joined(separator: ":") } == [
            "1:3:50:stale.contradicted", "2:1:10:consistency.conflict", "1:3:138:stale.overdue", "facts:0:0:stale.overdue",
        ])
    }

    @Test(arguments: [
        (["--now", "yesterday"], "vouch: error: --now yesterday: not an ISO 8601 time (for example 2026-11-22T17:30:00Z)\n"),
        (["--log", "/nonexistent/sent.jsonl"], "vouch: error: cannot read the message log '/nonexistent/sent.jsonl': no such file\n"),
    ])
    func unusableInputIsOneLineAndExit2(change: [String], stderr: String) throws {
        var arguments = Self.arguments
        let flag = arguments.firstIndex(of: change[0])!
        arguments[flag + 1] = change[1]
        let out = try CLI.run(arguments)
        #expect(out == .init(status: 2, stdout: "", stderr: stderr))
    }

    @Test func aBadLogLineNamesTheLineAndTheField() throws {
        let scratch = try Scratch()
        let log = try scratch.write("sent.jsonl", "\n" + #"{"id": "a", "channel": "email", "sent_at": "2026-11-22T09:05:00Z"}"# + "\n")
        let out = try CLI.run(["audit", "--facts", Self.examples + "/incident.yaml", "--log", log])
        #expect(out == .init(status: 2, stdout: "", stderr: "vouch: error: \(log):2: text: required\n"))
    }
}

/// `vouch check --log`: a draft is also compared with what was already
/// sent under the same facts on the other channels.
@Suite struct CheckWithLogTests {
    static let facts = "id: SUP-482\nstatus: investigating\nkind: permissions\nnext_update_at: 2026-11-22T15:00:00Z\n"

    @Test func aReplyThatContradictsTheStatusPage() throws {
        let scratch = try Scratch()
        try scratch.write("v1.yaml", Self.facts)
        try scratch.write("reply.txt", "We are still investigating.\n")
        let out = try CLI.run(["check", "--facts", "v1.yaml", "--log", AuditCommandTests.examples + "/messages.jsonl",
                               "--channel", "customer-reply", "reply.txt"], in: scratch.url)
        #expect(out == .init(status: 1, stdout: """
            reply.txt:1:4: error: "are still investigating" disagrees on the phase with "all systems operational" (status-page, 2026-11-22 09:20 UTC), already sent under the same facts [consistency.conflict]
              We are still investigating.
                 ^~~~~~~~~~~~~~~~~~~~~~~
              suggestion: send one story: the same phase and kind on every channel
            1 error in 1 file

            """, stderr: ""))
        // On the status page's own channel it is compared with the reply only, which agrees.
        let same = try CLI.run(["check", "--facts", "v1.yaml", "--log", AuditCommandTests.examples + "/messages.jsonl",
                                "--channel", "status-page", "reply.txt"], in: scratch.url)
        #expect(same.status == 0)
        // The conflicts can be left out like any rule.
        let disabled = try CLI.run(["check", "--facts", "v1.yaml", "--log", AuditCommandTests.examples + "/messages.jsonl",
                                    "--disable", "consistency", "reply.txt"], in: scratch.url)
        #expect(disabled.status == 0)
        // Under other facts nothing was sent yet.
        let later = try CLI.run(["check", "--facts", AuditCommandTests.examples + "/incident.yaml", "--log",
                                 AuditCommandTests.examples + "/messages.jsonl", "reply.txt"], in: scratch.url)
        #expect(later.status == 0)
    }

    @Test(arguments: [
        (["check", "--log", "sent.jsonl", "reply.txt"], "vouch: error: --log needs --facts: a draft is compared with the messages sent under the same facts\n"),
        (["check", "--facts", "v1.yaml", "--channel", "email", "reply.txt"], "vouch: error: --channel email: only with --log\n"),
    ])
    func misuseIsOneLineAndExit2(arguments: [String], stderr: String) throws {
        let scratch = try Scratch()
        try scratch.write("v1.yaml", Self.facts)
        try scratch.write("reply.txt", "We are still investigating.\n")
        try scratch.write("sent.jsonl", "")
        let out = try CLI.run(arguments, in: scratch.url)
        #expect(out == .init(status: 2, stdout: "", stderr: stderr))
    }
}
