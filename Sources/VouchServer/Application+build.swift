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

    /// The default rule pack and templates, embedded in the binary.
    public init(store: any IncidentStore, metrics: Metrics = Metrics()) throws {
        let pack = try RulePack(files: DefaultPack.files(in: "Rules"))
        self.store = store
        self.metrics = metrics
        self.checker = Checker(pack: pack)
        self.composer = Composer(templates: try TemplateSet(files: DefaultPack.files(in: "Templates")), pack: pack)
    }
}

/// The router with every route and middleware; tests drive it with
/// `app.test(.router)`.
public func buildRouter(_ configuration: ServerConfiguration, services: ServerServices) -> Router<VouchRequestContext> {
    let router = Router(context: VouchRequestContext.self)
    // Outermost first: metrics and the access log see the final status.
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodySize))
    router.add(middleware: TokenAuthMiddleware(tokens: configuration.tokens))
    let facts = FactsSource(store: services.store)
    CheckRoutes(checker: services.checker, facts: facts, metrics: services.metrics).addRoutes(to: router)
    ComposeRoutes(composer: services.composer, facts: facts).addRoutes(to: router)
    IncidentRoutes(store: services.store).addRoutes(to: router)
    MessageRoutes(store: services.store).addRoutes(to: router)
    HealthRoutes(store: services.store).addRoutes(to: router)
    MetricsRoutes(metrics: services.metrics).addRoutes(to: router)
    OpenAPIRoutes().addRoutes(to: router)
    PageRoutes().addRoutes(to: router)
    return router
}

/// The application: the SQLite store at `configuration.databasePath`
/// (created on first start), the router, graceful shutdown on SIGTERM and
/// SIGINT when run with `runService()`.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = logger ?? Logger(label: "vouch.serve")
    if logger.logLevel > .info, ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .info }
    let store: SQLiteIncidentStore
    do {
        store = try SQLiteIncidentStore(path: configuration.databasePath)
    } catch {
        throw VouchError("cannot open database '\(configuration.databasePath)': \(error)")
    }
    let services = try ServerServices(store: store)
    let router = buildRouter(configuration, services: services)
    logger.info("vouch serve", metadata: [
        "address": "\(configuration.host):\(configuration.port)", "database": "\(configuration.databasePath)",
        "tokens": "\(configuration.tokens.count)", "max_body": "\(configuration.maxBodySize)",
    ])
    return Application(router: router,
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "vouch"),
                       logger: logger)
}
