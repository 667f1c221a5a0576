#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// The server as a client meets it over TCP: the real binary, real sockets.
@Suite(.serialized) struct LiveServerTests {
    /// 1,100 idle connections under a 1,024 descriptor limit: the server
    /// closes the longest-idle ones to make room and still answers.
    @Test(.timeLimit(.minutes(2)))
    func idleConnectionsLeaveHealthzAnswering() throws {
        let server = try LiveServer(arguments: ["--max-connections", "512"], openFiles: 1024)
        var idle: [RawConnection] = []
        for _ in 0..<1100 { idle.append(try RawConnection(host: server.host, port: server.port)) }
        let health = try RawConnection(host: server.host, port: server.port)
        let response = try health.request(httpRequest("GET", "/healthz"))
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(200))")
        #expect(responseBody(response) == "{\n  \"status\": \"ok\"\n}\n")
        #expect(server.log.contains("connection limit reached"), "no log line when the cap was reached")
        // The server is still fine for ordinary work.
        let check = try RawConnection(host: server.host, port: server.port)
        #expect(try check.request(httpRequest("POST", "/v1/check", json: "{\"text\": \"It is resolved.\"}")).hasPrefix("HTTP/1.1 200"))
        idle.removeAll()
    }

    /// `serve --rules DIR` checks with that pack: the server is given its
    /// pack rather than loading the built-in one itself.
    @Test(.timeLimit(.minutes(1)))
    func servesAPackOfItsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            rules:
              - id: style.sorry
                kind: claim
                severity: warning
                summary: Apologising twice.
                phrases: [sorry again]
                message: say it once
                examples:
                  flag:
                    - text: "[[Sorry again]]."
                  pass:
                    - text: Sorry.

            """.write(to: dir.appendingPathComponent("style.yaml"), atomically: true, encoding: .utf8)
        let server = try LiveServer(arguments: ["--no-default-rules", "--rules", dir.path])
        let body = "{\"text\": \"Sorry again: it is resolved.\"}"
        let response = responseBody(try RawConnection(host: server.host, port: server.port).request(httpRequest("POST", "/v1/check", json: body)))
        #expect(response.contains("\"rule\": \"style.sorry\""), "\(response)")
        #expect(!response.contains("claim.resolved"), "the built-in pack was loaded: \(response)")
    }

    @Test(.timeLimit(.minutes(1)))
    func slowHeadersIdleConnectionsAndSlowBodiesAreClosed() throws {
        let server = try LiveServer(arguments: ["--header-timeout", "0.5", "--idle-timeout", "0.5", "--body-timeout", "0.5"])
        // One header line, then nothing.
        let slow = try RawConnection(host: server.host, port: server.port)
        try slow.send("GET /healthz HTTP/1.1\r\nHost: local")
        let cut = slow.readToEnd()
        #expect(cut.closed && cut.text.isEmpty)
        // Nothing at all.
        let silent = try RawConnection(host: server.host, port: server.port)
        #expect(silent.readToEnd().closed)
        // A body that stops halfway: closed, and nothing was stored.
        let body = try RawConnection(host: server.host, port: server.port)
        try body.send("PUT /v1/incidents/INC-9 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\nContent-Length: 100\r\n\r\nstatus: fixed\n")
        #expect(body.readToEnd().closed)
        let get = try RawConnection(host: server.host, port: server.port)
        #expect(try get.request(httpRequest("GET", "/v1/incidents/INC-9")).hasPrefix("HTTP/1.1 404"))
    }

    @Test func malformedRequestsGetAJSONAnswer() throws {
        let server = try LiveServer()
        let garbage = try RawConnection(host: server.host, port: server.port)
        let response = try garbage.request("GARBAGE\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 400"))
        #expect(response.lowercased().contains("content-type: application/json"))
        #expect(responseBody(response).hasPrefix("{\n  \"error\": \"bad_request\",\n  \"detail\": \"malformed HTTP request ("))
        // A chunk size that overflows, in the middle of a request's body.
        let chunked = try RawConnection(host: server.host, port: server.port)
        let overflow = try chunked.request("POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                           + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")
        #expect(overflow.hasPrefix("HTTP/1.1 400"), "\(overflow.prefix(300))")
        #expect(responseBody(overflow).contains("\"error\": \"bad_request\""))
        #expect(!server.log.contains("internal error"))
    }

    @Test func portInUseNamesTheAddressAndCreatesNoDatabase() throws {
        let holder = try RawConnection(listeningOn: "127.0.0.1")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-busy-\(UUID().uuidString).sqlite").path
        let r = try Binary.run(["serve", "--port", "\(holder.localPort)", "--db", database], environment: ["VOUCH_TOKENS": ""])
        #expect(r.status == 2)
        #expect(r.stderr == "vouch: error: cannot listen on 127.0.0.1:\(holder.localPort): the address is already in use (is another vouch serve running?)\n")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func bracketedIPv6LoopbackListens() throws {
        let server = try LiveServer(host: "::1")
        let connection = try RawConnection(host: "::1", port: server.port)
        #expect(try connection.request(httpRequest("GET", "/healthz")).hasPrefix("HTTP/1.1 200"))
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-v6-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + s) } }
        // The same address written with brackets, as in a URL.
        let bracketed = try LiveServer(host: "[::1]", database: database)
        let again = try RawConnection(host: "::1", port: bracketed.port)
        #expect(try again.request(httpRequest("GET", "/healthz")).hasPrefix("HTTP/1.1 200"))
    }

    /// A check past the request timeout is stopped and answered 503; one
    /// whose client went away is cancelled (its request is logged as 503
    /// at once, not after the full check).
    @Test(.timeLimit(.minutes(2)))
    func longChecksStopAtTheDeadlineAndWhenTheClientLeaves() throws {
        let draft = String(repeating: "The issue is resolved and it was an outage, never again. ", count: 12_000)
        let body = "{\"text\": \"\(draft)\"}"
        let server = try LiveServer(arguments: ["--request-timeout", "0.3", "--max-body", "\(4 << 20)"])
        let late = try RawConnection(host: server.host, port: server.port, timeout: 60)
        let response = try late.request(httpRequest("POST", "/v1/check", json: body))
        #expect(response.hasPrefix("HTTP/1.1 503"), "\(response.prefix(200))")
        #expect(responseBody(response).hasPrefix("{\n  \"error\": \"deadline_exceeded\""))

        let patient = try LiveServer(arguments: ["--request-timeout", "120", "--max-body", "\(4 << 20)"])
        let leaving = try RawConnection(host: patient.host, port: patient.port)
        try leaving.send(httpRequest("POST", "/v1/check", json: body))
        usleep(200_000)
        leaving.shutdownWrite()
        var cancelled = false
        for _ in 0..<100 where !cancelled {
            usleep(100_000)
            cancelled = patient.log.contains("status=503") && patient.log.contains("/v1/check")
        }
        #expect(cancelled, "the abandoned check was not cancelled: \(patient.log.suffix(600))")
    }
}
