// A shadow host for in-page UI. Each badge gets its own small host (hundreds per page are fine) sharing one
// constructed stylesheet, so nothing is parsed per badge; page CSS cannot reach inside (closed shadow root,
// `all: initial` on the host) and our CSS never leaves it.

const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

function sharedSheet(doc: Document, css: string): CSSStyleSheet | null {
  let perDoc = sheets.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    sheets.set(doc, perDoc);
  }
  if (!perDoc.has(css)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
      if (Sheet) {
        sheet = new Sheet();
        sheet.replaceSync(css);
      }
    } catch {
      sheet = null;
    }
    perDoc.set(css, sheet);
  }
  return perDoc.get(css) ?? null;
}

// Inline so no page rule (`span { display: none }`, `* { margin: … }`) can hide or shift the host.
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'inline-block',
  'vertical-align': 'middle',
  'line-height': '0',
  position: 'relative',
};

export type ShadowHost = {
  host: HTMLElement;
  /** Where Preact renders. */
  root: ShadowRoot;
};

/** A detached host element (`<rapport-badge>` etc.) with a closed shadow root styled by `css`. */
export function createShadowHost(
  doc: Document,
  tag: `rapport-${string}`,
  css: string,
  style = HOST_STYLE,
): ShadowHost {
  const host = doc.createElement(tag);
  for (const [name, value] of Object.entries(style)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = sharedSheet(doc, css);
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    // Firefox content scripts may not adopt sheets across compartments: a <style> with our own constant CSS.
    const el = doc.createElement('style');
    el.textContent = css;
    root.append(el);
  }
  return { host, root };
}

export const isRapportHost = (node: Node): boolean =>
  node.nodeType === 1 && (node as Element).tagName.startsWith('RAPPORT-');
