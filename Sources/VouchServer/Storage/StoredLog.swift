import Foundation
import VouchCore

/// An incident's recorded messages as a message log: oldest first, each
/// with the facts of the version it was checked against.
struct StoredLog {
    let store: any IncidentStore
    let facts: FactsSource

    /// Empty, after one read, when nothing was recorded (every pre-send
    /// check of such an incident asks).
    func messages(_ id: String) async throws -> [LoggedMessage] {
        let sent = try await store.messages(id, before: nil, limit: .max)
        if sent.isEmpty { return [] }
        let versions = Dictionary(try await store.history(id, before: nil, limit: .max).map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        return try sent.reversed().map { message in
            let facts = try versions[message.factsVersion].map { try self.facts.facts(id, version: $0.version, text: $0.facts) }
            return LoggedMessage(id: String(message.id), channel: message.channel, audience: Audience(rawValue: message.audience),
                                 recipient: message.recipient, sender: message.sender, sentAt: message.sentAt,
                                 factsVersion: message.factsVersion, facts: facts, text: message.text)
        }
    }
}
