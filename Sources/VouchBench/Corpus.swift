import VouchCore

/// A deterministic corpus of support replies and status posts for the
/// benchmarks: mostly clean prose, with flagged claims, silenced claims
/// (negated, hedged, quoted, questions), leaks, code, URLs and non-ASCII
/// text mixed in at fixed rates, so every run of every size reads the same
/// kind of text.
struct Corpus {
    /// SplitMix64: small, fast and the same on every platform.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
    }

    static let names = ["Dana", "Priya", "Jörg", "Ana María", "Søren", "Chloé", "Kenji", "Amara", "Łukasz", "Noor", "François", "Mei"]
    static let agents = ["Alex", "Sam", "Rosa", "Tomás", "Ingrid", "Yusuf"]

    /// Ordinary support prose: nothing here is a claim the facts must back.
    static let clean = [
        "Thanks for reaching out and for the detail in your message.",
        "I understand how disruptive this is for your team, especially during month-end close.",
        "Our engineers are investigating reports that some workspace admins see a blank billing page.",
        "We have identified a likely cause and are testing a change in a staging environment.",
        "In the meantime, admins can download invoices from Settings > Invoices.",
        "No action is needed on your side, and your invoices and payment details are unaffected.",
        "We will send the next update by 17:00 UTC, or sooner if anything changes.",
        "Could you tell us roughly when you first noticed the blank page?",
        "A screenshot of the browser console would help us confirm what you are seeing.",
        "I have added your workspace to the list we are tracking closely.",
        "Please reply to this thread if any other page behaves differently.",
        "We know the billing page matters at the end of the month — thank you for your patience.",
        "Our team is working through the affected accounts one by one.",
        "The invoices themselves are stored safely; only the page that lists them is affected.",
        "If you need a copy of a specific invoice today, reply with its month and we will send it.",
        "We appreciate you flagging this so quickly.",
        "Here is what we know so far, and what we are still checking.",
        "Your account manager, \(Self.agents[0]), is copied on this thread.",
        "The export at https://example.com/help/billing-exports explains the CSV columns.",
        "You can check the current state at any time on status.example.com.",
        "We are not yet able to say when the fix will be deployed.",
        "Some admins reported that reloading the page did not help.",
        "The team is reviewing the change from last night’s release.",
        "Run `vouch-cli invoices --month 2026-10` if you prefer the command line.",
        "Merci pour votre patience — nous revenons vers vous très vite.",
        "Vielen Dank für die schnelle Rückmeldung, wir prüfen das gerade.",
        "ご不便をおかけして申し訳ございません。引き続き調査しております。",
        "We hear you 🙏 and we are on it.",
        "The billing page loads for members and owners; the reports concern admins.",
        "We will follow up once we know more about the cause.",
    ]

    /// Claims and promises the example facts (identified, cause not
    /// confirmed, nothing verified, no credit approved) do not support.
    static let flagged = [
        "Good news: the issue has been resolved and everything is back to normal.",
        "This was a brief outage affecting all customers.",
        "The problem is isolated to your workspace.",
        "We found the root cause and it will never happen again.",
        "It looks like your admins changed the roles, which caused this.",
        "We will credit 15% of this month’s fee to your account.",
        "The fix will be live by tomorrow morning.",
        "Please send us your API key so we can take a look.",
        "This is tracked internally as SUP-482.",
        "priya.raman@ourcompany.com is looking into it personally.",
        "This is expected behavior for admin accounts.",
        "No data was lost.",
        "The blank page is only temporary.",
    ]

    /// Claims in a context that silences them.
    static let silenced = [
        "The issue has not been resolved yet.",
        "We do not believe this is an outage.",
        "Is this resolved on your side?",
        "You wrote: “is this fixed now?” — not yet, and we will tell you when it is.",
        "You asked whether “everything is back to normal now” — not yet.",
        "We may have found the cause, but we are still confirming it.",
        "If the fix holds, we will let you know.",
        "Once the change is verified, we will confirm the issue is resolved.",
        "We cannot promise a time yet.",
    ]

    /// Whole replies until there are at least `bytes` bytes; with `exact`,
    /// cut back to the last paragraph that fits (for small drafts).
    static func generate(bytes: Int, seed: UInt64 = 482, exact: Bool = false) -> [UInt8] {
        var random = Random(state: seed)
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 4096)
        while out.count < bytes {
            out += Array(reply(&random).utf8)
        }
        guard exact, out.count > bytes else { return out }
        var end = bytes
        while end > 1, !(out[end - 1] == 0x0A && out[end - 2] == 0x0A) { end -= 1 }
        return Array(out[..<(end > 1 ? end : bytes)])
    }

    /// One reply or status post.
    static func reply(_ random: inout Random) -> String {
        var text = random.chance(20)
            ? "Investigating: billing page blank for some admins\n\n"
            : "Hi \(random.pick(names)),\n\n"
        for _ in 0..<(2 + Int(random.next() % 3)) {
            var sentences: [String] = []
            for _ in 0..<(2 + Int(random.next() % 4)) {
                let roll = random.next() % 100
                sentences.append(roll < 12 ? random.pick(flagged) : roll < 20 ? random.pick(silenced) : random.pick(clean))
            }
            text += sentences.joined(separator: " ") + "\n\n"
        }
        return text + "Best,\n\(random.pick(agents))\n\n"
    }
}
