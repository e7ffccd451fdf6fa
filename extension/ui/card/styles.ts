// Card CSS (one constructed sheet per page). The card floats above the page; light and dark follow the
// page behind the badge that opened it. Tier, follow-up and ticket colours are the shared tokens.
import MARKS_CSS from '@rapport/shared/ui/marks.css?inline';

/** The class names of this sheet the shared forms (`ui/components/`) take on the card. */
export const CARD_FORM_CLASSES = {
  form: '',
  pair: 'pair',
  actions: 'row save-last',
  save: 'act',
  cancel: 'act secondary',
};

export const CARD_CSS = `${MARKS_CSS}
:host { all: initial; }
.card {
  box-sizing: border-box; position: fixed; z-index: 2147483647; width: 336px; max-height: min(560px, calc(100vh - 16px));
  overflow: auto; padding: 12px 14px 12px; border-radius: 10px; border: 1px solid #d0d7de;
  background: #ffffff; color: #1f2328; box-shadow: 0 8px 24px rgba(31, 35, 40, 0.2);
  font: 400 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  text-align: left; direction: ltr;
}
.dark.card { border-color: #444c56; background: #22272e; color: #e6edf3; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.5); }
.card * { box-sizing: border-box; }
.head { display: flex; align-items: flex-start; gap: 8px; }
.who { flex: 1; min-width: 0; }
.name { margin: 0; font-size: 15px; font-weight: 600; line-height: 1.3; overflow-wrap: anywhere; }
.sub { color: #57606a; font-size: 12px; overflow-wrap: anywhere; }
.dark .sub, .dark .muted { color: #adbac7; }
.muted { color: #57606a; }
.pending-complaint { margin-bottom: 8px; }
.x {
  flex: none; width: 24px; height: 24px; border: 0; border-radius: 6px; background: transparent; color: inherit;
  font: 400 18px/24px system-ui, sans-serif; cursor: pointer;
}
.x:hover { background: rgba(127, 127, 127, 0.15); }
section { margin-top: 10px; padding-top: 10px; border-top: 1px solid #d8dee4; }
.dark section { border-top-color: #373e47; }
h3 { margin: 0 0 4px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: #57606a; }
/* Names are shown as people typed them, never re-cased by the heading style. */
h3 .as-typed { text-transform: none; letter-spacing: normal; }
.dark h3 { color: #adbac7; }
.tierline { display: flex; align-items: center; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
.tier { display: inline-block; min-width: 18px; padding: 0 4px; border-radius: 9px; color: #fff; font-size: 11px; font-weight: 700; line-height: 18px; text-align: center; }
.t-A { background: var(--tier-A); } .t-B { background: var(--tier-B); } .t-C { background: var(--tier-C); } .t-D { background: var(--tier-D); } .t-none { background: var(--tier-none); }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; }
.d-overdue { background: var(--status-overdue); } .d-due { background: var(--status-due); } .d-soon { background: transparent; box-shadow: inset 0 0 0 2px var(--status-soon); } .d-ok { background: var(--status-ok); } .d-none { background: transparent; border: 1px solid #8c959f; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
dt { color: #57606a; } .dark dt { color: #adbac7; }
dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
.loss { color: var(--danger); }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; gap: 6px; padding: 2px 0; min-width: 0; }
li .when { flex: none; color: #57606a; font-variant-numeric: tabular-nums; }
.dark li .when { color: #adbac7; }
li .what { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.suggest { display: flex; align-items: center; gap: 8px; }
.suggest span { flex: 1; min-width: 0; overflow-wrap: anywhere; }
button.act {
  flex: none; height: 28px; padding: 0 12px; border-radius: 6px; border: 1px solid #1a7f37; background: #1f883d; color: #fff;
  font: 600 12px/26px system-ui, sans-serif; cursor: pointer;
}
button.act:disabled { opacity: 0.55; cursor: default; }
button.act.secondary { border-color: #d0d7de; background: #f6f8fa; color: #1f2328; }
.dark button.act.secondary { border-color: #444c56; background: #2d333b; color: #e6edf3; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
label { display: block; margin-bottom: 4px; font-size: 12px; color: #57606a; }
.dark label { color: #adbac7; }
input, textarea {
  display: block; width: 100%; padding: 6px 8px; border-radius: 6px; border: 1px solid #d0d7de; background: #ffffff; color: #1f2328;
  font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
}
.dark input, .dark textarea { border-color: #444c56; background: #1c2128; color: #e6edf3; }
textarea { min-height: 52px; resize: vertical; }
.row { display: flex; gap: 8px; align-items: center; justify-content: flex-end; margin-top: 8px; }
/* The shared forms put their main button first; the card shows it last, on the right. */
.row.save-last { flex-direction: row-reverse; justify-content: flex-start; }
.notice { margin-top: 8px; font-size: 12px; color: #1a7f37; }
.dark .notice { color: #57ab5a; }
select {
  display: block; width: 100%; height: 30px; padding: 0 6px; border-radius: 6px; border: 1px solid #d0d7de; background: #ffffff; color: #1f2328;
  font: 400 13px system-ui, sans-serif;
}
.dark select { border-color: #444c56; background: #1c2128; color: #e6edf3; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.hint { color: #57606a; }
.tickets { border-top-color: var(--ticket); }
.tkline { display: flex; gap: 6px; align-items: flex-start; color: #953800; font-weight: 600; }
.dark .tkline { color: #f0883e; }
.tk {
  flex: none; display: inline-block; width: 14px; height: 14px; margin-top: 2px; border-radius: 3px;
  background: var(--ticket); color: #fff; font-size: 11px; line-height: 14px; text-align: center; font-weight: 800;
}
.error { margin-top: 8px; font-size: 12px; color: #cf222e; overflow-wrap: anywhere; }
.dark .error { color: #ff8182; }
.insight { list-style: none; margin: 6px 0 0; padding: 0; font-size: 12px; }
.insight li { margin: 2px 0; }
.insight li.risk { color: #9a3412; font-weight: 600; }
.dark .insight li.risk { color: #f0a35e; }
.prefs-head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
.prefs-head h3 { margin: 0; }
button.link { border: 0; padding: 0; background: none; color: #0969da; font: inherit; font-size: 12px; cursor: pointer; }
.dark button.link { color: #539bf5; }
.prefs-hint { margin: 4px 0; padding: 2px 8px; border-left: 3px solid #d4a72c; border-radius: 4px; background: #fff8c5; color: #4d2d00; font-size: 12px; font-weight: 600; }
.dark .prefs-hint { background: #3b2e00; color: #f2cc60; }
.prefs-list dd { text-align: left; overflow-wrap: anywhere; }
.prefs-form label { margin-top: 6px; }
.prefs-form textarea { min-height: 44px; }
`;
