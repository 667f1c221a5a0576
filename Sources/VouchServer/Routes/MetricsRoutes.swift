import Hummingbird

/// `GET /metrics`: Prometheus text format.
struct MetricsRoutes {
    let metrics: Metrics

    func addRoutes(to router: Router<VouchRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
    }
}
