import Hummingbird

/// Reads the whole request body, up to `limit` bytes, before any handler
/// runs: a declared `Content-Length` over the limit is refused at once, a
/// streamed body as soon as it passes the limit. Either way: 413. A body the
/// HTTP parser cannot read (a chunk size that overflows, a connection that
/// ends mid-body) is 400, never half a body handed on.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        var collected = ByteBuffer()
        do {
            for try await chunk in request.body {
                if collected.readableBytes + chunk.readableBytes > limit { throw APIError.tooLarge(limit: limit) }
                var chunk = chunk
                collected.writeBuffer(&chunk)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("malformed request body (\(error)); the connection is closed")
        }
        var request = request
        request.body = .init(buffer: collected)
        return try await next(request, context)
    }
}

extension Request {
    /// The body, already collected by `BodyLimitMiddleware`.
    func bytes() async throws -> [UInt8] {
        let buffer = try await body.collect(upTo: .max)
        return Array(buffer.readableBytesView)
    }
}
