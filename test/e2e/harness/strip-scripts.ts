// Saved real pages are served without their executable scripts: a saved Gmail page whose scripts
// fail to load replaces itself with a "Temporary Error" page after a few seconds, wiping whatever a
// content script drew. Data blocks (type="application/json" and other non-script types) stay, since
// adapters may read them.

// The HTML tokenizer ends a script at the first "</script" whatever the content, as this does.
const SCRIPT = /<script\b([^>]*)>[\s\S]*?(?:<\/script\s*>|$)/gi;
const TYPE_ATTR = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
// The JavaScript MIME types of the HTML standard, plus the other types browsers act on.
const EXECUTABLE_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
  'module',
  'importmap',
  'speculationrules',
]);
// A refresh navigates away from the fixture as surely as a script would.
const META_REFRESH = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh["']?[^>]*>/gi;

/** True when a <script> with these attributes would run (or fetch): no type, or a JavaScript one. */
export function isExecutableScript(attributes: string): boolean {
  const m = TYPE_ATTR.exec(attributes);
  if (!m) return true;
  const type = (m[1] ?? m[2] ?? m[3] ?? '').trim().toLowerCase();
  return type === '' || EXECUTABLE_TYPES.has(type.split(';')[0]?.trim() ?? '');
}

export function stripExecutableScripts(html: string): string {
  return html
    .replace(SCRIPT, (whole, attributes: string) => (isExecutableScript(attributes) ? '' : whole))
    .replace(META_REFRESH, '');
}
