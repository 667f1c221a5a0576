import Foundation
import Hummingbird
import VouchCore

/// Every error the API returns: a status and the JSON body
/// `{"error": "<short code>", "detail": "<one line: what and where>"}`.
public struct APIError: HTTPResponseError, Encodable, Sendable {
    public let status: HTTPResponse.Status
    public let error: String
    public let detail: String

    enum CodingKeys: String, CodingKey { case error, detail }

    public init(_ status: HTTPResponse.Status, _ error: String, _ detail: String) {
        self.status = status
        self.error = error
        self.detail = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, "bad_request", detail) }
    public static func notFound(_ detail: String) -> APIError { APIError(.notFound, "not_found", detail) }
    public static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "too_large", "the request body is larger than the limit of \(limit) bytes")
    }

    /// The JSON body (two strings: writing it cannot fail).
    public var body: String {
        (try? JSONWriter.text(of: self)) ?? ""
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponseEncoder.response(self, status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"vouch\"" }
        return response
    }
}
