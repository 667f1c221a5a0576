/// Fact sets the tests compose from: every status, confirmed and probable
/// causes, customer fault either way, checked and unchecked scope, every
/// data-loss value, with and without eta, credits and handoff facts.
enum FactSets {
    /// The README's example incident (Examples/incident.yaml), with the
    /// handoff facts added.
    static let billingIdentified = """
        id: SUP-482
        title: Billing page blank for workspace admins
        status: identified
        kind: regression
        started_at: 2026-11-21T21:40:00Z
        updated_at: 2026-11-22T09:30:00Z
        cause:
          summary: A change in last night's release loads stale access settings before the billing permissions.
          confirmed: false
          customer_action: false
        impact:
          summary: Some workspace admins see a blank billing page.
          affected_workspaces: 9
          data_loss: none
          scope_checked: false
        verified:
          all_impacted: false
          expected_behavior: false
        workaround: Admins can download invoices from Settings > Invoices.
        customer_next_step: No action is needed on your side.
        next_update_at: 2026-11-22T17:00:00Z
        eta: null
        approved:
          credit: false
        handoff:
          environment: Production, all regions; web app billing page for workspace admins.
          changes_checked: Release 2026.11.21 (last night) changed how access settings load; no configuration changes.
          logs_checked: Billing page errors dashboard shows 403s from the permissions service since 21:40 UTC.
          next_action: Roll back the access-settings change, or ship the fix behind the flag.
          risks: Admins may try to re-grant billing roles and create duplicate role assignments.
          links: |
            Ticket: SUP-482
            Dashboard: https://grafana.internal.example/d/billing-errors
        """

    static let exportInvestigating = """
        id: INC-230
        title: CSV exports stop before completing
        status: investigating
        kind: unknown
        started_at: 2026-11-22T08:05:00Z
        impact:
          summary: CSV exports for finance admins stop before completing
          data_loss: unknown
          scope_checked: false
        verified:
          all_impacted: false
        next_update_at: 2026-11-22T16:00:00Z
        handoff:
          environment: Production, EU region; CSV export workers.
          next_action: Compare export worker memory limits with yesterday's deploy.
        """

    static let webhookMitigated = """
        id: INC-221
        title: Webhook deliveries delayed
        status: mitigated
        kind: queue-backlog
        started_at: 2026-11-21T22:10:00Z
        updated_at: 2026-11-22T09:30:00Z
        cause:
          summary: A downstream provider returned errors and retries built up a backlog.
          confirmed: true
          customer_action: false
        impact:
          summary: Webhook deliveries are delayed by up to 40 minutes.
          affected_workspaces: 14
          failed_jobs: 340
          data_loss: none
          scope_checked: true
        verified:
          all_impacted: false
        mitigation: Retries are paused and the backlog is draining.
        workaround: Re-send failed webhooks from the dashboard.
        next_update_at: 2026-11-22T16:30:00Z
        eta: 2026-11-22T18:00:00Z
        handoff:
          environment: Production, all regions; webhook delivery workers.
          changes_checked: No releases since 2026-11-20; provider status page reported errors from 22:00 UTC.
          logs_checked: Queue depth dashboard; delivery worker logs.
          next_action: Resume retries at 10% once the provider error rate stays below 1%.
        """

    static let billingFixedVerified = """
        id: SUP-482
        title: Billing page blank for workspace admins
        status: fixed
        kind: regression
        started_at: 2026-11-21T21:40:00Z
        updated_at: 2026-11-22T15:10:00Z
        cause:
          summary: A change in last night's release loaded stale access settings before the billing permissions.
          confirmed: true
          customer_action: false
        impact:
          summary: Some workspace admins saw a blank billing page.
          affected_workspaces: 9
          data_loss: none
          scope_checked: true
        verified:
          all_impacted: true
          expected_behavior: false
        mitigation: The release was rolled back and a corrected version deployed.
        handoff:
          environment: Production, all regions; web app billing page for workspace admins.
          next_action: Write the post-incident review.
        """

    static let billingFixedUnverified = """
        id: SUP-482
        title: Billing page blank for workspace admins
        status: fixed
        kind: regression
        cause:
          summary: A change in last night's release loaded stale access settings before the billing permissions.
          confirmed: true
        impact:
          summary: Some workspace admins see a blank billing page until the corrected version reaches their workspace.
          data_loss: none
          scope_checked: false
        verified:
          all_impacted: false
        mitigation: A corrected version was deployed.
        next_update_at: 2026-11-22T17:00:00Z
        handoff:
          environment: Production, all regions.
          next_action: Verify each of the 9 affected workspaces.
        """

    static let platformOutageFixed = """
        id: INC-198
        title: Core application unavailable
        status: fixed
        kind: [outage, regression]
        started_at: 2024-10-23T08:00:00Z
        updated_at: 2024-10-23T14:30:00Z
        cause:
          summary: A database migration corrupted a table; it was restored from backup.
          confirmed: true
          customer_action: false
        impact:
          summary: The core application was unavailable between 08:00 and 14:00 UTC.
          data_loss: possible
          scope_checked: true
        verified:
          all_impacted: true
        mitigation: The database was restored from backup and every account was checked.
        approved:
          credit: true
        handoff:
          environment: Production, all regions; core application.
          next_action: Confirm with each affected customer whether records created between 08:00 and 08:20 UTC are present.
          risks: Records written during the first 20 minutes may be missing.
        """

    static let ssoCustomerConfig = """
        id: SUP-501
        title: Sign-in redirects after domain change
        status: fixed
        kind: configuration
        cause:
          summary: The workspace's SSO domain was changed without updating the identity provider.
          confirmed: true
          customer_action: true
        impact:
          summary: Members of one workspace were redirected to the sign-in page.
          data_loss: none
          scope_checked: true
        verified:
          all_impacted: true
          expected_behavior: true
        mitigation: We updated the identity provider settings together with the workspace admins.
        customer_next_step: Ask members to sign in again.
        handoff:
          environment: Production; SSO sign-in for one workspace.
          next_action: Add a warning to the domain change screen.
        """

    static let permissionsIdentifiedCustomer = """
        title: Reports page empty for new members
        status: identified
        kind: [permissions, role-propagation]
        cause:
          summary: Roles assigned in bulk by the workspace admins have not reached the reports service yet.
          confirmed: true
          customer_action: true
        impact:
          summary: New members see an empty reports page.
          data_loss: none
          scope_checked: true
        customer_next_step: Ask new members to sign out and in again after 15 minutes.
        next_update_at: 2026-11-22T12:00:00Z
        eta: 2026-11-22T13:00:00Z
        approved:
          credit: false
        handoff:
          environment: Production; reports service.
          next_action: Re-run role propagation for the workspace.
        """

    /// Only what the loader requires: every message needs more.
    static let bare = """
        status: investigating
        """

    static let bareFixed = """
        status: fixed
        verified:
          all_impacted: false
        """

    static let all: [String: String] = [
        "billing-identified": billingIdentified,
        "export-investigating": exportInvestigating,
        "webhook-mitigated": webhookMitigated,
        "billing-fixed-verified": billingFixedVerified,
        "billing-fixed-unverified": billingFixedUnverified,
        "platform-outage-fixed": platformOutageFixed,
        "sso-customer-config": ssoCustomerConfig,
        "permissions-identified-customer": permissionsIdentifiedCustomer,
        "bare": bare,
        "bare-fixed": bareFixed,
    ]
}
