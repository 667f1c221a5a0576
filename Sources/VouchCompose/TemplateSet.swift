import Foundation
import Mustache
import VouchCore

/// One approved template, parsed and checked against `MessageModel`.
struct Template: Sendable {
    /// Where it came from, as shown in errors (`Templates/customer-reply/fixed.mustache`).
    let path: String
    let channel: Channel
    /// `investigating`, `identified`, `mitigated`, `fixed` or `still-investigating`.
    let name: String
    /// Markdown as written, and the plain-text variant (Markdown markup
    /// removed from the template's own text, never from the facts).
    let markdown: MustacheTemplate
    let text: MustacheTemplate
}

/// The approved templates: `Templates/<channel>/<state>.mustache`, where
/// `still-investigating.mustache` covers investigating and identified when a
/// channel needs no difference.
///
/// Loading fails on anything that could make a message wrong or empty: a
/// file outside that layout, a Mustache syntax error, a variable
/// `MessageModel` does not have, an optional fact used outside a section on
/// it that the channel and state do not require, or a partial, block,
/// delimiter change or pragma.
public struct TemplateSet: Sendable {
    private var templates: [String: Template] = [:]

    /// Loads templates given as (path, text); later files replace earlier
    /// ones with the same channel and name (a `--templates DIR` overrides
    /// the embedded defaults file by file). Each path ends in
    /// `<channel>/<name>.mustache`.
    public init(files: [(path: String, text: String)]) throws {
        for (path, text) in files {
            let template = try Self.load(path: path, text: text)
            templates["\(template.channel.rawValue)/\(template.name)"] = template
        }
    }

    /// The `*.mustache` files under `directory`, sorted, with their paths as
    /// `directory/<channel>/<name>.mustache`.
    public static func files(inDirectory directory: String) throws -> [(path: String, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VouchError(setting: "templates", value: directory, "no such directory")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw VouchError(setting: "templates", value: directory, "cannot read the directory")
        }
        var files: [(path: String, text: String)] = []
        for case let relative as String in enumerator where relative.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(relative)
            files.append((path, try FileReader.text(path, what: "template")))
        }
        if files.isEmpty { throw VouchError(setting: "templates", value: directory, "no *.mustache files (expected <channel>/<state>.mustache)") }
        return files.sorted { $0.path < $1.path }
    }

    /// The template for a channel and state, or nil when none covers it.
    func template(_ channel: Channel, _ state: MessageState) -> Template? {
        state.templateNames.lazy.compactMap { templates["\(channel.rawValue)/\($0)"] }.first
    }

    /// Every (channel, state) no template covers.
    public var uncovered: [(Channel, MessageState)] {
        Channel.allCases.flatMap { channel in
            MessageState.allCases.filter { template(channel, $0) == nil }.map { (channel, $0) }
        }
    }

    /// The path of the template used for a channel and state.
    public func path(_ channel: Channel, _ state: MessageState) -> String? {
        template(channel, state)?.path
    }

    // MARK: Loading

    private static func load(path: String, text: String) throws -> Template {
        let parts = path.split(separator: "/")
        let channels = Channel.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count >= 2, let channel = Channel(rawValue: String(parts[parts.count - 2])) else {
            throw VouchError("\(path): a template must be in a channel folder: <channel>/<state>.mustache (channels: \(channels))")
        }
        let name = String(parts[parts.count - 1].dropLast(".mustache".count))
        guard MessageState.templateNames.contains(name) else {
            throw VouchError("\(path): unknown template name '\(name)' (allowed: \(MessageState.templateNames.joined(separator: ", ")))")
        }
        try validate(text, path: path, channel: channel, states: MessageState.states(covered: name))
        return Template(path: path, channel: channel, name: name,
                        markdown: try parse(text, path: path),
                        text: try parse(Markup.plain(template: text), path: path))
    }

    /// Plain text: every variable is printed as is, never HTML-escaped.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT }}\n"

    private static func parse(_ text: String, path: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = max(1, error.context.lineNumber - 1)
            throw VouchError(file: path, line: line, "\(describe(error.error)): \(error.context.line.trimmingCharacters(in: .whitespaces))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with the wrong name"
        case .unfinishedName: "a tag is not closed or its name is malformed"
        case .expectedSectionEnd: "a section is not closed"
        default: "bad Mustache syntax (\(error))"
        }
    }

    /// Every tag names a `MessageModel` variable; optional ones are used
    /// bare only inside a section on them or when every state the template
    /// covers requires their fact (inside `{{#identified}}`, the identified
    /// state's requirements).
    private static func validate(_ text: String, path: String, channel: Channel, states: [MessageState]) throws {
        let known = MessageModel.keys.map(\.name)
        var open: [(name: String, positive: Bool)] = []
        for tag in TemplateTag.scan(text) {
            switch tag.kind {
            case .comment:
                continue
            case .unsupported(let written):
                throw VouchError(file: path, line: tag.line, "unsupported tag '\(written)' (templates use variables, sections and comments only)")
            case .close:
                if let last = open.last, last.name == tag.name { open.removeLast() }
                continue   // a mismatch is reported by the Mustache parser
            case .variable, .section, .invertedSection:
                break
            }
            guard let key = MessageModel.keysByName[tag.name] else {
                throw VouchError(file: path, line: tag.line, "unknown variable '\(tag.name)' (known: \(known.joined(separator: ", ")))")
            }
            switch tag.kind {
            case .section: open.append((tag.name, true))
            case .invertedSection: open.append((tag.name, false))
            default:
                guard key.optional, !open.contains(where: { $0.positive && $0.name == key.name }) else { break }
                // Inside {{#identified}} only the identified state's requirements count.
                let covered = states.filter { state in
                    open.allSatisfy { section in
                        guard MessageState(rawValue: section.name) != nil else { return true }
                        return (section.name == state.rawValue) == section.positive
                    }
                }
                if let fact = key.fact, covered.allSatisfy({ Requirements.needed(channel, $0).contains { $0.path == fact } }) { break }
                let need = key.fact.map { " and \(channel.rawValue) (\(covered.map(\.rawValue).joined(separator: ", "))) does not require \($0)" } ?? ""
                throw VouchError(file: path, line: tag.line, "'\(key.name)' may be unset: use it inside {{#\(key.name)}}...{{/\(key.name)}}\(need)")
            }
        }
    }
}
