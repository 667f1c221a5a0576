import Foundation
import GRDB
import VouchCore

/// The embedded store: one SQLite file (WAL journal, synchronous=FULL), with
/// versioned migrations. Each facts update is one INSERT in one transaction,
/// so a process killed mid-write leaves the previous version as it was.
public final class SQLiteIncidentStore: IncidentStore {
    let queue: DatabaseQueue

    /// Opens (and creates, on first start) the database at `path`.
    public convenience init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try self.init(queue: queue)
    }

    /// An in-memory database, for tests.
    public static func inMemory() throws -> SQLiteIncidentStore {
        try SQLiteIncidentStore(queue: DatabaseQueue())
    }

    init(queue: DatabaseQueue) throws {
        self.queue = queue
        try Self.migrator.migrate(queue)
    }

    /// Schema versions. Never edit a registered migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: incidents, facts versions, messages") { db in
            try db.execute(sql: """
                CREATE TABLE incident (
                    id TEXT PRIMARY KEY NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE facts_version (
                    incident_id TEXT NOT NULL REFERENCES incident(id),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    facts TEXT NOT NULL,
                    author TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    changes TEXT NOT NULL,
                    PRIMARY KEY (incident_id, version)
                );
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id TEXT NOT NULL REFERENCES incident(id),
                    channel TEXT NOT NULL,
                    audience TEXT NOT NULL,
                    text TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    sent_at TEXT NOT NULL,
                    facts_version INTEGER NOT NULL
                );
                CREATE INDEX message_incident ON message(incident_id, id);
                -- Versions are append-only.
                CREATE TRIGGER facts_version_no_update BEFORE UPDATE ON facts_version
                BEGIN SELECT RAISE(ABORT, 'facts versions are append-only'); END;
                CREATE TRIGGER facts_version_no_delete BEFORE DELETE ON facts_version
                BEGIN SELECT RAISE(ABORT, 'facts versions are append-only'); END;
                """)
        }
        migrator.registerMigration("v2: heartbeat for the readiness probe") { db in
            try db.execute(sql: "CREATE TABLE heartbeat (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)")
        }
        migrator.registerMigration("v3: a message's recipient and its findings when recorded") { db in
            try db.execute(sql: """
                ALTER TABLE message ADD COLUMN recipient TEXT;
                ALTER TABLE message ADD COLUMN findings TEXT NOT NULL DEFAULT '[]';
                """)
        }
        return migrator
    }

    public func appendFacts(incident: String, facts: String, author: String, changes: [FactChange], expectedVersion: Int) async throws -> FactsVersion {
        try await appendFacts(incident: incident, facts: facts, author: author, changes: changes, expectedVersion: expectedVersion, afterInsert: {})
    }

    /// `afterInsert` runs inside the transaction after the new row is
    /// written; tests throw from it to simulate a writer that dies there.
    func appendFacts(incident: String, facts: String, author: String, changes: [FactChange], expectedVersion: Int,
                     afterInsert: @escaping @Sendable () throws -> Void) async throws -> FactsVersion {
        let now = Date()
        let changesJSON = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
        return try await queue.write { db in
            let current = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM facts_version WHERE incident_id = ?", arguments: [incident]) ?? 0
            if current != expectedVersion { throw StoreError.conflict(expected: expectedVersion, actual: current) }
            if current == 0 {
                try db.execute(sql: "INSERT INTO incident (id, created_at) VALUES (?, ?)", arguments: [incident, Self.format(now)])
            }
            try db.execute(sql: "INSERT INTO facts_version (incident_id, version, facts, author, created_at, changes) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [incident, current + 1, facts, author, Self.format(now), changesJSON])
            try afterInsert()
            return FactsVersion(incident: incident, version: current + 1, facts: facts, author: author, createdAt: Self.parse(Self.format(now)), changes: changes)
        }
    }

    public func current(_ incident: String) async throws -> FactsVersion? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM facts_version WHERE incident_id = ? ORDER BY version DESC LIMIT 1", arguments: [incident])
                .map(Self.version)
        }
    }

    public func currentFacts(_ incident: String) async throws -> (version: Int, facts: String)? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT version, facts FROM facts_version WHERE incident_id = ? ORDER BY version DESC LIMIT 1",
                             arguments: [incident]).map { ($0["version"], $0["facts"]) }
        }
    }

    public func history(_ incident: String, before: Int?, limit: Int) async throws -> [FactsVersion] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM facts_version WHERE incident_id = ? AND version < ? ORDER BY version DESC LIMIT ?",
                             arguments: [incident, before ?? Int.max, limit]).map(Self.version)
        }
    }

    public func incidents() async throws -> [FactsVersion] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.* FROM facts_version v
                JOIN (SELECT incident_id, MAX(version) AS version FROM facts_version GROUP BY incident_id) m
                  ON v.incident_id = m.incident_id AND v.version = m.version
                ORDER BY v.incident_id
                """).map(Self.version)
        }
    }

    public func addMessage(_ message: NewMessage, incident: String) async throws -> SentMessage {
        let now = Self.format(Date())
        let findings = String(decoding: try JSONEncoder().encode(message.findings), as: UTF8.self)
        return try await queue.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM facts_version WHERE incident_id = ? AND version = ?",
                                    arguments: [incident, message.factsVersion]) == true else {
                throw StoreError.unknownIncident(incident)
            }
            try db.execute(sql: """
                INSERT INTO message (incident_id, channel, audience, recipient, text, sender, sent_at, facts_version, findings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [incident, message.channel, message.audience, message.recipient, message.text, message.sender, now,
                               message.factsVersion, findings])
            return SentMessage(id: Int(db.lastInsertedRowID), incident: incident, channel: message.channel, audience: message.audience,
                               recipient: message.recipient, text: message.text, sender: message.sender, sentAt: Self.parse(now),
                               factsVersion: message.factsVersion, findings: message.findings)
        }
    }

    public func messages(_ incident: String, before: Int?, limit: Int) async throws -> [SentMessage] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message WHERE incident_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                             arguments: [incident, before ?? Int.max, limit]).map { row in
                let findings: String = row["findings"]
                return SentMessage(id: row["id"], incident: row["incident_id"], channel: row["channel"], audience: row["audience"],
                                   recipient: row["recipient"], text: row["text"], sender: row["sender"], sentAt: Self.parse(row["sent_at"]),
                                   factsVersion: row["facts_version"],
                                   findings: try JSONDecoder().decode([RecordedFinding].self, from: Data(findings.utf8)))
            }
        }
    }

    public func ping() async throws {
        _ = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func probeWrite() async throws {
        let now = Self.format(Date())
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at", arguments: [now])
        }
    }

    // MARK: Rows

    private static func version(_ row: Row) throws -> FactsVersion {
        let changesText: String = row["changes"]
        return FactsVersion(incident: row["incident_id"], version: row["version"], facts: row["facts"], author: row["author"],
                            createdAt: parse(row["created_at"]),
                            changes: try JSONDecoder().decode([FactChange].self, from: Data(changesText.utf8)))
    }

    /// Times are stored as ISO 8601 UTC text with milliseconds.
    static func format(_ date: Date) -> String {
        Timestamp.iso8601Milliseconds(date)
    }

    static func parse(_ text: String) -> Date {
        Timestamp.parseISO8601Milliseconds(text) ?? Date(timeIntervalSince1970: 0)
    }
}
