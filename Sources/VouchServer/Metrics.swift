import Prometheus

/// Request counts, a latency histogram and findings by category, kept in a
/// swift-prometheus registry and served at /metrics in the Prometheus text
/// exposition format.
public final class Metrics: Sendable {
    /// Histogram bucket upper bounds, in seconds.
    public static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    // (MetricNameDescriptor is not Sendable, so these are computed.)
    private static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "vouch", subsystem: "http", metricName: "requests", unitName: "total",
        helpText: "HTTP requests by method, route and status.") }
    private static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "vouch", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "Time to answer an HTTP request.") }
    private static var checks: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "vouch", metricName: "checks", unitName: "total", helpText: "Drafts checked through /v1/check.") }
    private static var findings: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "vouch", metricName: "findings", unitName: "total", helpText: "Findings reported by /v1/check, by category.") }

    private let registry = PrometheusCollectorRegistry()
    private let latency: ValueHistogram
    private let checked: Counter

    public init() {
        latency = registry.makeValueHistogram(descriptor: Self.duration, buckets: Self.buckets)
        checked = registry.makeCounter(descriptor: Self.checks)
    }

    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        latency.record(seconds)
    }

    /// One checked draft and the categories of its findings.
    func recordCheck(categories: [String]) {
        checked.increment()
        for category in categories { registry.makeCounter(descriptor: Self.findings, labels: [("category", category)]).increment() }
    }

    public func render() -> String {
        registry.emitToString()
    }
}
