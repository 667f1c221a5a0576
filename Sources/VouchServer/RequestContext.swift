import Hummingbird
import Logging

/// The request context: Hummingbird's core storage plus who is calling.
public struct VouchRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `TokenAuthMiddleware`; nil until it has run.
    public var grant: TokenGrant?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
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
