import Foundation
import GRDB
import Testing
@testable import VouchServer

struct SimulatedCrash: Error {}

@Suite struct StorageTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vouch-store-\(UUID().uuidString).sqlite").path
    }

    @Test func createsTheFileAndMigratesOnFirstStart() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try SQLiteIncidentStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let applied = try await store.queue.read { db in try DatabaseMigrator().appliedIdentifiers(db) }
        #expect(Set(applied) == ["v1: incidents, facts versions, messages", "v2: heartbeat for the readiness probe",
                                 "v3: a message's recipient and its findings when recorded"])
        _ = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "a", changes: [], expectedVersion: 0)
        // Reopening migrates nothing again and keeps the data.
        let reopened = try SQLiteIncidentStore(path: path)
        #expect(try await reopened.current("INC-1")?.facts == "status: identified\n")
    }

    /// A database written before messages kept their findings opens with
    /// its messages intact: no recipient, no findings on record.
    @Test func messagesRecordedBeforeFindingsWereKeptStillRead() async throws {
        let queue = try DatabaseQueue()
        try SQLiteIncidentStore.migrator.migrate(queue, upTo: "v2: heartbeat for the readiness probe")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO incident (id, created_at) VALUES ('INC-1', '2026-11-22T09:00:00.000Z')")
            try db.execute(sql: "INSERT INTO facts_version VALUES ('INC-1', 1, 'status: identified', 'a', '2026-11-22T09:00:00.000Z', '[]')")
            try db.execute(sql: """
                INSERT INTO message (incident_id, channel, audience, text, sender, sent_at, facts_version)
                VALUES ('INC-1', 'email', 'customer', 'We are on it.', 'dana', '2026-11-22T09:05:00.000Z', 1)
                """)
        }
        let store = try SQLiteIncidentStore(queue: queue)
        let messages = try await store.messages("INC-1", before: nil, limit: 10)
        #expect(messages.count == 1)
        #expect(messages.first?.recipient == nil && messages.first?.findings == [] && messages.first?.text == "We are on it.")
        // A message is recorded only against a version that exists.
        await #expect(throws: StoreError.unknownIncident("INC-1")) {
            _ = try await store.addMessage(NewMessage(channel: "email", audience: "customer", text: "x", sender: "d", factsVersion: 2), incident: "INC-1")
        }
    }

    /// A writer that dies after inserting the new version but before the
    /// transaction commits leaves the previous version current and intact,
    /// also for a fresh process opening the file.
    @Test func writerKilledMidWriteLeavesThePreviousVersion() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteIncidentStore(path: path)
        let v1 = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "alice",
                                             changes: [FactChange(path: "status", from: nil, to: "identified")], expectedVersion: 0)
        await #expect(throws: SimulatedCrash.self) {
            _ = try await store.appendFacts(incident: "INC-1", facts: "status: fixed\n", author: "mallory", changes: [], expectedVersion: 1,
                                            afterInsert: { throw SimulatedCrash() })
        }
        #expect(try await store.current("INC-1") == v1)
        #expect(try await store.history("INC-1", before: nil, limit: 100) == [v1])
        let fresh = try SQLiteIncidentStore(path: path)
        #expect(try await fresh.current("INC-1") == v1)
        #expect(try await fresh.history("INC-1", before: nil, limit: 100).count == 1)
        // The next write gets version 2, not 3.
        #expect(try await fresh.appendFacts(incident: "INC-1", facts: "status: mitigated\n", author: "a", changes: [], expectedVersion: 1).version == 2)
    }

    /// A separate process killed with SIGKILL in the middle of its write
    /// transaction: the file still holds exactly the committed version.
    @Test func processKilledMidTransactionLeavesThePreviousVersion() async throws {
        let path = temporaryPath()
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try SQLiteIncidentStore(path: path)
        let v1 = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "alice", changes: [], expectedVersion: 0)
        try store.queue.close()

        // The writer: the sqlite3-compatible SQL our store runs, done by
        // python3's sqlite3 module, which sleeps inside the transaction.
        let script = """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("PRAGMA synchronous=FULL")
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO facts_version (incident_id, version, facts, author, created_at, changes) VALUES ('INC-1', 2, 'status: fixed\\n', 'mallory', '2026-01-01T00:00:00.000Z', '[]')")
            print("inserted", flush=True)
            time.sleep(60)
            db.execute("COMMIT")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let line = out.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("inserted"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let fresh = try SQLiteIncidentStore(path: path)
        #expect(try await fresh.history("INC-1", before: nil, limit: 100) == [v1])
    }

    @Test func versionsAreAppendOnly() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        _ = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "a", changes: [], expectedVersion: 0)
        await #expect(throws: DatabaseError.self) {
            try await store.queue.write { db in try db.execute(sql: "UPDATE facts_version SET facts = 'status: fixed'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await store.queue.write { db in try db.execute(sql: "DELETE FROM facts_version") }
        }
        #expect(try await store.current("INC-1")?.facts == "status: identified\n")
    }

    @Test func currentFactsIsTheNewestVersionsText() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        #expect(try await store.currentFacts("INC-1") == nil)
        _ = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "a", changes: [], expectedVersion: 0)
        _ = try await store.appendFacts(incident: "INC-1", facts: "status: fixed\n", author: "a", changes: [], expectedVersion: 1)
        _ = try await store.appendFacts(incident: "INC-2", facts: "status: mitigated\n", author: "a", changes: [], expectedVersion: 0)
        let current = try await store.currentFacts("INC-1")
        #expect(current?.version == 2)
        #expect(current?.facts == "status: fixed\n")
        #expect(try await store.currentFacts("INC-2")?.facts == "status: mitigated\n")
    }

    @Test func concurrentWriterIsAConflict() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        _ = try await store.appendFacts(incident: "INC-1", facts: "status: identified\n", author: "a", changes: [], expectedVersion: 0)
        await #expect(throws: StoreError.conflict(expected: 0, actual: 1)) {
            _ = try await store.appendFacts(incident: "INC-1", facts: "status: fixed\n", author: "b", changes: [], expectedVersion: 0)
        }
    }
}
