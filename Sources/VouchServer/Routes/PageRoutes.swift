import Hummingbird

/// `GET /`: the review page, one self-contained HTML document (no CDN).
struct PageRoutes {
    func addRoutes(to router: Router<VouchRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: ReviewPage.html)))
        }
    }
}
