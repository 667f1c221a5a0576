/// The type of one fact in the facts file.
public enum FactType: Sendable, Equatable {
    /// Free text; any scalar is read as its text.
    case string
    /// `true` or `false` (unquoted).
    case bool
    /// A whole number, 0 or more.
    case integer
    /// A point in time: ISO 8601 or a YAML timestamp; no offset means UTC.
    case timestamp
    /// One of the listed values.
    case enumeration([String])
    /// One of the listed values, or a list of them (at least one, no repeats).
    case enumerationList([String])
}

/// One known fact: its flat dotted path (`cause.confirmed`), its type and a
/// one-line summary for documentation.
public struct FactField: Sendable {
    public let path: String
    public let type: FactType
    public let summary: String
    /// A required fact must be set in every facts file (only `status`).
    public let required: Bool

    public init(_ path: String, _ type: FactType, _ summary: String, required: Bool = false) {
        self.path = path
        self.type = type
        self.summary = summary
        self.required = required
    }
}

/// Every field the facts file may hold (contract: shared/contract/facts.md).
///
/// Nesting comes from the paths: `cause.confirmed` is the key `confirmed`
/// inside the mapping `cause`. Adding a fact is one line in `fields`; the
/// loader, the condition language and the docs all read this table.
public enum FactsSchema {
    /// Incident phases, in order (`IncidentStatus`).
    public static let statuses = IncidentStatus.allCases.map(\.rawValue)

    /// Kinds of incident; `unknown` cannot be combined with another kind.
    public static let kinds = [
        "outage", "degradation", "regression", "bug", "permissions", "configuration",
        "role-propagation", "stale-session", "browser", "provider", "queue-backlog", "unknown",
    ]

    /// What is known about data loss.
    public static let dataLossValues = ["none", "unknown", "possible", "confirmed"]

    /// Every field, in contract order.
    public static let fields: [FactField] = [
        FactField("id", .string, "Internal reference; never shown to customers."),
        FactField("title", .string, "Customer-safe title."),
        FactField("status", .enumeration(statuses), "Incident phase: investigating, identified, mitigated or fixed.", required: true),
        FactField("kind", .enumerationList(kinds), "What kind of incident this is; one value or a list, the first is the primary one."),
        FactField("started_at", .timestamp, "When the incident was first seen."),
        FactField("updated_at", .timestamp, "When these facts were last confirmed."),
        FactField("cause.summary", .string, "The cause, as far as it is known."),
        FactField("cause.confirmed", .bool, "true: \"root cause\" may be said; false: only \"probable cause\"."),
        FactField("cause.customer_action", .bool, "true only when it is confirmed a customer's own action caused it."),
        FactField("impact.summary", .string, "What customers experience."),
        FactField("impact.affected_workspaces", .integer, "How many workspaces are affected, when known."),
        FactField("impact.failed_jobs", .integer, "How many jobs failed, when known."),
        FactField("impact.data_loss", .enumeration(dataLossValues), "Data loss: none, unknown, possible or confirmed."),
        FactField("impact.scope_checked", .bool, "Related workspaces and accounts were checked: \"isolated\" may be said."),
        FactField("verified.all_impacted", .bool, "Every impacted seat and account was verified working: \"resolved\" may be said."),
        FactField("verified.expected_behavior", .bool, "Product signed off that this is expected behavior."),
        FactField("mitigation", .string, "What was done."),
        FactField("workaround", .string, "What customers can do now."),
        FactField("customer_next_step", .string, "What the customer should do next."),
        FactField("next_update_at", .timestamp, "When the next update will be sent."),
        FactField("eta", .timestamp, "An approved, committed time for a fix."),
        FactField("approved.credit", .bool, "Service credits or refunds are approved to be mentioned."),
        FactField("handoff.environment", .string, "Where the impact is: product area, environment, region or plan (for handoffs)."),
        FactField("handoff.changes_checked", .string, "Recent changes checked (releases, configuration, providers) and what was found."),
        FactField("handoff.logs_checked", .string, "Logs and dashboards checked and what they show."),
        FactField("handoff.next_action", .string, "The next recommended action for whoever takes over."),
        FactField("handoff.risks", .string, "Open risks for whoever takes over."),
        FactField("handoff.links", .string, "Links for whoever takes over: ticket, dashboards, runbook (internal)."),
    ]

    private static let byPath: [String: FactField] = Dictionary(uniqueKeysWithValues: fields.map { ($0.path, $0) })

    /// The field at `path` ("cause.confirmed"), or nil for an unknown path or
    /// a group ("cause").
    public static func field(_ path: String) -> FactField? {
        byPath[path]
    }

    /// The fields that every facts file must set.
    public static var requiredFields: [FactField] {
        fields.filter(\.required)
    }

    /// The keys allowed directly inside the group at `prefix` ("" for the top
    /// level, "verified" for the `verified:` mapping), in contract order.
    public static func keys(under prefix: String) -> [String] {
        let lead = prefix.isEmpty ? "" : prefix + "."
        var keys: [String] = []
        for field in fields where field.path.hasPrefix(lead) {
            let rest = field.path.dropFirst(lead.count)
            let key = String(rest.prefix { $0 != "." })
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Whether `path` names a group of fields (a mapping such as `cause`)
    /// rather than a field.
    public static func isGroup(_ path: String) -> Bool {
        let lead = path + "."
        return fields.contains { $0.path.hasPrefix(lead) }
    }
}
