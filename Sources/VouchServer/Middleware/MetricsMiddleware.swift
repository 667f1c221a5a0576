import Foundation
import Hummingbird
import Logging

/// Counts requests and their latency by route and status, and writes one
/// access-log line per request: method, route, status, body sizes and time.
/// Never the body itself.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let seconds = (ContinuousClock.now - start).seconds
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "route": "\(route)",
            "status": "\(response.status.code)",
            "request_bytes": "\(request.headers[.contentLength] ?? "-")",
            "response_bytes": "\(response.body.contentLength.map(String.init) ?? "-")",
            "ms": "\(String(format: "%.2f", seconds * 1000))",
        ])
        return response
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
