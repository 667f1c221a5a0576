import Foundation

/// Re-reads a message log against the facts (../shared/contract/audit.md):
///
/// - `stale.contradicted`: a sent message flagged under the current facts
///   where it was not under the facts it was sent with: a correction owed,
///   with the fact that changed and who should get it;
/// - `stale.overdue`: a promised update or fix whose time has passed (a
///   time a message states, with no later message on its channel; the
///   facts' `next_update_at` with no message since; a stated time or the
///   facts' `eta` for a fix while `status` is not `fixed`);
/// - `consistency.conflict`: two messages under the same facts version that
///   tell different stories (a phase one says and the other rules out; kinds
///   named that cannot both be true; different fix times), whichever the
///   facts allow.
public struct Auditor: Sendable {
    /// The rule id of the pre-send check's findings against the log.
    public static let conflictRule = "consistency.conflict"

    /// Whether `disabled` (ids or prefixes) leaves out the pre-send conflicts.
    public static func conflictsDisabled(by disabled: some Sequence<String>) -> Bool {
        disabled.contains { Rule.id(conflictRule, isSelectedBy: $0) }
    }

    public let checker: Checker
    private let rules: [String: Rule]

    public init(pack: RulePack) {
        self.init(checker: Checker(pack: pack))
    }

    public init(checker: Checker) {
        self.checker = checker
        rules = Dictionary(checker.pack.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func audit(_ log: [LoggedMessage], facts: Facts, factsVersion: Int? = nil, incident: String? = nil, now: Date) -> AuditReport {
        var reports = log.map { AuditReport.Message($0, findings: []) }
        var said: [[Said]] = []
        for (index, message) in log.enumerated() {
            let options = CheckOptions(audience: message.audience, explain: true)
            let source = SourceText(path: message.id, text: message.text)
            let current = checker.check(source, facts: facts, options: options)
            let then = message.facts.map { checker.check(source, facts: $0, options: options) }
            reports[index].findings += contradicted(message, now: current, then: then, facts: facts)
            said.append(assertions(then ?? current, of: message))
        }
        for index in log.indices {
            reports[index].findings += conflicts(index, log, said)
            reports[index].findings.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        return AuditReport(incident: incident ?? facts.string("id"), factsVersion: factsVersion, now: now, messages: reports,
                           promises: overdue(log, facts: facts, now: now))
    }

    /// The pre-send check with the log: `consistency.conflict` findings of
    /// `draft` (its facts are the ones it is checked against) against the
    /// messages already sent under the same facts on other channels (all
    /// channels when the draft's is empty).
    public func conflicts(of draft: LoggedMessage, with log: [LoggedMessage]) -> [Finding] {
        let others = log.filter { (draft.channel.isEmpty || $0.channel != draft.channel) && Self.sameFacts($0, draft) }
        if others.isEmpty { return [] }
        let all = others + [draft]
        let said = all.map { message in
            assertions(checker.check(SourceText(path: message.id, text: message.text), facts: message.facts ?? draft.facts,
                                     options: CheckOptions(audience: message.audience, explain: true)), of: message)
        }
        let source = SourceText(path: draft.id, text: draft.text)
        let found = conflicts(all.count - 1, all, said)
        let columns = source.columns(of: found.map(\.range.lowerBound))
        return zip(found, columns).map { finding, column in
            let other = all.first { $0.id == finding.other?.message }
            let said = other.map { "\"\(finding.other?.match ?? "")\" (\($0.destination), \(Timestamp.readable($0.sentAt)))" } ?? "a message already sent"
            return Finding(rule: finding.rule, category: Self.conflictRule, severity: finding.severity,
                           message: "\"\(finding.match)\" disagrees on \(Self.dimension(finding.fact)) with \(said), already sent under the same facts",
                           match: finding.match, line: source.line(of: finding.range.lowerBound), column: column, range: finding.range,
                           fact: finding.fact, suggestion: finding.suggestion)
        }
    }

    // MARK: stale.contradicted

    private func contradicted(_ message: LoggedMessage, now: CheckResult, then: CheckResult?, facts: Facts) -> [AuditReport.Finding] {
        let before = Set((then?.findings ?? []).map { "\($0.rule)@\($0.range)" })
        return now.findings.compactMap { finding -> AuditReport.Finding? in
            guard let path = finding.fact, !before.contains("\(finding.rule)@\(finding.range)") else { return nil }
            let old = message.facts?[path].map(Self.render) ?? "not set"
            let new = facts[path].map(Self.render) ?? "not set"
            if message.facts != nil && old == new { return nil }
            let change = message.facts == nil
                ? "the facts it was sent with are not on record; under the current facts \(finding.message)"
                : "\(path) was \(old) when it was sent and is now \(new)"
            return AuditReport.Finding(
                rule: "stale.contradicted", severity: .error, match: finding.match, range: finding.range,
                message: "\"\(finding.match)\" (\(message.destination), \(Timestamp.readable(message.sentAt))) no longer holds: \(change); send \(message.recipient ?? "its readers") a correction",
                fact: path, from: message.facts == nil ? nil : old, to: new, claim: finding.rule, suggestion: finding.suggestion, other: nil)
        }
    }

    static func render(_ value: FactValue) -> String {
        switch value {
        case .string(let s), .enumeration(let s): return s
        case .bool(let b): return String(b)
        case .integer(let i): return String(i)
        case .timestamp(let d): return Timestamp.iso8601(d)
        case .list(let items): return items.joined(separator: ", ")
        }
    }

    // MARK: consistency.conflict

    /// Words of a message that assert a phase or a kind (a claim rule's,
    /// flagged or allowed) or give a time for the fix.
    struct Said {
        /// The claim rule; nil for a stated fix time.
        let rule: String?
        let match: String
        let range: Range<Int>
        let asserts: Assertion
        let fixDue: Date?
    }

    private func assertions(_ result: CheckResult, of message: LoggedMessage) -> [Said] {
        let flagged = result.findings.map { ($0.rule, $0.match, $0.range) }
        let allowed = result.silenced.filter(\.allowedByFacts).map { ($0.rule, $0.match, $0.range) }
        let claims = (flagged + allowed).compactMap { rule, match, range -> Said? in
            guard let asserts = rules[rule]?.asserts, !asserts.isEmpty else { return nil }
            return Said(rule: rule, match: match, range: range, asserts: asserts, fixDue: nil)
        }
        let fixes = StatedTimes.find(in: message.text, sentAt: message.sentAt).filter { $0.promise == .fix }.map {
            Said(rule: nil, match: Self.text(message.text, $0.range), range: $0.range, asserts: .none, fixDue: $0.due)
        }
        return (claims + fixes).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Conflicts of message `index` with the messages before it under the
    /// same facts version (each pair is reported once, at the later one).
    private func conflicts(_ index: Int, _ log: [LoggedMessage], _ said: [[Said]]) -> [AuditReport.Finding] {
        let message = log[index]
        var found: [AuditReport.Finding] = []
        for earlier in 0..<index where Self.sameFacts(log[earlier], message) {
            let other = log[earlier]
            if let (mine, theirs) = Self.phaseConflict(said[index], said[earlier]) {
                found.append(conflict(message, mine, other, theirs, what: "status"))
            } else if let (mine, theirs) = Self.kindConflict(said[index], said[earlier], established: Set((message.facts ?? other.facts)?.kinds ?? [])) {
                found.append(conflict(message, mine, other, theirs, what: "kind"))
            } else if let (mine, theirs) = Self.fixTimeConflict(said[index], said[earlier]) {
                found.append(conflict(message, mine, other, theirs, what: "eta"))
            }
        }
        return found
    }

    /// `fact` is the fact a dimension is about: status, kind or eta.
    private func conflict(_ message: LoggedMessage, _ mine: Said, _ other: LoggedMessage, _ theirs: Said, what fact: String) -> AuditReport.Finding {
        AuditReport.Finding(
            rule: Self.conflictRule, severity: .error, match: mine.match, range: mine.range,
            message: "\"\(mine.match)\" (\(message.destination), \(Timestamp.readable(message.sentAt))) and \"\(theirs.match)\" (\(other.destination), \(Timestamp.readable(other.sentAt))) disagree on \(Self.dimension(fact)) under the same facts",
            fact: fact, from: nil, to: nil, claim: mine.rule,
            suggestion: fact == "eta" ? "give one fix time, the approved eta, or none" : "send one story: the same phase and kind on every channel",
            other: .init(message: other.id, match: theirs.match, range: theirs.range))
    }

    static func dimension(_ fact: String?) -> String {
        switch fact {
        case "status": "the phase"
        case "eta": "when it will be fixed"
        default: "what kind of incident this is"
        }
    }

    /// Fix times both messages state, none of them the same.
    static func fixTimeConflict(_ a: [Said], _ b: [Said]) -> (Said, Said)? {
        let fa = a.filter { $0.fixDue != nil }, fb = b.filter { $0.fixDue != nil }
        guard let sa = fa.first, let sb = fb.first else { return nil }
        let times = Set(fb.compactMap(\.fixDue))
        return fa.contains { times.contains($0.fixDue!) } ? nil : (sa, sb)
    }

    /// Messages sent under the same facts: the same version number, or
    /// (without numbers) the same facts.
    static func sameFacts(_ a: LoggedMessage, _ b: LoggedMessage) -> Bool {
        if let va = a.factsVersion, let vb = b.factsVersion { return va == vb }
        if let fa = a.facts, let fb = b.facts { return fa.values == fb.values }
        return false
    }

    /// The phases each message allows, intersected over its words; a
    /// conflict when both say something and nothing is left in common.
    static func phaseConflict(_ a: [Said], _ b: [Said]) -> (Said, Said)? {
        func phases(_ said: [Said]) -> (Set<IncidentStatus>, Said)? {
            let stating = said.filter { !$0.asserts.statuses.isEmpty }
            guard let first = stating.first else { return nil }
            let common = stating.dropFirst().reduce(first.asserts.statuses) { $0.intersection($1.asserts.statuses) }
            return common.isEmpty ? nil : (common, first)
        }
        guard let (pa, sa) = phases(a), let (pb, sb) = phases(b), pa.isDisjoint(with: pb) else { return nil }
        return (sa, sb)
    }

    /// The kinds each message names; a conflict when they have none in
    /// common and the facts do not establish a kind of each.
    static func kindConflict(_ a: [Said], _ b: [Said], established: Set<String>) -> (Said, Said)? {
        let na = a.filter { !$0.asserts.kinds.isEmpty }, nb = b.filter { !$0.asserts.kinds.isEmpty }
        guard let sa = na.first, let sb = nb.first else { return nil }
        let ka = na.reduce(into: Set<String>()) { $0.formUnion($1.asserts.kinds) }
        let kb = nb.reduce(into: Set<String>()) { $0.formUnion($1.asserts.kinds) }
        guard ka.isDisjoint(with: kb) else { return nil }
        if !ka.isDisjoint(with: established) && !kb.isDisjoint(with: established) { return nil }
        return (sa, sb)
    }

    // MARK: stale.overdue

    private func overdue(_ log: [LoggedMessage], facts: Facts, now: Date) -> [AuditReport.Promise] {
        var promises: [AuditReport.Promise] = []
        let fixed = facts.status == IncidentStatus.fixed.rawValue
        for (index, message) in log.enumerated() {
            for stated in StatedTimes.find(in: message.text, sentAt: message.sentAt) where stated.due < now {
                let match = Self.text(message.text, stated.range)
                switch stated.promise {
                case .update:
                    let later = log[(index + 1)...].contains { $0.channel == message.channel }
                    if later { continue }
                    promises.append(.init(rule: "stale.overdue", kind: "update", message: message, match: match, range: stated.range, due: stated.due, now: now,
                                          text: "\"\(match)\" (\(message.destination), \(Timestamp.readable(message.sentAt))) promised an update by \(Timestamp.readable(stated.due)); nothing was sent on \(message.channel) since"))
                case .fix:
                    if fixed { continue }
                    promises.append(.init(rule: "stale.overdue", kind: "fix", message: message, match: match, range: stated.range, due: stated.due, now: now,
                                          text: "\"\(match)\" (\(message.destination), \(Timestamp.readable(message.sentAt))) gave a fix time of \(Timestamp.readable(stated.due)), and the incident is still \(facts.status)"))
                }
            }
        }
        if let due = facts.timestamp("next_update_at"), due < now, !log.contains(where: { $0.sentAt >= due }) {
            promises.append(.init(rule: "stale.overdue", kind: "update", message: nil, match: nil, range: nil, due: due, now: now,
                                  text: "the facts promise the next update at \(Timestamp.readable(due)); no message was sent since"))
        }
        if let eta = facts.timestamp("eta"), eta < now, !fixed {
            promises.append(.init(rule: "stale.overdue", kind: "fix", message: nil, match: nil, range: nil, due: eta, now: now,
                                  text: "the facts give an ETA of \(Timestamp.readable(eta)), and the incident is still \(facts.status)"))
        }
        return promises
    }

    static func text(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[range], as: UTF8.self)
    }
}
