/// An error the user can act on: bad input, bad facts, a broken rule file or
/// a bad setting. It is data, not a sentence: where it is (`location`), which
/// setting was given a value that cannot be used (`setting`), and the
/// `reason`. Each front end puts its own words in front: the CLI spells a
/// setting as its flag (`--timezone Mars/Base: unknown time zone`), the
/// server as its JSON field.
public struct VouchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A place in a file or another named source; `line` and `column` are
    /// 1-based and nil when not known.
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let column: Int?

        public init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = line == nil ? nil : column
        }

        /// "file:line:column", as far as it is known.
        public var description: String {
            [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        }
    }

    /// A setting given a value that cannot be used, named as the setting
    /// itself ("timezone", "templates", "port"), never as a flag or a field.
    public struct Setting: Equatable, Sendable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public let location: Location?
    public let setting: Setting?
    /// What is wrong, without the location or the setting.
    public let reason: String

    public init(_ reason: String) {
        self.init(location: nil, setting: nil, reason: reason)
    }

    /// An error located in a file.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ reason: String) {
        self.init(location: Location(file: file, line: line, column: column), setting: nil, reason: reason)
    }

    /// A setting's value that cannot be used.
    public init(setting name: String, value: String, _ reason: String) {
        self.init(location: nil, setting: Setting(name: name, value: value), reason: reason)
    }

    public init(location: Location?, setting: Setting?, reason: String) {
        self.location = location
        self.setting = setting
        self.reason = reason
    }

    /// The same error with `context` before its reason ("rule x: " + ...),
    /// keeping where it is.
    public func within(_ context: String) -> VouchError {
        VouchError(location: location, setting: setting, reason: context + reason)
    }

    /// One line: "file:line:column: reason", or "NAME value: reason" with the
    /// setting's name spelled by `spell` (a flag for the CLI, a field for
    /// the server).
    public func rendered(setting spell: (String) -> String = { $0 }) -> String {
        var head: [String] = []
        if let location { head.append(location.description) }
        if let setting { head.append("\(spell(setting.name)) \(setting.value)") }
        return (head + [reason]).joined(separator: ": ")
    }

    /// The error as one line, with the setting under its own name.
    public var message: String { rendered() }

    /// Two errors are equal when they read the same.
    public static func == (a: VouchError, b: VouchError) -> Bool { a.message == b.message }

    public var description: String { message }
}
