import Foundation

/// Request counts, a latency histogram and findings by category, rendered
/// in the Prometheus text exposition format (version 0.0.4).
public final class Metrics: @unchecked Sendable {
    /// Histogram bucket upper bounds, in seconds.
    public static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var bucketCounts = [Int](repeating: 0, count: Metrics.buckets.count)
    private var latencySum = 0.0
    private var latencyCount = 0
    private var findings: [String: Int] = [:]
    private var checks = 0

    public init() {}

    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
        for (i, bound) in Self.buckets.enumerated() where seconds <= bound { bucketCounts[i] += 1 }
        latencySum += seconds
        latencyCount += 1
    }

    /// One checked draft and the categories of its findings.
    func recordCheck(categories: [String]) {
        lock.lock()
        defer { lock.unlock() }
        checks += 1
        for category in categories { findings[category, default: 0] += 1 }
    }

    public func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP vouch_http_requests_total HTTP requests by method, route and status.\n"
        out += "# TYPE vouch_http_requests_total counter\n"
        for (key, count) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "vouch_http_requests_total{method=\"\(label(key.method))\",route=\"\(label(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP vouch_http_request_duration_seconds Time to answer an HTTP request.\n"
        out += "# TYPE vouch_http_request_duration_seconds histogram\n"
        for (i, bound) in Self.buckets.enumerated() {
            out += "vouch_http_request_duration_seconds_bucket{le=\"\(number(bound))\"} \(bucketCounts[i])\n"
        }
        out += "vouch_http_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)\n"
        out += "vouch_http_request_duration_seconds_sum \(number(latencySum))\n"
        out += "vouch_http_request_duration_seconds_count \(latencyCount)\n"
        out += "# HELP vouch_checks_total Drafts checked through /v1/check.\n"
        out += "# TYPE vouch_checks_total counter\n"
        out += "vouch_checks_total \(checks)\n"
        out += "# HELP vouch_findings_total Findings reported by /v1/check, by category.\n"
        out += "# TYPE vouch_findings_total counter\n"
        for (category, count) in findings.sorted(by: { $0.key < $1.key }) {
            out += "vouch_findings_total{category=\"\(label(category))\"} \(count)\n"
        }
        return out
    }

    private func label(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
