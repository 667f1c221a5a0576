/// The review page: one self-contained HTML document (markup here, CSS in
/// `ReviewPageStyle`, JS in `ReviewPageScript`), so the binary needs no
/// resource bundle and the page works offline.
enum ReviewPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Vouch: review a draft</title>
        <link rel="icon" href="data:,">
        <style>\(ReviewPageStyle.css)</style>
        </head>
        <body>
        <header>
          <h1>Vouch <span>say only what you can vouch for</span></h1>
          <div id="token-box" class="token" hidden>
            <label for="token">API token</label>
            <input id="token" type="password" autocomplete="off" placeholder="needed by this server">
          </div>
        </header>
        <main>
          <section class="inputs" aria-label="Facts and draft">
            <div class="row">
              <div class="field">
                <label for="incident">Incident</label>
                <select id="incident">
                  <option value="">Paste facts below</option>
                </select>
              </div>
              <div class="field">
                <label for="audience">Audience</label>
                <select id="audience">
                  <option value="customer">Customer reply</option>
                  <option value="public">Public status page</option>
                  <option value="internal">Internal handoff</option>
                </select>
              </div>
            </div>
            <details id="facts-box" open>
              <summary>Facts <span id="facts-note" class="note">(YAML or JSON, as in the incident facts file)</span></summary>
              <textarea id="facts" spellcheck="false" rows="8" aria-describedby="facts-note" placeholder="status: identified&#10;kind: regression&#10;verified:&#10;  all_impacted: false"></textarea>
            </details>
            <label for="draft" class="draft-label">Draft <span class="note">(checked as you type; Ctrl+Enter checks now)</span></label>
            <div class="editor">
              <div id="backdrop" class="backdrop" aria-hidden="true"></div>
              <textarea id="draft" spellcheck="true" rows="12" placeholder="Paste or type the message you are about to send."></textarea>
            </div>
            <p id="status" class="status" role="status" aria-live="polite">Type a draft to check it.</p>
          </section>
          <section class="results" aria-label="Findings">
            <h2>Findings <span id="count" class="count"></span></h2>
            <ol id="findings" class="findings"></ol>
            <section class="compose" aria-labelledby="compose-title">
              <h2 id="compose-title">Compose an approved message</h2>
              <div class="row">
                <div class="field">
                  <label for="compose-channel">Channel</label>
                  <select id="compose-channel">
                    <option value="customer-reply">Customer reply</option>
                    <option value="status-page">Status page</option>
                    <option value="handoff">Handoff</option>
                    <option value="support-brief">Support brief</option>
                  </select>
                </div>
                <div class="field">
                  <label for="compose-state">State</label>
                  <select id="compose-state">
                    <option value="">From the facts</option>
                    <option value="investigating">Investigating</option>
                    <option value="identified">Identified</option>
                    <option value="mitigated">Mitigated</option>
                    <option value="fixed">Fixed</option>
                  </select>
                </div>
                <button id="compose" type="button">Compose</button>
              </div>
              <label for="composed" class="sr-only">Composed message</label>
              <textarea id="composed" rows="8" readonly placeholder="The composed message appears here."></textarea>
              <div class="row">
                <button id="copy" type="button" disabled>Copy</button>
                <button id="use" type="button" disabled>Use as draft</button>
                <span id="compose-status" class="status" role="status" aria-live="polite"></span>
              </div>
            </section>
          </section>
        </main>
        <script>\(ReviewPageScript.js)</script>
        </body>
        </html>

        """
}
