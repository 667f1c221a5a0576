import Foundation
import Hummingbird
import VouchCompose
import VouchCore

/// `POST /v1/compose`: `{channel, state?, format?, timezone?, facts |
/// incident}` → the approved template filled from the facts and checked,
/// as `vouch compose` prints it. A message the facts do not support is 422.
struct ComposeRoutes {
    let composer: Composer
    let facts: FactsSource

    struct Composed: ResponseEncodable {
        let channel: String
        let state: String
        let format: String
        let template: String
        let text: String
        let output: String
    }

    func addRoutes(to group: RouterGroup<VouchRequestContext>) {
        group.post("compose") { request, context in
            let body = try await request.decode(as: ComposeRequest.self, context: context)
            let (channel, state, format) = (body.channel, body.state, body.format)
            let time: TimeFormat
            do {
                time = try body.timezone.map { try TimeFormat(zoneNamed: $0) } ?? .utc
            } catch let error as VouchError {
                throw APIError.badRequest(error.message)
            }
            guard let facts = try await self.facts.resolve(body.facts) else {
                throw APIError.badRequest("facts: required (or give 'incident')")
            }
            let message: ComposedMessage
            do {
                message = try composer.compose(facts, channel: channel, state: state, format: format, time: time)
            } catch let error as VouchError {
                throw APIError(.unprocessableContent, "cannot_compose", error.message)
            }
            context.logger.info("composed", metadata: ["channel": "\(channel.rawValue)", "state": "\(message.state.rawValue)", "bytes": "\(message.output.utf8.count)"])
            return Composed(channel: channel.rawValue, state: message.state.rawValue, format: format.rawValue,
                            template: message.templatePath, text: message.text, output: message.output)
        }
    }
}
