import Hummingbird
import Logging
import NIOCore
import VouchCore

/// The request context: Hummingbird's core storage plus who is calling,
/// the connection the request came on and when its work must stop.
public struct VouchRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `TokenAuthMiddleware`; nil until it has run.
    public var grant: TokenGrant?
    /// The connection, to cancel the work when its client goes away.
    public let channel: any Channel
    /// Set by `RequestDeadlineMiddleware`: checks stop at this instant, or
    /// once the flag is raised (the client went away).
    public var deadline: ContinuousClock.Instant?
    public var cancellation: CancellationFlag?

    /// Bodies are read by the strict JSON reader, responses written by
    /// the one JSON writer.
    public var requestDecoder: RequestBodyDecoder { RequestBodyDecoder() }
    public var responseEncoder: JSONResponseEncoder { JSONResponseEncoder() }

    /// Check options bounded by this request's deadline and cancellation.
    func bounded(_ options: CheckOptions) -> CheckOptions {
        var options = options
        options.deadline = deadline
        options.cancellation = cancellation
        return options
    }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Throws 403 unless the caller may change incidents and record messages.
    func requireEditor() throws {
        guard let grant, grant.role.canWrite else {
            throw APIError(.forbidden, "forbidden", "this token has the role 'reader'; changing incidents and recording messages needs 'editor'")
        }
    }

    /// Who is recorded as the author of a change.
    var author: String { grant?.name ?? "anonymous" }
}
