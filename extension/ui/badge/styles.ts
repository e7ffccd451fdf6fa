// Badge CSS, adopted once per page by every badge host. Colours meet 4.5:1 on both pill backgrounds;
// tier, follow-up and ticket colours are the shared tokens every Rapport UI uses.
import MARKS_CSS from '@rapport/shared/ui/marks.css?inline';

export const BADGE_CSS = `${MARKS_CSS}
:host { all: initial; }
.b {
  box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px;
  height: 18px; margin: 0 0 0 4px; padding: 0 5px 0 2px; border-radius: 9px;
  border: 1px solid #d0d7de; background: #ffffff; color: #1f2328;
  font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  white-space: nowrap; cursor: pointer; user-select: none; vertical-align: middle;
  box-shadow: 0 1px 1px rgba(31, 35, 40, 0.06);
}
.b:hover { border-color: #8c959f; }
.b:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.dark .b { border-color: #484f58; background: #22272e; color: #e6edf3; box-shadow: none; }
.dark .b:hover { border-color: #768390; }
.tier {
  display: inline-block; min-width: 14px; height: 14px; border-radius: 7px; padding: 0 2px; box-sizing: border-box;
  color: #fff; font-size: 10px; line-height: 14px; text-align: center;
}
.t-A { background: var(--tier-A); } .t-B { background: var(--tier-B); } .t-C { background: var(--tier-C); }
.t-D { background: var(--tier-D); } .t-none { background: var(--tier-none); }
.profit { font-variant-numeric: tabular-nums; }
.loss { color: var(--danger); }
.dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; }
.d-overdue { background: var(--status-overdue); } .d-due { background: var(--status-due); }
.d-soon { background: transparent; box-shadow: inset 0 0 0 2px var(--status-soon); }
.d-ok { background: var(--status-ok); } .d-none { display: none; }
.tk {
  display: inline-block; width: 12px; height: 12px; border-radius: 2px; box-sizing: border-box;
  background: var(--ticket); color: #fff; font-size: 10px; line-height: 12px; text-align: center; font-weight: 800;
}
.plus {
  box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  width: 16px; height: 16px; margin: 0 0 0 4px; padding: 0; border-radius: 8px;
  border: 1px dashed #8c959f; background: #ffffff; color: #57606a;
  font: 700 12px/1 system-ui, sans-serif; cursor: pointer; vertical-align: middle;
  opacity: 0; transition: opacity 120ms;
}
.dark .plus { background: #22272e; color: #adbac7; border-color: #768390; }
.plus.show, .plus:hover, .plus:focus-visible { opacity: 1; }
.plus:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
`;
