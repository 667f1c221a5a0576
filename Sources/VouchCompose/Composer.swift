import Foundation
import VouchCore

/// How a composed message is printed.
public enum ComposeFormat: String, CaseIterable, Sendable {
    /// Plain text, ready to paste.
    case text
    /// The same message with Markdown headings and emphasis.
    case markdown
    /// A JSON object: for `status-page`, a body for a status-page API.
    case json
}

/// A message composed from the facts, checked, ready to print.
public struct ComposedMessage: Sendable {
    public let channel: Channel
    public let state: MessageState
    public let format: ComposeFormat
    /// The template it came from.
    public let templatePath: String
    /// The message as plain text (the status-page body, the email text).
    public let text: String
    /// What to print in `format`; checked before it is returned.
    public let output: String
}

/// Fills the approved template for a channel and state from the facts, and
/// checks the result with the same engine, rule pack and facts as `vouch
/// check`, in the channel's audience. Any finding is an error.
public struct Composer: Sendable {
    public let templates: TemplateSet
    public let checker: Checker

    public init(templates: TemplateSet, pack: RulePack) {
        self.templates = templates
        self.checker = Checker(pack: pack)
    }

    /// Composes and checks one message. Throws a one-line `VouchError` when
    /// the state is not supported by the facts, facts the message needs are
    /// missing (all of them are listed), no template covers the state, or
    /// the composed text has findings.
    public func compose(_ facts: Facts, channel: Channel, state requested: MessageState? = nil,
                        format: ComposeFormat = .text, time: TimeFormat = .utc) throws -> ComposedMessage {
        let state = try MessageState.resolve(requested, facts: facts, channel: channel)
        try Requirements.check(channel, state, facts: facts)
        guard let template = templates.template(channel, state) else {
            throw VouchError("cannot compose \(channel.rawValue) (\(state.rawValue)): no template (add \(channel.rawValue)/\(state.rawValue).mustache)")
        }
        let model = MessageModel(facts: facts, channel: channel, state: state, time: time)
        let text = Markup.tidy(template.text.render(model))
        let output: String
        let checked: String
        switch format {
        case .text:
            output = text
            checked = text
        case .markdown:
            output = Markup.tidy(template.markdown.render(model))
            checked = output
        case .json:
            output = try JSONPayload.render(channel: channel, state: state, model: model, text: text)
            checked = (channel == .statusPage ? (model.title ?? "") + "\n\n" : "") + text
        }
        try check(checked, facts: facts, channel: channel, state: state, template: template.path)
        return ComposedMessage(channel: channel, state: state, format: format, templatePath: template.path, text: text, output: output)
    }

    private func check(_ text: String, facts: Facts, channel: Channel, state: MessageState, template: String) throws {
        let source = SourceText(path: template, text: text)
        let findings = checker.check(source, facts: facts, options: CheckOptions(audience: channel.audience)).findings
        guard !findings.isEmpty else { return }
        let listed = findings.map { "\($0.line):\($0.column): \($0.message) [\($0.rule)]" }.joined(separator: "; ")
        let count = findings.count == 1 ? "1 finding" : "\(findings.count) findings"
        throw VouchError("cannot compose \(channel.rawValue) (\(state.rawValue)): the message from \(template) has \(count) with the facts in \(facts.source) (audience \(channel.audience.rawValue)): \(listed)")
    }
}
