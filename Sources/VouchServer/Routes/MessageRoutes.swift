import Foundation
import Hummingbird
import VouchCore

/// `POST /v1/incidents/{id}/messages` records a message that was sent
/// (`{channel, audience, recipient?, text, sender}`) with the facts version
/// current at that moment and what the check found in it under those facts
/// (the audit compares the two later); `GET [?limit=L&before=ID]` lists one
/// page of them, newest first (`next_before` is the `before` of the next
/// page, null on the last).
struct MessageRoutes {
    let store: any IncidentStore
    let checker: Checker
    let facts: FactsSource

    struct Message: ResponseEncodable {
        let id: Int
        let incident: String
        let channel: String
        let audience: String
        let recipient: String?
        let sender: String
        let sent_at: String
        let facts_version: Int
        let text: String
        /// What the check found when it was recorded.
        let findings: [RecordedFinding]

        init(_ m: SentMessage) {
            id = m.id; incident = m.incident; channel = m.channel; audience = m.audience; recipient = m.recipient; sender = m.sender
            sent_at = IncidentRoutes.time(m.sentAt); facts_version = m.factsVersion; text = m.text; findings = m.findings
        }
    }

    struct List: ResponseEncodable {
        let messages: [Message]
        let next_before: Cursor
    }

    func addRoutes(to group: RouterGroup<VouchRequestContext>) {
        group.post("incidents/{id}/messages") { request, context in
            try context.requireEditor()
            let id = try IncidentRoutes.id(context)
            let body = try await request.decode(as: MessageRequest.self, context: context)
            let (channel, audience, text, sender) = (body.channel, body.audience, body.text, body.sender)
            let (version, facts) = try await self.facts.current(id)
            let checked = checker.check(SourceText(path: "message", text: text), facts: facts, options: CheckOptions(audience: audience))
            let stored: SentMessage
            do {
                stored = try await store.addMessage(NewMessage(channel: channel, audience: audience.rawValue, recipient: body.recipient, text: text,
                                                               sender: sender, factsVersion: version, findings: checked.findings.map(RecordedFinding.init)),
                                                    incident: id)
            } catch StoreError.unknownIncident {
                throw APIError.notFound("no incident '\(id)'")
            }
            context.logger.info("message recorded", metadata: ["incident": "\(id)", "channel": "\(channel)", "bytes": "\(text.utf8.count)"])
            return EditedResponse(status: .created, response: Message(stored))
        }
        group.get("incidents/{id}/messages") { request, context in
            let id = try IncidentRoutes.id(context)
            let page = try Page(request, defaultLimit: 100)
            guard try await store.current(id) != nil else { throw APIError.notFound("no incident '\(id)'") }
            let messages = try await store.messages(id, before: page.before, limit: page.limit + 1)
            return List(messages: messages.prefix(page.limit).map(Message.init),
                        next_before: Cursor(messages.count > page.limit ? messages[page.limit - 1].id : nil))
        }
    }
}
