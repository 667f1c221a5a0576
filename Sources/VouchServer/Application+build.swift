import Foundation
import Hummingbird
import Logging
import VouchCompose
import VouchCore
import VouchDefaultPack

/// Everything the routes share.
public struct ServerServices: Sendable {
    public let store: any IncidentStore
    public let metrics: Metrics
    public let checker: Checker
    public let composer: Composer
    /// The open connections; nil in router tests, which have none.
    public let connections: ConnectionRegistry?

    /// The default rule pack and templates, embedded in the binary.
    public init(store: any IncidentStore, metrics: Metrics = Metrics(), connections: ConnectionRegistry? = nil) throws {
        let pack = try RulePack(files: DefaultPack.files(in: "Rules"))
        self.store = store
        self.metrics = metrics
        self.checker = Checker(pack: pack)
        self.composer = Composer(templates: try TemplateSet(files: DefaultPack.files(in: "Templates")), pack: pack)
        self.connections = connections
    }
}

/// The router with every route and middleware; tests drive it with
/// `app.test(.router)`.
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
    CheckRoutes(checker: services.checker, facts: facts, metrics: services.metrics, allow: configuration.allow).addRoutes(to: v1)
    ComposeRoutes(composer: services.composer, facts: facts).addRoutes(to: v1)
    IncidentRoutes(store: services.store).addRoutes(to: v1)
    MessageRoutes(store: services.store).addRoutes(to: v1)
    HealthRoutes(store: services.store).addRoutes(to: router)
    MetricsRoutes(metrics: services.metrics).addRoutes(to: router)
    OpenAPIRoutes().addRoutes(to: router)
    PageRoutes().addRoutes(to: router)
    return router
}

/// The application: the SQLite store at `configuration.databasePath`
/// (created on first start, after the address is known to be free), the
/// router, every connection watched (timeouts, the connection cap),
/// graceful shutdown on SIGTERM and SIGINT when run with `runService()`.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = logger ?? Logger(label: "vouch.serve")
    if logger.logLevel > .info, ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .info }
    try ListenProbe.check(host: configuration.host, port: configuration.port)
    // Keep descriptors for the database, the listener and the log beyond
    // the connections.
    let descriptors = DescriptorLimit.raise()
    let connections = min(configuration.maxConnections, max(1, descriptors - 64))
    if connections < configuration.maxConnections {
        logger.warning("connection limit lowered to fit the open-file limit", metadata: [
            "max_connections": "\(connections)", "open_files": "\(descriptors)",
        ])
    }
    let store: SQLiteIncidentStore
    do {
        store = try SQLiteIncidentStore(path: configuration.databasePath)
    } catch {
        throw VouchError("cannot open database '\(configuration.databasePath)': \(StorageFailure(error)?.summary ?? "\(error)")")
    }
    let registry = ConnectionRegistry(limit: connections, logger: logger)
    let services = try ServerServices(store: store, connections: registry)
    let router = buildRouter(configuration, services: services)
    logger.info("vouch serve", metadata: [
        "address": "\(ListenProbe.display(configuration.host, configuration.port))", "database": "\(configuration.databasePath)",
        "tokens": "\(configuration.tokens.count)", "max_body": "\(configuration.maxBodySize)", "max_connections": "\(connections)",
    ])
    let timeouts = ConnectionMonitor.Timeouts(idle: .init(configuration.idleTimeout), header: .init(configuration.headerTimeout),
                                              body: .init(configuration.bodyTimeout))
    return Application(router: router,
                       server: .guarded(timeouts: timeouts, registry: registry, logger: logger),
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "vouch"),
                       logger: logger)
}
