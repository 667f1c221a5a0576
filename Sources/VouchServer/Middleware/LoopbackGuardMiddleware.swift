import HTTPTypes
import Hummingbird
import VouchCore

/// A server without API tokens trusts whoever can reach its loopback port,
/// so it must not be reachable from a web page in the user's browser:
/// - DNS rebinding: a page on `attacker.example` that resolves to 127.0.0.1
///   sends `Host: attacker.example`; only loopback names are answered.
/// - Cross-site requests: a foreign page may POST `text/plain` or a form
///   without asking (no CORS preflight). A request that changes or records
///   anything must carry a JSON (or, for facts, YAML) content type, which a
///   browser only sends cross-site after a preflight this server never
///   grants, and an `Origin` header, when present, must be this server's own.
/// With tokens the bearer token is the defence (a browser never attaches
/// it on its own) and this middleware is not installed.
struct LoopbackGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    static var hostField: HTTPField.Name { HTTPField.Name("Host")! }
    static var mediaTypes: [String] { ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1's Host header arrives as the authority (a Host field is
        // only left when something built the request by hand); read both.
        let host = request.headers[Self.hostField] ?? request.head.authority
        if let host, !ServerConfiguration.isLoopback(Self.hostName(host)) {
            throw APIError(.forbidden, "forbidden_host",
                           "Host '\(JSONParser.shown(host))' is not a loopback name; without API tokens this server answers only requests to localhost, 127.0.0.1 or [::1]")
        }
        if ![.get, .head, .options].contains(request.method) {
            if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site == "cross-site" || site == "same-site" {
                throw APIError(.forbidden, "forbidden_origin", "cross-site requests are refused by a server without API tokens")
            }
            if let origin = request.headers[.origin], !Self.sameOrigin(origin, host: host) {
                throw APIError(.forbidden, "forbidden_origin",
                               "Origin '\(JSONParser.shown(origin))' is not this server; without API tokens only pages of this server may change incidents or record messages")
            }
            let type = request.headers[.contentType].map(Self.mediaType) ?? ""
            if !Self.mediaTypes.contains(type) {
                throw APIError(.unsupportedMediaType, "unsupported_media_type",
                               "Content-Type '\(JSONParser.shown(type))': send application/json (facts may also be application/yaml)")
            }
        }
        return try await next(request, context)
    }

    /// "Localhost:8080" → "localhost"; "[::1]:8080" → "[::1]".
    static func hostName(_ authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// "application/json; charset=utf-8" → "application/json".
    static func mediaType(_ value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether `origin` is `http://` + the request's own host (port included),
    /// and a loopback one.
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        let lowered = origin.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return false }
        let authority = String(lowered.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true).dropFirst().first ?? "")
        guard ServerConfiguration.isLoopback(hostName(authority)) else { return false }
        guard let host else { return true }
        return authority == host.lowercased()
    }
}
