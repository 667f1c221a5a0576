import Hummingbird

/// Refuses request paths that are not written the one way each route is:
/// empty segments (`//v1/check`), dot segments (`/./`, `/../`) and encoded
/// slashes, dots or backslashes (`%2F`, `%2E`, `%5C`). Authorization is
/// decided on the matched route already; this keeps logs, metrics and any
/// proxy in front reading the same path the router does.
struct CanonicalPathMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let problem = Self.problem(request.uri.path) {
            throw APIError.badRequest("the path is not in canonical form: \(problem)")
        }
        return try await next(request, context)
    }

    /// What is wrong with `path`, or nil when it is canonical.
    static func problem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "it does not start with '/'" }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty && index < segments.count - 1 { return "an empty segment ('//')" }
            if segment == "." || segment == ".." { return "a dot segment ('/\(segment)/')" }
        }
        let lowered = path.lowercased()
        for encoded in ["%2f", "%2e", "%5c", "%00"] where lowered.contains(encoded) {
            return "an encoded '\(encoded == "%2f" ? "/" : encoded == "%2e" ? "." : encoded == "%5c" ? "\\" : "NUL")' (\(encoded.uppercased()))"
        }
        return nil
    }
}
