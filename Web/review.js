// The review page's script: checks the draft as you type (debounced),
// highlights each finding in place, lists them with the fact and the
// suggestion, composes approved messages, and for a stored incident shows
// what was sent so far: the timeline of facts versions and messages with
// each audit finding at its message, and the corrections and updates owed.
// `?now=TIME` in the page's address replays the audit at that time.
//
// Finding ranges are UTF-8 byte offsets; `byteIndex` maps them to
// JavaScript (UTF-16) string indexes, so emoji and accents before a
// finding do not shift its highlight.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const draft = $("draft"), backdrop = $("backdrop"), facts = $("facts"), incident = $("incident"),
        audience = $("audience"), list = $("findings"), status = $("status"), count = $("count"),
        token = $("token"), tokenBox = $("token-box");
  let timer = null, sequence = 0, shown = [];

  token.value = sessionStorage.getItem("vouch-token") || "";
  token.addEventListener("input", () => { sessionStorage.setItem("vouch-token", token.value); schedule(0); loadIncidents(); });

  async function api(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    if (token.value) headers["Authorization"] = "Bearer " + token.value;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401) tokenBox.hidden = false;
    if (!response.ok) {
      const detail = data && data.detail ? data.detail : response.statusText;
      throw new Error(detail);
    }
    return data;
  }

  /// byteIndex(text)[b] = the UTF-16 index at UTF-8 byte offset b.
  function byteIndex(text) {
    const map = [];
    let bytes = 0, index = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) map[bytes + k] = index;
      bytes += n;
      index += ch.length;
    }
    map[bytes] = index;
    return map;
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function request() {
    const body = { text: draft.value, audience: audience.value };
    if (incident.value) body.incident = incident.value;
    else if (facts.value.trim()) body.facts = facts.value;
    return body;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay === undefined ? 300 : delay);
  }

  async function check() {
    const text = draft.value;
    const mine = ++sequence;
    if (!text.trim()) { render(text, []); status.textContent = "Type a draft to check it."; status.className = "status"; return; }
    status.textContent = "Checking…";
    try {
      const report = await api("POST", "/v1/check", request());
      if (mine !== sequence) return;           // a newer check is on its way
      const findings = report.files[0].findings;
      render(text, findings);
      status.className = "status";
      status.textContent = findings.length === 0 ? "No findings: nothing here the facts do not support."
        : findings.length + (findings.length === 1 ? " finding" : " findings") + (incident.value ? " against " + incident.value : facts.value.trim() ? " against the pasted facts" : " (no facts: nothing is established)");
    } catch (error) {
      if (mine !== sequence) return;
      render(text, []);
      status.className = "status bad";
      status.textContent = "Cannot check: " + error.message;
    }
  }

  function render(text, findings) {
    const map = byteIndex(text);
    shown = findings.map((f) => ({ f, start: map[f.range.start], end: map[f.range.end] }))
                    .filter((x) => x.start !== undefined && x.end !== undefined);
    // Highlights: findings are sorted by start; overlapping ones (different categories) are merged into one mark.
    let html = "", at = 0;
    shown.forEach((x, i) => {
      if (x.start < at) return;
      html += escapeHTML(text.slice(at, x.start));
      html += '<mark class="' + x.f.severity + '" data-i="' + i + '">' + escapeHTML(text.slice(x.start, x.end)) + "</mark>";
      at = x.end;
    });
    html += escapeHTML(text.slice(at)) + "\n ";
    backdrop.innerHTML = html;
    syncScroll();

    list.innerHTML = "";
    count.textContent = findings.length ? "(" + findings.length + ")" : "";
    if (text.trim() && findings.length === 0) {
      const li = document.createElement("li");
      li.className = "clean";
      li.textContent = "No findings.";
      list.appendChild(li);
    }
    shown.forEach((x, i) => {
      const f = x.f, li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.className = "finding " + f.severity;
      b.dataset.i = i;
      b.setAttribute("aria-label", f.severity + ": " + f.message);
      b.innerHTML = '<span class="rule">' + escapeHTML(f.rule) + " · line " + f.line + ", column " + f.column + "</span><br>" +
        '<span class="match">' + escapeHTML(f.match) + "</span> " + '<span class="message">' + escapeHTML(f.message) + "</span>" +
        (f.fact ? '<span class="fact">' + escapeHTML(f.fact) + "</span>" : "") +
        (f.suggestion ? '<span class="suggestion">' + escapeHTML(f.suggestion) + "</span>" : "");
      b.addEventListener("click", () => select(i));
      b.addEventListener("focus", () => mark(i));
      b.addEventListener("blur", () => mark(-1));
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function mark(i) {
    backdrop.querySelectorAll("mark").forEach((m) => m.classList.toggle("current", String(i) === m.dataset.i));
  }

  function select(i) {
    const x = shown[i];
    if (!x) return;
    draft.focus();
    draft.setSelectionRange(x.start, x.end);
    mark(i);
  }

  function syncScroll() {
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
  }

  async function loadIncidents() {
    try {
      const data = await api("GET", "/v1/incidents");
      const current = incident.value;
      incident.querySelectorAll("option[data-stored]").forEach((o) => o.remove());
      for (const item of data.incidents) {
        const option = document.createElement("option");
        option.value = item.id;
        option.dataset.stored = "1";
        option.textContent = item.id + (item.title ? ": " + item.title : "") + (item.status ? " (" + item.status + ", v" + item.version + ")" : "");
        incident.appendChild(option);
      }
      if (current && [...incident.options].some((o) => o.value === current)) incident.value = current;
    } catch (error) {
      // No token yet, or no store: pasting facts still works.
    }
  }

  async function incidentChanged() {
    const id = incident.value;
    facts.readOnly = !!id;
    $("facts-note").textContent = id ? "(stored facts of " + id + ", read-only)" : "(YAML or JSON, as in the incident facts file)";
    if (id) {
      try { facts.value = (await api("GET", "/v1/incidents/" + encodeURIComponent(id))).facts; }
      catch (error) { status.className = "status bad"; status.textContent = "Cannot load " + id + ": " + error.message; }
    }
    loadSent(id);
    schedule(0);
  }

  const replayAt = new URLSearchParams(location.search).get("now");

  function marked(text, findings) {
    const map = byteIndex(text);
    let html = "", at = 0;
    for (const f of findings) {
      const start = map[f.range.start], end = map[f.range.end];
      if (start === undefined || end === undefined || start < at) continue;
      html += escapeHTML(text.slice(at, start)) + '<mark data-rule="' + escapeHTML(f.rule) + '">' + escapeHTML(text.slice(start, end)) + "</mark>";
      at = end;
    }
    return html + escapeHTML(text.slice(at));
  }

  function when(iso) { return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC"); }

  async function loadSent(id) {
    const box = $("sent"), timeline = $("timeline"), owed = $("owed"), note = $("sent-status");
    box.hidden = !id;
    timeline.innerHTML = owed.innerHTML = "";
    $("sent-count").textContent = "";
    if (!id) return;
    note.className = "status"; note.textContent = "Auditing what was sent…";
    try {
      const path = "/v1/incidents/" + encodeURIComponent(id);
      const [detail, messages, audit] = await Promise.all([
        api("GET", path + "?limit=500"), api("GET", path + "/messages?limit=500"),
        api("GET", path + "/audit" + (replayAt ? "?now=" + encodeURIComponent(replayAt) : "")),
      ]);
      // The stored messages give the text and the time to the millisecond.
      const stored = new Map(messages.messages.map((m) => [String(m.id), m]));
      const items = detail.history.map((v) => ({ at: Date.parse(v.created_at), version: v }))
        .concat(audit.messages.map((m) => ({ at: Date.parse((stored.get(m.id) || m).sent_at), message: m })))
        .sort((a, b) => a.at - b.at || (a.version ? -1 : 1));
      for (const item of items) {
        const li = document.createElement("li");
        if (item.version) {
          const v = item.version;
          li.className = "version";
          li.innerHTML = '<span class="when">' + escapeHTML(when(v.created_at)) + "</span>facts v" + v.version + " by " + escapeHTML(v.author) +
            (v.changes.length ? ": " + escapeHTML(v.changes.map((c) => c.path + (c.to === null ? " removed" : " = " + c.to)).join(", ")) : "");
        } else {
          const m = item.message, text = (stored.get(m.id) || { text: "" }).text;
          li.className = "message";
          li.dataset.id = m.id;
          li.innerHTML = '<span class="when">' + escapeHTML(when(m.sent_at)) + "</span><strong>" + escapeHTML(m.channel) + "</strong>" +
            (m.recipient ? " to " + escapeHTML(m.recipient) : "") + " (facts v" + m.facts_version + ")" +
            '<div class="text">' + marked(text, m.findings) + "</div>" +
            m.findings.map((f) => '<span class="found"><span class="rule">' + escapeHTML(f.rule) + "</span> " + escapeHTML(f.message) + "</span>").join("");
        }
        timeline.appendChild(li);
      }
      const owedItems = audit.messages.flatMap((m) => m.findings.filter((f) => f.rule === "stale.contradicted")
        .map((f) => ({ kind: "Correction owed", text: f.message })))
        .concat(audit.promises.map((p) => ({ kind: p.kind === "fix" ? "Fix time passed" : "Update overdue", text: p.message })));
      for (const o of owedItems) {
        const li = document.createElement("li");
        li.innerHTML = '<span class="kind">' + escapeHTML(o.kind) + ":</span>" + escapeHTML(o.text);
        owed.appendChild(li);
      }
      const found = audit.messages.reduce((n, m) => n + m.findings.length, 0) + audit.promises.length;
      $("sent-count").textContent = audit.messages.length ? "(" + audit.messages.length + " messages)" : "";
      note.textContent = audit.messages.length === 0 ? "Nothing recorded as sent yet."
        : found === 0 ? "Everything sent still holds." : found + (found === 1 ? " finding" : " findings") + " in what was sent" +
          (replayAt ? " (as of " + when(audit.audited_at) + ")" : "") + ".";
    } catch (error) {
      note.className = "status bad"; note.textContent = "Cannot audit " + id + ": " + error.message;
    }
  }

  async function compose() {
    const cs = $("compose-status");
    const body = { channel: $("compose-channel").value };
    if ($("compose-state").value) body.state = $("compose-state").value;
    if (incident.value) body.incident = incident.value; else body.facts = facts.value;
    cs.className = "status"; cs.textContent = "Composing…";
    try {
      const message = await api("POST", "/v1/compose", body);
      $("composed").value = message.output;
      $("copy").disabled = $("use").disabled = false;
      cs.textContent = "Composed from " + message.template + " (" + message.state + ").";
    } catch (error) {
      $("composed").value = "";
      $("copy").disabled = $("use").disabled = true;
      cs.className = "status bad"; cs.textContent = "Cannot compose: " + error.message;
    }
  }

  async function copy() {
    const text = $("composed").value, cs = $("compose-status");
    try { await navigator.clipboard.writeText(text); }
    catch (e) { $("composed").select(); document.execCommand("copy"); }
    cs.className = "status"; cs.textContent = "Copied.";
  }

  draft.addEventListener("input", () => { render(draft.value, []); schedule(); });
  draft.addEventListener("scroll", syncScroll);
  draft.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); schedule(0); } });
  new ResizeObserver(() => { backdrop.style.height = draft.offsetHeight + "px"; syncScroll(); }).observe(draft);
  facts.addEventListener("input", () => schedule());
  audience.addEventListener("change", () => schedule(0));
  incident.addEventListener("change", incidentChanged);
  $("compose").addEventListener("click", compose);
  $("copy").addEventListener("click", copy);
  $("use").addEventListener("click", () => { draft.value = $("composed").value; render(draft.value, []); schedule(0); draft.focus(); });
  loadIncidents();
  if (draft.value) schedule(0);
})();
