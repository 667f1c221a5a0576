import Hummingbird

/// `GET /healthz` (liveness): 200 `{"status": "ok"}` when the store answers
/// a read, 503 when not. `GET /readyz` (readiness): 200 only when the store
/// can also write (a one-row heartbeat), 503 naming what failed otherwise
/// (the disk is full, the file is corrupt or read-only), so a load balancer
/// stops sending work a server cannot record.
struct HealthRoutes {
    let store: any IncidentStore

    struct Health: ResponseEncodable { let status: String }

    func addRoutes(to router: Router<VouchRequestContext>) {
        router.get("/healthz") { _, _ in
            do {
                try await store.ping()
            } catch {
                throw APIError(.serviceUnavailable, "unavailable", "the incident store does not answer" + (StorageFailure(error).map { ": \($0.summary)" } ?? ""))
            }
            return Health(status: "ok")
        }
        router.get("/readyz") { _, context in
            do {
                try await store.probeWrite()
            } catch {
                let failure = StorageFailure(error)
                context.logger.error("readiness probe failed", metadata: ["error": "\(failure?.logDescription ?? "\(type(of: error))")"])
                throw APIError(.serviceUnavailable, "not_ready", "the incident store cannot write" + (failure.map { ": \($0.summary)" } ?? ""))
            }
            return Health(status: "ready")
        }
    }
}
