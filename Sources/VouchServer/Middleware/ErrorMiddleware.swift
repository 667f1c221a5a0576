import Foundation
import Hummingbird
import Logging
import VouchCore

/// Turns every error into a JSON `{error, detail}` response: `APIError` as
/// is, Hummingbird's own errors (unknown route, wrong method) with their
/// status, a `VouchError` (bad facts) as 400, anything else as 500 without
/// its text, which is logged instead.
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
            case .notFound: apiError = .notFound("no route for \(request.method) \(request.uri.path)")
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
            context.logger.error("internal error", metadata: ["error.type": "\(type(of: error))"])
            return try APIError(.internalServerError, "internal", "internal server error; see the server log")
                .response(from: request, context: context)
        }
    }
}
