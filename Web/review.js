// The review page's script: checks the draft as you type (debounced),
// highlights each finding in place, lists them with the fact and the
// suggestion, and composes approved messages.
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
    schedule(0);
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
