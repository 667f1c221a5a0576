import Foundation
import Hummingbird
import VouchCore

/// `POST /v1/incidents/{id}/messages` records a message that was sent
/// (`{channel, audience, text, sender}`), against the facts version current
/// at that moment; `GET` lists them, oldest first.
struct MessageRoutes {
    let store: any IncidentStore

    static let fields = ["channel", "audience", "text", "sender"]

    struct Message: Encodable {
        let id: Int
        let incident: String
        let channel: String
        let audience: String
        let sender: String
        let sent_at: String
        let facts_version: Int
        let text: String

        init(_ m: SentMessage) {
            id = m.id; incident = m.incident; channel = m.channel; audience = m.audience; sender = m.sender
            sent_at = IncidentRoutes.time(m.sentAt); facts_version = m.factsVersion; text = m.text
        }
    }

    struct List: Encodable { let messages: [Message] }

    func addRoutes(to router: Router<VouchRequestContext>) {
        router.post("/v1/incidents/{id}/messages") { request, context in
            try context.requireEditor()
            let id = try IncidentRoutes.id(context)
            let body = try JSONBody(try await request.bytes(), allowed: Self.fields)
            let channel = try body.requiredString("channel", nonEmpty: true)
            guard channel.count <= 64 else { throw APIError.badRequest("channel: at most 64 characters") }
            guard let audience = try body.enumeration("audience", Audience.self) else { throw APIError.badRequest("audience: required") }
            let text = try body.requiredString("text", nonEmpty: true)
            let sender = try body.requiredString("sender", nonEmpty: true)
            guard try await store.current(id) != nil else { throw APIError.notFound("no incident '\(id)'") }
            let stored: SentMessage
            do {
                stored = try await store.addMessage(NewMessage(channel: channel, audience: audience.rawValue, text: text, sender: sender), incident: id)
            } catch StoreError.unknownIncident {
                throw APIError.notFound("no incident '\(id)'")
            }
            context.logger.info("message recorded", metadata: ["incident": "\(id)", "channel": "\(channel)", "bytes": "\(text.utf8.count)"])
            return try Response.json(Message(stored), status: .created)
        }
        router.get("/v1/incidents/{id}/messages") { _, context in
            let id = try IncidentRoutes.id(context)
            guard try await store.current(id) != nil else { throw APIError.notFound("no incident '\(id)'") }
            return try Response.json(List(messages: try await store.messages(id).map(Message.init)))
        }
    }
}
