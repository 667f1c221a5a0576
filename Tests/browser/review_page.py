#!/usr/bin/env python3
"""Drives the review page of `vouch serve` in headless Chromium.

Starts `.build/debug/vouch serve` (or $VOUCH_BIN) on a free port with a
temporary database, stores an incident, opens the page, chooses the
incident, pastes a draft, waits for the highlights and asserts the flagged
words, a suggestion and the emoji-safe placement of a highlight. Before
that it replays an escalation (messages recorded under an earlier facts
version, then new facts) and asserts the "Sent so far" panel: the
correction owed, the updates past due and the conflicting status post,
each at its message. Saves a screenshot to $VOUCH_SCREENSHOT (default
/tmp/vouch-review-page.png).
Exits non-zero on any failure.
"""
import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("VOUCH_BIN", os.path.join(ROOT, ".build", "debug", "vouch"))
SCREENSHOT = os.environ.get("VOUCH_SCREENSHOT", "/tmp/vouch-review-page.png")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# The example incident (id SUP-482): identified, cause not confirmed, no fix verified.
FACTS = open(os.path.join(ROOT, "Examples", "incident.yaml"), encoding="utf-8").read()
INCIDENT = "SUP-482"

# An emoji (4 UTF-8 bytes, 2 UTF-16 units) and an accent before the
# findings: a wrong byte-to-index conversion shifts the highlight.
DRAFT = "Hi Zoë 👋\n\nGood news: the issue has been resolved and we found the root cause."


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def send(base, method, path, body, content_type="application/json"):
    data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req) as r:
        return r.status, json.load(r)


def replay_escalation(base):
    """Facts v1 (investigating, permissions), three teams' messages under it,
    then the example facts as v2 with the next update due in fifteen minutes.
    Returns the time to audit at: three hours later."""
    start = datetime.datetime.now(datetime.timezone.utc)
    promised = (start + datetime.timedelta(minutes=10)).strftime("%H:%M")
    v1 = "id: SUP-482\nstatus: investigating\nkind: permissions\n"
    assert send(base, "PUT", "/v1/incidents/" + INCIDENT, v1, "application/yaml")[0] == 201
    for channel, recipient, audience, text in [
        ("customer-reply", "acme", "customer", f"Hello Priya, we are investigating a permissions issue. We will update you by {promised} UTC."),
        ("status-page", None, "public", "Billing: all systems operational."),
        ("email", "acme", "customer", "I promise this will never happen again."),
    ]:
        body = {"channel": channel, "audience": audience, "text": text, "sender": "dana"}
        if recipient:
            body["recipient"] = recipient
        assert send(base, "POST", f"/v1/incidents/{INCIDENT}/messages", body)[0] == 201
    next_update = iso(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=15))
    v2 = FACTS.replace("next_update_at: 2026-11-22T17:00:00Z", "next_update_at: " + next_update)
    assert v2 != FACTS
    status, _ = send(base, "PUT", "/v1/incidents/" + INCIDENT, v2, "application/yaml")
    assert status == 200, status
    return iso(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=3))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base, server, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"vouch serve exited early with status {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("vouch serve did not answer /healthz in time")


def main():
    if not os.access(BIN, os.X_OK):
        raise SystemExit(f"{BIN} is not built; run 'swift build' first")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tmp = tempfile.mkdtemp(prefix="vouch-browser-")
    log = open(os.path.join(tmp, "serve.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--port", str(port), "--db", os.path.join(tmp, "vouch.sqlite")],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "VOUCH_TOKENS": ""})
    driver = None
    try:
        wait_healthy(base, server)
        audit_at = replay_escalation(base)

        options = Options()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900", "--disable-gpu"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.get(base + "/?now=" + audit_at)
        wait = WebDriverWait(driver, 15)

        # The stored incident is offered; choose it.
        wait.until(lambda d: any(o.get_attribute("value") == INCIDENT
                                 for o in d.find_elements(By.CSS_SELECTOR, "#incident option")))
        Select(driver.find_element(By.ID, "incident")).select_by_value(INCIDENT)
        wait.until(lambda d: "status: identified" in d.find_element(By.ID, "facts").get_attribute("value"))

        # What was sent so far: three messages after facts v1, then v2; the
        # reply owes a correction, two updates are overdue, the status post
        # tells another story than the reply.
        items = wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#timeline li.message")) == 3
                           and d.find_elements(By.CSS_SELECTOR, "#timeline li"))
        kinds = [li.get_attribute("class") for li in items]
        assert kinds == ["version", "message", "message", "message", "version"], kinds
        owed = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#owed li")]
        assert len(owed) == 3, owed
        assert owed[0].startswith("Correction owed:") and "permissions issue" in owed[0] and "send acme a correction" in owed[0], owed
        assert sum(o.startswith("Update overdue:") for o in owed) == 2, owed
        reply, post = items[1], items[2]
        reply_marks = [(m.get_attribute("data-rule"), m.text) for m in reply.find_elements(By.CSS_SELECTOR, "mark")]
        assert reply_marks == [("stale.contradicted", "permissions issue")], reply_marks
        post_marks = [(m.get_attribute("data-rule"), m.text) for m in post.find_elements(By.CSS_SELECTOR, "mark")]
        assert post_marks == [("consistency.conflict", "all systems operational")], post_marks
        assert "4 findings in what was sent" in driver.find_element(By.ID, "sent-status").text

        # Paste the draft (send_keys cannot type an emoji into Chromium, so
        # set the value and fire the input event a paste fires).
        draft = driver.find_element(By.ID, "draft")
        driver.execute_script(
            "arguments[0].focus(); arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
            draft, DRAFT)
        # And type a little more, as a user would.
        draft.send_keys(" Thanks!")

        marks = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#backdrop mark") or False)
        marked = [m.text for m in marks]
        assert "resolved" in marked, f"'resolved' is not highlighted: {marked}"
        assert any("root cause" in m for m in marked), f"'root cause' is not highlighted: {marked}"

        findings = driver.find_elements(By.CSS_SELECTOR, "#findings button.finding")
        texts = [f.text for f in findings]
        assert any("claim.resolved" in t for t in texts), texts
        suggestions = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#findings .suggestion")]
        assert any("a fix is deployed and we are verifying every affected account" in s for s in suggestions), suggestions
        facts = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#findings .fact")]
        assert facts, "no finding shows the fact behind it"

        # The page shows exactly what the API returns for the same input.
        body = json.dumps({"text": DRAFT + " Thanks!", "incident": INCIDENT}).encode()
        req = urllib.request.Request(base + "/v1/check", data=body, method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            api = json.load(r)["files"][0]["findings"]
        assert len(findings) == len(api), (texts, api)

        # Keyboard: focusing a finding and pressing Enter selects its words in the draft.
        first = driver.find_element(By.CSS_SELECTOR, "#findings button.finding")
        driver.execute_script("arguments[0].focus()", first)
        first.send_keys("\n")
        selected = driver.execute_script(
            "const t = document.getElementById('draft'); return t.value.slice(t.selectionStart, t.selectionEnd);")
        assert selected == api[0]["match"], (selected, api[0]["match"])

        # Compose fills a template.
        driver.find_element(By.ID, "compose").click()
        wait.until(lambda d: d.find_element(By.ID, "composed").get_attribute("value").strip() != "")
        status = driver.find_element(By.ID, "compose-status").text
        assert "Composed from" in status, status

        driver.save_screenshot(SCREENSHOT)
        print(f"ok: highlighted {marked}; {len(findings)} findings; sent so far: {len(owed)} owed; screenshot {SCREENSHOT}")
    except Exception:
        if driver is not None:
            driver.save_screenshot(SCREENSHOT)
            print(f"screenshot of the failure: {SCREENSHOT}", file=sys.stderr)
        log.flush()
        print(open(log.name).read()[-3000:], file=sys.stderr)
        raise
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            raise SystemExit("vouch serve did not stop on SIGTERM")
        if server.returncode != 0:
            raise SystemExit(f"vouch serve exited with {server.returncode} on SIGTERM (expected a graceful 0)")


if __name__ == "__main__":
    main()
