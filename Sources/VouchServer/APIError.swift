import Foundation
import Hummingbird
import VouchCore

/// Every error the API returns: a status and the JSON body
/// `{"error": "<short code>", "detail": "<one line: what and where>"}`.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let error: String
    public let detail: String

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

    public var body: String {
        "{\"error\": \(JSONReport.quote(error)), \"detail\": \(JSONReport.quote(detail))}\n"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"vouch\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
