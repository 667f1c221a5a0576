import ArgumentParser
import Foundation
import Hummingbird
import VouchCore
import VouchServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the pre-send check service and the review page over HTTP.",
        discussion: """
            Serves POST /v1/check and /v1/compose, the incident store (/v1/incidents), \
            the sent-message log, /healthz, /metrics, /openapi.yaml and the review page at /. \
            Incidents are kept in an SQLite file, created on first start.

            API tokens (--tokens FILE and/or VOUCH_TOKENS): one 'TOKEN ROLE [NAME]' or \
            'TOKEN: ROLE' per line (VOUCH_TOKENS may separate entries with ','); ROLE is \
            reader (check, compose, read) or editor (also change incidents and record \
            messages). Without tokens the server only listens on a loopback address.

            The allow list (vouch.yaml's 'allow' and --allow) applies to every check; a \
            request's own 'allow' adds to it. --rules DIR and --templates DIR load a pack \
            and templates of your own, as for check and compose.

            Examples:
              vouch serve
              vouch serve --host 0.0.0.0 --port 9000 --tokens tokens.txt \\
                --db /var/lib/vouch/vouch.sqlite
              vouch serve --rules our-rules/ --templates our-templates/
            """
    )

    @Option(help: "The address to listen on (a non-loopback address needs API tokens).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The SQLite database file (created on first start).", valueName: "path"))
    var db = ServerConfiguration.defaultDatabasePath

    @Option(help: ArgumentHelp("A file of API tokens and their roles.", valueName: "file"))
    var tokens: String?

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest request body in bytes (larger: 413).", valueName: "bytes"))
    var maxBody = ServerConfiguration.defaultMaxBodySize

    @Option(name: .customLong("max-connections"),
            help: ArgumentHelp("Open connections at most; at the limit the longest-idle one is closed to make room.", valueName: "n"))
    var maxConnections = ServerConfiguration.defaultMaxConnections

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Close a connection with no request for this long.", valueName: "seconds"))
    var idleTimeout = 60.0

    @Option(name: .customLong("header-timeout"), help: ArgumentHelp("A request's headers must arrive within this long.", valueName: "seconds"))
    var headerTimeout = 10.0

    @Option(name: .customLong("body-timeout"), help: ArgumentHelp("A request's body must arrive within this long of its headers.", valueName: "seconds"))
    var bodyTimeout = 30.0

    @Option(name: .customLong("request-timeout"),
            help: ArgumentHelp("Stop the work of one request after this long (503).", valueName: "seconds"))
    var requestTimeout = 10.0

    @OptionGroup var allowList: AllowOptions

    @OptionGroup var pack: PackOptions

    @OptionGroup var templates: TemplateOptions

    func run() async throws {
        let table = try TokenTable.load(file: tokens, environment: ProcessInfo.processInfo.environment)
        let allow = try allowList.entries()
        let configuration = ServerConfiguration(
            host: host, port: port, databasePath: db, tokens: table, maxBodySize: maxBody, maxConnections: maxConnections,
            idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout),
            requestTimeout: .seconds(requestTimeout), allow: allow)
        let existed = FileManager.default.fileExists(atPath: db)
        let app = try Self.hinted { try buildApplication(configuration, pack: try pack.load(), templates: try templates.load()) }
        do {
            // Returns after SIGTERM or SIGINT.
            try await app.runService()
        } catch {
            // A bind that failed after the probe: leave no new database behind.
            if !existed { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
            throw VouchError("serve: cannot listen on \(host):\(port): \(error)")
        }
    }
}

extension ServeCommand {
    /// Names the flags that fix a refused address.
    static func hinted<T>(_ build: () throws -> T) throws -> T {
        do {
            return try build()
        } catch let error as VouchError where error.setting?.name == "host" {
            throw VouchError(location: error.location, setting: error.setting, reason: error.reason + " (give --tokens FILE or VOUCH_TOKENS)")
        }
    }
}
