/**
 * Renders the human-readable API reference (GET /api/v1/docs) from the OpenAPI document:
 * plain server-rendered HTML with one inline stylesheet, no script and nothing loaded from
 * elsewhere. The stylesheet carries the placeholder nonce `__CSP_NONCE__`, which the
 * handler replaces per response to match its Content-Security-Policy.
 */

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  'x-auth'?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }>; 'x-error-codes'?: string[] }>;
}

/** The parts of an OpenAPI document the page reads. */
export interface DocsSource {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const AUTH_LABELS: Record<string, string> = {
  none: 'public',
  user: 'Bearer access token',
  service: 'service-role key',
  userOrService: 'Bearer access token or service-role key',
};

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h2{border-bottom:1px solid #ddd;margin-top:2.5rem}section.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.m{font-weight:700;text-transform:uppercase;padding:.1rem .4rem;border-radius:4px;background:#eef;margin-right:.5rem}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.5rem;overflow:auto;border-radius:4px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}`;

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function schemaBlock(schema: unknown): string {
  return schema === undefined ? '' : `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`;
}

function parametersTable(op: Operation): string {
  if (!op.parameters?.length) return '';
  const rows = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>description</th></tr>${rows}</table>`;
}

function responsesTable(op: Operation): string {
  const rows = Object.entries(op.responses ?? {})
    .map(([status, response]) => {
      const codes = response['x-error-codes']?.map((code) => `<code>${escapeHtml(code)}</code>`).join(' ') ?? '';
      return `<tr><td>${escapeHtml(status)}</td><td>${codes}</td><td>${escapeHtml(response.description ?? '')}</td></tr>`;
    })
    .join('');
  return `<h4>Responses</h4><table><tr><th>status</th><th>codes</th><th>description</th></tr>${rows}</table>`;
}

function successSchema(op: Operation): unknown {
  const success = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'));
  return success?.[1].content?.['application/json']?.schema;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const anchor = escapeHtml(op.operationId ?? `${method}-${path}`);
  const body = op.requestBody?.content?.['application/json']?.schema;
  return `<section class="op" id="${anchor}">
<h3><span class="m">${escapeHtml(method)}</span><code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}${op.description ? ` — ${escapeHtml(op.description)}` : ''}</p>
<p>Auth: ${escapeHtml(AUTH_LABELS[op['x-auth'] ?? 'none'] ?? op['x-auth'])}</p>
${parametersTable(op)}${body ? `<h4>Request body</h4>${schemaBlock(body)}` : ''}
${responsesTable(op)}${successSchema(op) ? `<h4>Success body</h4>${schemaBlock(successSchema(op))}` : ''}
</section>`;
}

/** Renders the whole page. */
export function renderDocsPage(doc: DocsSource): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const toc = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${escapeHtml(op.operationId ?? '')}"><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></a> ${escapeHtml(op.summary ?? '')}</li>`,
    )
    .join('\n');
  const title = escapeHtml(doc.info?.title ?? 'API');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} reference</title><style nonce="__CSP_NONCE__">${STYLE}</style></head>
<body><h1>${title} <small>${escapeHtml(doc.info?.version ?? '')}</small></h1>
<p>${escapeHtml(doc.info?.description ?? '')}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<h2>Endpoints</h2><ul>
${toc}
</ul>
${operations.map(({ path, method, op }) => renderOperation(method, path, op)).join('\n')}
</body></html>`;
}
