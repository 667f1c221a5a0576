import Foundation

/// The value of one fact, typed by its `FactType`.
public enum FactValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case timestamp(Date)
    case enumeration(String)
    /// An `enumerationList` fact (`kind`), always a list even for one value.
    case list([String])
}

/// The established facts of one incident: a flat map from dotted path
/// ("status", "cause.confirmed", "kind") to value. A path that is absent is
/// not established.
public struct Facts: Sendable, Equatable {
    public var values: [String: FactValue]
    /// Where the facts came from (the file path as given), for messages.
    public var source: String

    public init(values: [String: FactValue], source: String) {
        self.values = values
        self.source = source
    }

    /// The value at `path`, or nil when it is not set.
    public subscript(path: String) -> FactValue? {
        values[path]
    }

    /// The incident phase; "" only for facts built without one (the loader
    /// always requires it).
    public var status: String {
        if case .enumeration(let status) = values["status"] { return status }
        return ""
    }

    /// The kinds of incident, primary first; empty when not set.
    public var kinds: [String] {
        if case .list(let kinds) = values["kind"] { return kinds }
        return []
    }

    /// The bool at `path`, or nil when it is not set.
    public func bool(_ path: String) -> Bool? {
        if case .bool(let value) = values[path] { return value }
        return nil
    }

    /// The text of a string or enumeration fact, or nil when it is not set.
    public func string(_ path: String) -> String? {
        switch values[path] {
        case .string(let value), .enumeration(let value): return value
        default: return nil
        }
    }

    /// The whole number at `path`, or nil when it is not set.
    public func integer(_ path: String) -> Int? {
        if case .integer(let value) = values[path] { return value }
        return nil
    }

    /// The time at `path`, or nil when it is not set.
    public func timestamp(_ path: String) -> Date? {
        if case .timestamp(let value) = values[path] { return value }
        return nil
    }
}
