import Hummingbird

/// `GET /openapi.yaml`: the API description, `openapi.yaml` as embedded.
struct OpenAPIRoutes {
    func addRoutes(to router: Router<VouchRequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
