/// The review page's CSS: readable on a laptop screen, visible focus.
enum ReviewPageStyle {
    static let css = #"""
:root { --bg: #f7f7f5; --fg: #1d1d1f; --muted: #5f6368; --line: #d0d0cc; --accent: #1a5fb4;
  --error: #c01c28; --error-bg: #fbd5d8; --warning: #9c6500; --warning-bg: #fbe7b5; --info-bg: #d6e6fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; justify-content: space-between; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line); background: #fff; }
h1 { font-size: 1.15rem; margin: 0; } h1 span { font-weight: normal; color: var(--muted); font-size: .9rem; margin-left: .5rem; }
h2 { font-size: 1rem; margin: 0 0 .5rem; }
main { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 1.2rem; padding: 1rem 1.2rem; max-width: 1500px; margin: 0 auto; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
.row { display: flex; gap: .8rem; align-items: flex-end; flex-wrap: wrap; margin-bottom: .6rem; }
.field { display: flex; flex-direction: column; gap: .2rem; }
label, summary { font-weight: 600; font-size: .9rem; }
.note { font-weight: normal; color: var(--muted); }
select, input, button, textarea { font: inherit; }
select, input { padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
button { padding: .35rem .9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #f5c211; outline-offset: 1px; }
details { margin-bottom: .6rem; } summary { cursor: pointer; margin-bottom: .3rem; }
textarea { width: 100%; border: 1px solid var(--line); border-radius: 4px; padding: .5rem; background: #fff; resize: vertical; }
#facts { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
.draft-label { display: block; margin-bottom: .3rem; }
.editor { position: relative; }
.editor textarea, .backdrop { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; padding: .6rem; margin: 0; border-width: 1px;
  white-space: pre-wrap; overflow-wrap: break-word; word-wrap: break-word; letter-spacing: normal; }
.backdrop { position: absolute; inset: 0; overflow: hidden; color: transparent; border: 1px solid transparent; border-radius: 4px; background: #fff; pointer-events: none; }
.editor textarea { position: relative; background: transparent; min-height: 16rem; color: var(--fg); caret-color: var(--fg); }
.backdrop mark { color: transparent; border-radius: 2px; background: var(--error-bg); box-shadow: inset 0 -2px 0 var(--error); }
.backdrop mark.warning { background: var(--warning-bg); box-shadow: inset 0 -2px 0 var(--warning); }
.backdrop mark.info { background: var(--info-bg); box-shadow: none; }
.backdrop mark.current { outline: 2px solid var(--accent); }
.status { color: var(--muted); margin: .4rem 0; font-size: .9rem; } .status.bad { color: var(--error); }
.count { color: var(--muted); font-weight: normal; }
.findings { list-style: none; padding: 0; margin: 0 0 1.2rem; display: flex; flex-direction: column; gap: .5rem; max-height: 55vh; overflow: auto; }
.findings button.finding { display: block; width: 100%; text-align: left; background: #fff; color: var(--fg); border: 1px solid var(--line); border-left: 5px solid var(--error); padding: .5rem .7rem; }
.findings button.finding.warning { border-left-color: var(--warning); } .findings button.finding.info { border-left-color: var(--accent); }
.finding .rule { font-family: ui-monospace, monospace; font-size: .8rem; color: var(--muted); }
.finding .match { font-weight: 700; background: var(--error-bg); padding: 0 .2rem; border-radius: 2px; }
.finding .fact, .finding .suggestion { display: block; font-size: .9rem; margin-top: .2rem; }
.finding .suggestion::before { content: "Instead: "; font-weight: 600; }
.finding .fact::before { content: "Fact: "; font-weight: 600; }
.findings .clean { color: #26722b; font-weight: 600; }
.compose { border-top: 1px solid var(--line); padding-top: .8rem; }
#composed { font-size: 14px; min-height: 10rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.token { display: flex; gap: .4rem; align-items: center; }
[hidden] { display: none !important; }
"""#
}
