@testable import VouchCore

/// A two-rule pack and one draft, so the report tests compare whole outputs
/// that do not move when the default pack's wording changes.
enum ReportFixture {
    static let pack: RulePack = {
        do {
            return try RulePack(files: [(path: "Rules/test.yaml", text: """
                rules:
                  - id: claim.test.resolved
                    kind: claim
                    severity: error
                    summary: Saying it is resolved.
                    phrases: [resolved]
                    allowed_when: status == fixed
                    message: '"{match}" is not supported: {reason}'
                    suggestion: say what is known
                    examples:
                      flag:
                        - text: "It is [[resolved]]."
                      pass:
                        - text: It is slow.
                  - id: redact.test.ticket
                    kind: leak
                    severity: warning
                    audiences: [customer, public]
                    summary: An internal ticket key.
                    regex: 'OPS-[0-9]+'
                    message: internal ticket key
                    examples:
                      flag:
                        - text: "See [[OPS-12]]."
                      pass:
                        - text: See the ticket.
                """)])
        } catch {
            fatalError("the report test pack does not load: \(error)")
        }
    }()

    static let draft = "Hello,\n\tThe café issue is resolved (OPS-12).\n"

    static func results(explain: Bool = false) -> [CheckResult] {
        [Checker(pack: pack).check(SourceText(path: "reply.txt", text: draft), facts: nil,
                                   options: CheckOptions(audience: .customer, explain: explain)),
         Checker(pack: pack).check(SourceText(path: "clean.txt", text: "Thanks.\n"), facts: nil,
                                   options: CheckOptions(audience: .customer))]
    }
}
