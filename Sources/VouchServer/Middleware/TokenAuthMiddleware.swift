import Hummingbird

/// Checks `Authorization: Bearer <token>` and records the caller's grant in
/// the context. It is added to the `/v1` route group, so it runs on the
/// route the router matched, whatever the spelling of the path that reached
/// it (`//v1/incidents`, `/v1/incidents/`): authorization never depends on
/// comparing raw path text. The review page, its OpenAPI document,
/// `/healthz`, `/readyz` and `/metrics` are outside the group (they hold no
/// incident data). With no tokens configured (a loopback-only server) every
/// caller is an editor named "local".
struct TokenAuthMiddleware: RouterMiddleware {
    typealias Context = VouchRequestContext
    let tokens: TokenTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if tokens.isEmpty {
            context.grant = TokenGrant(role: .editor, name: "local")
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "unauthorized", "missing API token: send 'Authorization: Bearer <token>'")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let grant = tokens.grant(for: String(parts[1]).trimmingCharacters(in: .whitespaces))
        else {
            throw APIError(.unauthorized, "unauthorized", "the API token is not valid")
        }
        context.grant = grant
        return try await next(request, context)
    }
}
