import Foundation
import Testing

/// Credentials and personal data through the real binary: a secret is an
/// error in every audience, the recipient's own data is allowed through
/// `--allow` and `vouch.yaml`, and mail headers are the customer's own.
@Suite struct AllowAndLeakCommandTests {
    static let reply = """
        Hi Dana,

        Write to support@ourco.example or ask li@ourco.example; workspace ws_8f3a2c91d4e5 is fine.

        From: Dana Lee <dana@northstar.example>
        > On Tue, Nov 24, 2026 at 9:12 AM Dana Lee <dana@northstar.example> wrote:
        > Exports are stuck.

        """

    @Test func aSecretInAnInternalHandoffIsAnErrorAndAnEmailIsNot() throws {
        let dir = try Scratch()
        try dir.write("handoff.txt", "Handing over to Priya (priya@ourco.example). Bot token: xoxb-148525388853-9336338750047-qmSM9wCZ7Uw9xfogoEmvnEN5\n")
        let out = try CLI.run(["check", "--audience", "internal", "--no-config", "--format", "line", "handoff.txt"], in: dir.url)
        #expect(out == .init(status: 1, stdout: """
            handoff.txt:1:57:secret.leak.cloud-key:"xoxb-148525388853-9336338750047-qmSM9wCZ7Uw9xfogoEmvnEN5" is a credential; remove it and rotate it

            """, stderr: ""))
    }

    @Test func withoutAnAllowListOurOwnAddressesAreFlagged() throws {
        let dir = try Scratch()
        try dir.write("reply.txt", Self.reply)
        let out = try CLI.run(["check", "--no-config", "--format", "line", "reply.txt"], in: dir.url)
        #expect(out == .init(status: 1, stdout: """
            reply.txt:3:10:redact.email:"support@ourco.example" is an email address; remove it before this leaves the company
            reply.txt:3:39:redact.email:"li@ourco.example" is an email address; remove it before this leaves the company
            reply.txt:3:67:redact.id:"ws_8f3a2c91d4e5" is an internal identifier or token; remove it before this leaves the company

            """, stderr: ""))
    }

    @Test func allowOnTheCommandLineAndInTheSettingsFile() throws {
        let dir = try Scratch()
        try dir.write("drafts/reply.txt", Self.reply)
        try dir.write("vouch.yaml", "# the addresses customers are told to write to\nallow:\n  - support@ourco.example\n")
        // Found from a subdirectory; --allow adds to it; --explain says which entry allowed what.
        let out = try CLI.run(["check", "--allow", "ws_*", "--explain", "reply.txt"], in: dir.url.appendingPathComponent("drafts"))
        #expect(out.status == 1)
        #expect(out.stdout == """
            reply.txt:3:39: error: "li@ourco.example" is an email address; remove it before this leaves the company [redact.email]
              Write to support@ourco.example or ask li@ourco.example; workspace ws_8f3a2c91d4e5 is fine.
                                                    ^~~~~~~~~~~~~~~~
              suggestion: remove it, or name the role instead (our billing engineer)
            reply.txt:3:10: not flagged: "support@ourco.example" allowed by 'support@ourco.example' (vouch.yaml:3) [redact.email]
            reply.txt:3:67: not flagged: "ws_8f3a2c91d4e5" allowed by 'ws_*' (--allow) [redact.id]
            reply.txt:5:17: not flagged: "dana@northstar.example" in a quoted or forwarded mail header: the customer's own correspondence [redact.email]
            reply.txt:6:45: not flagged: "dana@northstar.example" in a quoted or forwarded mail header: the customer's own correspondence [redact.email]
            1 error in 1 file

            """)
        // A domain allows every address at it; --no-config leaves the file out.
        let domain = try CLI.run(["check", "--allow", "ourco.example", "--format", "line", "drafts/reply.txt"], in: dir.url)
        #expect(domain.stdout == "drafts/reply.txt:3:67:redact.id:\"ws_8f3a2c91d4e5\" is an internal identifier or token; remove it before this leaves the company\n")
        let none = try CLI.run(["check", "--no-config", "--format", "line", "drafts/reply.txt"], in: dir.url)
        #expect(none.stdout.split(separator: "\n").count == 3)
    }

    @Test func anAllowListNeverAllowsACredential() throws {
        let dir = try Scratch()
        try dir.write("d.txt", "Your temporary password is Winter2026!\n")
        let out = try CLI.run(["check", "--no-config", "--allow", "Winter2026", "--allow", "*2026", "--format", "line", "d.txt"], in: dir.url)
        #expect(out == .init(status: 1, stdout: """
            d.txt:1:28:secret.leak.stated-password:"Winter2026" is a password; remove it and change it

            """, stderr: ""))
    }

    @Test func badAllowEntriesAreOneLineErrors() throws {
        let dir = try Scratch()
        try dir.write("d.txt", "Hi\n")
        for (arguments, message) in [
            (["check", "--no-config", "--allow", "a b", "d.txt"], "--allow a b: 'a b' contains white space; give one address, domain or id per entry"),
            (["check", "--no-config", "--allow", "**", "d.txt"], "--allow **: '**' would allow everything"),
            (["check", "--config", "missing.yaml", "d.txt"], "cannot read settings file 'missing.yaml': no such file"),
            (["check", "--config", "x.yaml", "--no-config", "d.txt"], "--config x.yaml and --no-config: give one of them"),
        ] {
            let out = try CLI.run(arguments, in: dir.url)
            #expect(out == .init(status: 2, stdout: "", stderr: "vouch: error: \(message)\n"), "\(arguments)")
        }
        try dir.write("vouch.yaml", "allow:\n  - ok@ourco.example\n  - 'x y'\n")
        let out = try CLI.run(["check", "d.txt"], in: dir.url)
        #expect(out == .init(status: 2, stdout: "", stderr: "vouch: error: \(dir.url.appendingPathComponent("vouch.yaml").path):3:5: allow: 'x y' contains white space; give one address, domain or id per entry\n"))
    }
}
