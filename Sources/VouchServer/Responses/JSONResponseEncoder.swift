import Hummingbird
import VouchCore

/// Every JSON response the API writes, through `JSONWriter` (the writer of
/// `check --format json`): members in declaration order, two-space
/// indentation, `application/json; charset=utf-8`.
public struct JSONResponseEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try Self.response(value, status: .ok)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: try JSONWriter.text(of: value))))
    }
}

extension ResponseGenerator {
    /// With `ETag: "version"`, and `status` when given.
    func tagged(_ version: Int, status: HTTPResponse.Status? = nil) -> EditedResponse<Self> {
        EditedResponse(status: status, headers: [.eTag: "\"\(version)\""], response: self)
    }
}
