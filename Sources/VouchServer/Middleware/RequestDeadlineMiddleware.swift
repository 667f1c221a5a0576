import Hummingbird
import VouchCore

/// Bounds the work of one request: it sets `context.deadline` and a
/// cancellation flag that is raised when the client goes away (the
/// connection closes, or its client closes its side while waiting). Checks
/// read both, so the engine stops, not only the answer. A request past its
/// deadline is answered 503.
struct RequestDeadlineMiddleware: RouterMiddleware {
    typealias Context = VouchRequestContext
    let timeout: Duration
    let registry: ConnectionRegistry?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.deadline = ContinuousClock.now + timeout
        let flag = CancellationFlag()
        context.cancellation = flag
        let channel = context.channel
        let key = registry?.onAbandon(channel) { flag.cancel() }
        defer { if let key { registry?.remove(key, from: channel) } }
        do {
            return try await next(request, context)
        } catch let interrupted as CheckInterrupted {
            switch interrupted.reason {
            case .deadline:
                throw APIError(.serviceUnavailable, "deadline_exceeded",
                               "the request did not finish within the server's request timeout of \(timeout); try a shorter draft")
            case .cancelled:
                throw APIError(.serviceUnavailable, "cancelled", "the request was cancelled: its client went away")
            }
        }
    }
}
