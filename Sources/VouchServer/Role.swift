/// What an API token may do.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Check, compose and read incidents.
    case reader
    /// Also change incidents and record sent messages.
    case editor

    /// Whether this role may change incidents and record messages.
    public var canWrite: Bool { self == .editor }
}
