import Foundation
import VouchCore

/// One version of an incident's facts: the text exactly as it was put, who
/// put it, when, and which fact paths it changed from the version before.
public struct FactsVersion: Sendable, Equatable {
    public let incident: String
    public let version: Int
    public let facts: String
    public let author: String
    public let createdAt: Date
    /// Changed fact paths with their previous and new value.
    public let changes: [FactChange]
}

public struct FactChange: Sendable, Equatable, Codable {
    public let path: String
    /// nil: the fact was not set before (or is no longer set).
    public let from: String?
    public let to: String?

    public init(path: String, from: String?, to: String?) {
        self.path = path
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey { case path, from, to }

    /// Unset values are written as `null`, not left out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
    }
}

/// A message that was sent to someone, recorded with the facts version it
/// was checked against and what that check found.
public struct SentMessage: Sendable, Equatable {
    public let id: Int
    public let incident: String
    public let channel: String
    public let audience: String
    public let recipient: String?
    public let text: String
    public let sender: String
    public let sentAt: Date
    public let factsVersion: Int
    public let findings: [RecordedFinding]
}

/// A finding of the check a message passed through when it was recorded.
public struct RecordedFinding: Sendable, Equatable, Codable {
    public let rule: String
    public let severity: String
    public let match: String
    /// UTF-8 bytes of `match` in the message's text.
    public let range: Span
    public let message: String
    public let fact: String?

    public struct Span: Sendable, Equatable, Codable, JSONSingleLine {
        public let start: Int
        public let end: Int
    }

    public init(_ finding: Finding) {
        rule = finding.rule
        severity = finding.severity.rawValue
        match = finding.match
        range = Span(start: finding.range.lowerBound, end: finding.range.upperBound)
        message = finding.message
        fact = finding.fact
    }
}

public struct NewMessage: Sendable {
    public let channel: String
    public let audience: String
    public let recipient: String?
    public let text: String
    public let sender: String
    /// The version the message was checked against, and the findings.
    public let factsVersion: Int
    public let findings: [RecordedFinding]

    public init(channel: String, audience: String, recipient: String? = nil, text: String, sender: String,
                factsVersion: Int, findings: [RecordedFinding] = []) {
        self.channel = channel
        self.audience = audience
        self.recipient = recipient
        self.text = text
        self.sender = sender
        self.factsVersion = factsVersion
        self.findings = findings
    }
}

/// Where incidents, their facts versions and sent messages live. SQLite
/// (`SQLiteIncidentStore`) is the embedded default; a PostgreSQL
/// implementation only has to provide these operations with the same
/// guarantees: a facts update appends a version atomically (never updates
/// one in place), and versions are numbered 1, 2, 3... per incident.
public protocol IncidentStore: Sendable {
    /// Appends a version; returns it. `changes` is computed by the caller
    /// against `current(_:)`; `expectedVersion` (the version the caller
    /// diffed against, 0 for none) guards against a concurrent writer.
    func appendFacts(incident: String, facts: String, author: String, changes: [FactChange], expectedVersion: Int) async throws -> FactsVersion
    /// The newest version, or nil when the incident does not exist.
    func current(_ incident: String) async throws -> FactsVersion?
    /// The newest version's number and facts text only (what a check
    /// needs, on every request); nil when the incident does not exist.
    func currentFacts(_ incident: String) async throws -> (version: Int, facts: String)?
    /// Up to `limit` versions older than version `before` (all when nil),
    /// newest first; empty when the incident does not exist.
    func history(_ incident: String, before: Int?, limit: Int) async throws -> [FactsVersion]
    /// The newest version of every incident, by incident id.
    func incidents() async throws -> [FactsVersion]
    /// Records a message; `StoreError.unknownIncident` when the incident
    /// or its `factsVersion` does not exist.
    func addMessage(_ message: NewMessage, incident: String) async throws -> SentMessage
    /// Up to `limit` messages with an id below `before` (all when nil),
    /// newest first.
    func messages(_ incident: String, before: Int?, limit: Int) async throws -> [SentMessage]
    /// Cheap liveness check of the backing database (a read).
    func ping() async throws
    /// Readiness: a real write (disk full, a corrupt or read-only file fail it).
    func probeWrite() async throws
}

extension IncidentStore {
    public func currentFacts(_ incident: String) async throws -> (version: Int, facts: String)? {
        try await current(incident).map { ($0.version, $0.facts) }
    }
}

public enum StoreError: Error, Equatable {
    /// Another writer appended a version since the caller read `expected`.
    case conflict(expected: Int, actual: Int)
    case unknownIncident(String)
}
