import { createHash } from 'node:crypto';

/** The subset of an OpenAPI 3 document the docs page reads. */
interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation | undefined>>;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 1.5rem;color:#1d2330;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e9ef;background:#14171d}details,code,pre{background:#1e232b!important}}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #8884}
details{background:#f5f7fa;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace;background:#eef1f5;border-radius:4px}
pre{padding:.5rem;overflow:auto}.m{display:inline-block;min-width:4.2rem;font-weight:700}
.get{color:#1769aa}.post{color:#2e7d32}.put,.patch{color:#b26a00}.delete{color:#c62828}.lock{opacity:.7}
`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const json = (v: unknown) => `<pre>${escapeHtml(JSON.stringify(v, null, 2))}</pre>`;

function renderOperation(method: string, path: string, op: Operation): string {
  const parts: string[] = [];
  if (op.description) parts.push(`<p>${escapeHtml(op.description)}</p>`);
  if (op.parameters?.length) {
    const items = op.parameters.map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''})${
          p.description ? ` — ${escapeHtml(p.description)}` : ''
        }</li>`,
    );
    parts.push(`<p>Parameters</p><ul>${items.join('')}</ul>`);
  }
  for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
    parts.push(`<p>Request body (<code>${escapeHtml(type)}</code>)</p>${json(media.schema ?? {})}`);
  }
  for (const [status, res] of Object.entries(op.responses ?? {})) {
    const schema = Object.values(res.content ?? {})[0]?.schema;
    parts.push(
      `<p><b>${escapeHtml(status)}</b> ${escapeHtml(res.description ?? '')}</p>${schema ? json(schema) : ''}`,
    );
  }
  const locked =
    op.security && op.security.length === 0
      ? ''
      : ' <span class="lock" title="needs a bearer token">🔒</span>';
  return `<details><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${escapeHtml(
    op.summary ?? '',
  )}${locked}</summary>${parts.join('\n')}</details>`;
}

/** A self-contained HTML page listing every operation, grouped by tag (no scripts, no external assets). */
export function renderApiDocs(doc: OpenApiDoc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} API</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(doc.info.title)} API <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a>. Sign in with <code>POST /api/v1/auth/login</code> and send
<code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>{ "error": { "code", "message", "details" } }</code>.</p>
${sections}
</body></html>`;
}

/** CSP for the docs page: nothing but its own inline stylesheet (allowed by hash). */
export const API_DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
