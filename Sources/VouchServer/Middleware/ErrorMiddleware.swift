import Foundation
import Hummingbird
import Logging
import VouchCore

/// Turns every error into a JSON `{error, detail}` response: `APIError` as
/// is, Hummingbird's own errors (unknown route, wrong method) with their
/// status, a `VouchError` (bad facts) as 400, a storage failure as 503 with
/// what failed (disk full, a corrupt file, a read-only file; the full
/// database error is logged), anything else as 500 without its text, which
/// is logged instead.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as VouchError {
            return try APIError.badRequest(error.message).response(from: request, context: context)
        } catch let error as HTTPError {
            let apiError: APIError
            switch error.status {
            case .notFound: apiError = .notFound("no route for \(request.method) \(JSONParser.shown(request.uri.path))")
            case .contentTooLarge: apiError = APIError(.contentTooLarge, "too_large", error.body ?? "the request body is too large")
            default:
                apiError = APIError(error.status, error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                                    error.body ?? error.status.reasonPhrase)
            }
            return try apiError.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            let status = error.status
            return try APIError(status, status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"), status.reasonPhrase)
                .response(from: request, context: context)
        } catch {
            if let failure = StorageFailure(error) {
                context.logger.error("storage error", metadata: ["error": "\(failure.logDescription)"])
                return try APIError(.serviceUnavailable, "storage_unavailable", "the incident store failed: \(failure.summary)")
                    .response(from: request, context: context)
            }
            context.logger.error("internal error", metadata: ["error.type": "\(type(of: error))", "error": "\(String(describing: error).prefix(500))"])
            return try APIError(.internalServerError, "internal", "internal server error; see the server log")
                .response(from: request, context: context)
        }
    }
}
