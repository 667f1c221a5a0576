import Foundation
import VouchCore

/// How times are printed in composed messages: ISO 8601, in UTC
/// (`2026-11-22T17:00:00Z`) unless a time zone is given
/// (`2026-11-22T18:00:00+01:00` for Europe/Berlin).
public struct TimeFormat: Sendable {
    public let timeZone: TimeZone

    public static let utc = TimeFormat(timeZone: TimeZone(identifier: "UTC")!)

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// A format for an IANA time zone name (`Europe/Berlin`, `UTC`).
    public init(zoneNamed name: String) throws {
        guard let zone = TimeZone(identifier: name) else {
            throw VouchError(setting: "timezone", value: name, "unknown time zone (use an IANA name such as Europe/Berlin or America/New_York, or UTC)")
        }
        self.init(timeZone: zone)
    }

    public func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }
}
