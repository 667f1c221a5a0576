/// An error the user can act on: bad input, bad facts, a broken rule file or
/// a bad command line. `message` is one line that says what and where
/// ("facts.yaml:4:9: status: unknown value 'fixd' (allowed: ...)"); the CLI
/// prints it after "vouch: error: " and exits with status 2.
public struct VouchError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    /// An error located in a file: "path:line:column: message" (line and
    /// column are 1-based; omitted when not known).
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        self.message = "\(location): \(message)"
    }

    public var description: String { message }
}
