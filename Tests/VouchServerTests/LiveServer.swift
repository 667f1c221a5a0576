#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// A real `vouch serve` process on a free loopback port with its own
/// database, for what only a real server shows: sockets, timeouts, the
/// connection cap, malformed HTTP.
final class LiveServer: @unchecked Sendable {
    let port: Int
    let host: String
    let database: String
    let process = Process()
    private let stderr = Pipe()
    private var logged = Data()
    private let lock = NSLock()

    /// `shell` wraps the command (for `ulimit`); `arguments` are added to
    /// `serve --host H --port P --db D`.
    init(host: String = "127.0.0.1", arguments: [String] = [], openFiles: Int? = nil, database: String? = nil,
         environment: [String: String] = ["VOUCH_TOKENS": ""]) throws {
        // The address to connect to: "[::1]" is given to the server as
        // written, and connected to as ::1.
        self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = try Self.freePort(host: self.host)
        self.database = database ?? FileManager.default.temporaryDirectory.appendingPathComponent("vouch-live-\(UUID().uuidString).sqlite").path
        let binary = try Binary.url.path
        var command = ([binary, "serve", "--host", host, "--port", "\(port)", "--db", self.database] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        if let openFiles { command = "ulimit -n \(openFiles) && exec " + command } else { command = "exec " + command }
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["LOG_LEVEL": "debug"]) { $1 }) { $1 }
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock(); self.logged.append(data); self.lock.unlock()
        }
        try process.run()
        try waitUntilReady()
    }

    deinit {
        stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        stderr.fileHandleForReading.readabilityHandler = nil
    }

    /// What the server wrote to standard error (its log).
    var log: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: logged, as: UTF8.self)
    }

    private func waitUntilReady() throws {
        // A debug build compiling the pack on a loaded machine can take a
        // while; 30 s is generous and still fails a server that never starts.
        for _ in 0..<600 {
            if !process.isRunning { throw LiveServerError("vouch serve exited: \(log)") }
            if let connection = try? RawConnection(host: host, port: port),
               let response = try? connection.request("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
               response.hasPrefix("HTTP/1.1 200") {
                return
            }
            usleep(50_000)
        }
        throw LiveServerError("vouch serve did not answer /healthz within 30 s: \(log)")
    }

    static func freePort(host: String) throws -> Int {
        let connection = try RawConnection(listeningOn: host)
        return connection.localPort
    }
}

struct LiveServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A blocking TCP connection (or a listener), with a receive timeout so a
/// test never hangs.
final class RawConnection {
    let fd: Int32

    init(host: String, port: Int, timeout: Double = 10) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else { throw LiveServerError("cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw LiveServerError("socket: \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw LiveServerError("connect \(host):\(port): \(reason)")
        }
    }

    /// A listener on an ephemeral port (to find a free one, or to hold one).
    init(listeningOn host: String) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_PASSIVE
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "0", &hints, &list) == 0, let info = list else { throw LiveServerError("cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw LiveServerError("cannot listen on \(host)")
        }
    }

    deinit { close(fd) }

    var localPort: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LiveServerError("send: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Reads until the peer closes (or the receive timeout): everything it sent.
    func readToEnd() -> (text: String, closed: Bool) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { out += buffer[0..<n]; continue }
            return (String(decoding: out, as: UTF8.self), n == 0)
        }
    }

    /// Sends a request (which should say `Connection: close`) and reads the
    /// whole response.
    func request(_ text: String) throws -> String {
        try send(text)
        return readToEnd().text
    }

    /// Closes the sending side only.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }
}

/// An HTTP request with a JSON body, closing the connection after it.
func httpRequest(_ method: String, _ path: String, json body: String = "", headers: [String] = []) -> String {
    var lines = ["\(method) \(path) HTTP/1.1", "Host: localhost", "Connection: close"]
    if !body.isEmpty || method != "GET" {
        lines += ["Content-Type: application/json", "Content-Length: \(body.utf8.count)"]
    }
    lines += headers
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
}

/// The body of an HTTP response text (after the blank line).
func responseBody(_ response: String) -> String {
    guard let range = response.range(of: "\r\n\r\n") else { return "" }
    return String(response[range.upperBound...])
}
