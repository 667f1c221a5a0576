import Foundation
import Hummingbird
import Logging
import VouchCompose
import VouchCore

/// Everything the routes share.
public struct ServerServices: Sendable {
    public let store: any IncidentStore
    public let metrics: Metrics
    public let checker: Checker
    public let auditor: Auditor
    public let composer: Composer
    /// The open connections; nil in router tests, which have none.
    public let connections: ConnectionRegistry?

    /// The rule pack and templates are given, not loaded here: `vouch serve`
    /// passes the built-in pack and any `--rules DIR`.
    public init(store: any IncidentStore, pack: RulePack, templates: TemplateSet,
                metrics: Metrics = Metrics(), connections: ConnectionRegistry? = nil) {
        self.store = store
        self.metrics = metrics
        self.checker = Checker(pack: pack)
        self.auditor = Auditor(checker: checker)
        self.composer = Composer(templates: templates, pack: pack)
        self.connections = connections
    }
}

/// The router with every route and middleware (`buildApplication` serves it).
///
/// Authorization is a middleware of the `/v1` group, so it runs on the route
/// the router matched, however the path was spelled.
public func buildRouter(_ configuration: ServerConfiguration, services: ServerServices) -> Router<VouchRequestContext> {
    let router = Router(context: VouchRequestContext.self)
    // Outermost first: metrics and the access log see the final status.
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: CanonicalPathMiddleware())
    if configuration.tokens.isEmpty { router.add(middleware: LoopbackGuardMiddleware()) }
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodySize))
    router.add(middleware: RequestDeadlineMiddleware(timeout: configuration.requestTimeout, registry: services.connections))
    let v1 = router.group("v1").add(middleware: TokenAuthMiddleware(tokens: configuration.tokens))
    let facts = FactsSource(store: services.store)
    let log = StoredLog(store: services.store, facts: facts)
    CheckRoutes(checker: services.checker, auditor: services.auditor, facts: facts, log: log, metrics: services.metrics,
                allow: configuration.allow).addRoutes(to: v1)
    ComposeRoutes(composer: services.composer, facts: facts).addRoutes(to: v1)
    IncidentRoutes(store: services.store).addRoutes(to: v1)
    MessageRoutes(store: services.store, checker: services.checker, facts: facts).addRoutes(to: v1)
    AuditRoutes(auditor: services.auditor, facts: facts, log: log).addRoutes(to: v1)
    HealthRoutes(store: services.store).addRoutes(to: router)
    MetricsRoutes(metrics: services.metrics).addRoutes(to: router)
    OpenAPIRoutes().addRoutes(to: router)
    PageRoutes().addRoutes(to: router)
    return router
}

/// The application: `pack` and `templates` for checks and compose, the
/// incident store (`store`, or the SQLite file at
/// `configuration.databasePath`, created on first start after the address
/// is known to be free), the router, every connection watched (timeouts,
/// the connection cap), graceful shutdown on SIGTERM and SIGINT when run
/// with `runService()`. Tests drive the same application with
/// `app.test(.router)` and a store of their own.
public func buildApplication(_ configuration: ServerConfiguration, pack: RulePack, templates: TemplateSet,
                             store given: (any IncidentStore)? = nil, logger: Logger? = nil) throws -> some ApplicationProtocol {
    try configuration.validate()
    let logger = logger ?? {
        var logger = Logger(label: "vouch.serve")
        if logger.logLevel > .info, ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .info }
        return logger
    }()
    // Keep descriptors for the database, the listener and the log beyond
    // the connections.
    let descriptors = DescriptorLimit.raise()
    let connections = min(configuration.maxConnections, max(1, descriptors - 64))
    if connections < configuration.maxConnections {
        logger.warning("connection limit lowered to fit the open-file limit", metadata: [
            "max_connections": "\(connections)", "open_files": "\(descriptors)",
        ])
    }
    let store = try given ?? openStore(configuration)
    let registry = ConnectionRegistry(limit: connections, logger: logger)
    let services = ServerServices(store: store, pack: pack, templates: templates, connections: registry)
    let router = buildRouter(configuration, services: services)
    logger.info("vouch serve", metadata: [
        "address": "\(ListenProbe.display(configuration.host, configuration.port))", "database": "\(given == nil ? configuration.databasePath : "(given)")",
        "tokens": "\(configuration.tokens.count)", "max_body": "\(configuration.maxBodySize)", "max_connections": "\(connections)",
    ])
    let timeouts = ConnectionMonitor.Timeouts(idle: .init(configuration.idleTimeout), header: .init(configuration.headerTimeout),
                                              body: .init(configuration.bodyTimeout))
    return Application(router: router,
                       server: .guarded(timeouts: timeouts, registry: registry, logger: logger),
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "vouch"),
                       logger: logger)
}

/// The SQLite file at `configuration.databasePath`, opened only once the
/// address can be listened on, so a busy port leaves no new file behind.
private func openStore(_ configuration: ServerConfiguration) throws -> SQLiteIncidentStore {
    try ListenProbe.check(host: configuration.host, port: configuration.port)
    do {
        return try SQLiteIncidentStore(path: configuration.databasePath)
    } catch {
        throw VouchError("cannot open database '\(configuration.databasePath)': \(StorageFailure(error)?.summary ?? "\(error)")")
    }
}
