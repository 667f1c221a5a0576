#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VouchServer

/// When the store fails, clients and operators are told what failed.
@Suite(.serialized) struct StorageFailureTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vouch-fail-\(UUID().uuidString).sqlite").path
    }

    /// A database that has reached its size limit (SQLite's max_page_count:
    /// the same SQLITE_FULL a full disk gives).
    @Test func fullDatabaseIs503NamingItAndLogged() async throws {
        let path = temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let store = try SQLiteIncidentStore(path: path)
        let logs = LogRecorder()
        try await TestServer(store: store, logs: logs).test { client in
            #expect(try await client.send(.put, "/v1/incidents/INC-7", body: Fixture.facts).status == .created)
            try await store.queue.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
                try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            }
            let big = Fixture.facts + "mitigation: " + String(repeating: "Retries were paused. ", count: 2000) + "\n"
            let r = try await client.send(.put, "/v1/incidents/INC-7", body: big)
            #expect(r.status == .serviceUnavailable)
            #expect(r.body == "{\n  \"error\": \"storage_unavailable\",\n  \"detail\": \"the incident store failed: the disk or the database is full (SQLITE_FULL)\"\n}\n")
            // Reads still work, and the previous version is current.
            let detail = try object(try await client.send(.get, "/v1/incidents/INC-7").body)
            #expect(detail["version"] as? Int == 1)
        }
        #expect(logs.recorded.contains { $0.hasPrefix("error storage error") && $0.contains("SQLite error 13") })
        #expect(!logs.recorded.contains { $0.contains("Retries were paused") }, "the log must not hold facts text")
    }

    @Test func corruptDatabaseIs503AndNotReady() async throws {
        let path = temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let store = try SQLiteIncidentStore(path: path)
            for n in 1...40 {
                _ = try await store.appendFacts(incident: "INC-\(n)", facts: "status: identified\n" + String(repeating: "# x\n", count: 300),
                                                author: "a", changes: [], expectedVersion: 0)
            }
            try await store.queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try store.queue.close()
        }
        // Overwrite every page after the first three with garbage.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 3 * 4096)
        handle.write(Data(repeating: 0xA5, count: Int(size) - 3 * 4096))
        try handle.close()

        let store = try SQLiteIncidentStore(path: path)
        try await TestServer(store: store).test { client in
            let r = try await client.send(.get, "/v1/incidents")
            #expect(r.status == .serviceUnavailable)
            #expect(r.body == "{\n  \"error\": \"storage_unavailable\",\n  \"detail\": \"the incident store failed: the database file is corrupt (SQLITE_CORRUPT)\"\n}\n")
            let ready = try await client.send(.get, "/readyz", token: nil)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.body.hasPrefix("{\n  \"error\": \"not_ready\",\n  \"detail\": \"the incident store cannot write"))
        }
    }

    @Test func readyzWritesAndHealthzReads() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        try await TestServer(store: store).test { client in
            let ready = try await client.send(.get, "/readyz", token: nil)
            #expect(ready.status == .ok)
            #expect(ready.body == "{\n  \"status\": \"ready\"\n}\n")
            let beat = try await store.queue.read { db in try String.fetchOne(db, sql: "SELECT at FROM heartbeat WHERE id = 1") }
            #expect(beat != nil)
        }
    }

    /// A real disk that fills up: the server on a 512 KiB tmpfs. Needs
    /// root to mount; without it the test says so.
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullDiskIsNotReadyButAlive() throws {
        let mount = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-tmpfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        defer { _ = try? run("/bin/umount", [mount]); try? FileManager.default.removeItem(atPath: mount) }
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mount])
        try #require(mounted == 0, "could not mount a tmpfs at \(mount)")
        let server = try LiveServer(database: mount + "/vouch.sqlite")
        // Fill the rest of the disk.
        let filler = FileManager.default.createFile(atPath: mount + "/filler", contents: nil)
        #expect(filler)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mount + "/filler"))
        while (try? handle.write(contentsOf: Data(repeating: 0, count: 4096))) != nil {}
        try? handle.close()

        let put = try RawConnection(host: server.host, port: server.port)
        let facts = "status: identified\ntitle: " + String(repeating: "Billing page blank ", count: 40) + "\n"
        let response = try put.request("PUT /v1/incidents/INC-1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                       + "Content-Type: application/yaml\r\nContent-Length: \(facts.utf8.count)\r\n\r\n" + facts)
        #expect(response.hasPrefix("HTTP/1.1 503"), "\(response.prefix(300))")
        #expect(responseBody(response).contains("the disk or the database is full"))
        let ready = try RawConnection(host: server.host, port: server.port).request(httpRequest("GET", "/readyz"))
        #expect(ready.hasPrefix("HTTP/1.1 503"))
        #expect(responseBody(ready).contains("cannot write"))
        let health = try RawConnection(host: server.host, port: server.port).request(httpRequest("GET", "/healthz"))
        #expect(health.hasPrefix("HTTP/1.1 200"))
        #expect(server.log.contains("storage error"))
        server.stop()
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
