import Hummingbird

/// `GET /healthz`: 200 `{"status": "ok"}` when the store answers, 503 when not.
struct HealthRoutes {
    let store: any IncidentStore

    func addRoutes(to router: Router<VouchRequestContext>) {
        router.get("/healthz") { _, _ in
            do {
                try await store.ping()
            } catch {
                throw APIError(.serviceUnavailable, "unavailable", "the incident store does not answer")
            }
            return Response.json("{\"status\": \"ok\"}\n")
        }
    }
}
