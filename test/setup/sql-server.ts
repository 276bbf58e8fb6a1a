/**
 * A loopback-only HTTP endpoint of the test run that executes SQL as the superuser, so
 * that tests running inside workerd (where there is no Postgres driver) can arrange and
 * inspect database state: age a token, count rows. `POST /sign` signs claims with the
 * stand-in's own signing key, for attack tests that need correctly signed but odd tokens
 * (a foreign `iss`, no `session_id`). `/receiver/<name>` is a webhook receiver: POST
 * records the request (headers, body) and answers the next status of its script (set with
 * PUT /receiver/<name>/script `{"statuses": [500, 200], "delay_ms": 0}`; 200 once the script
 * is spent), GET lists what it received. Test tooling only; it never ships.
 */
import http from 'node:http';
import pg from 'pg';

/**
 * Starts the endpoint on 127.0.0.1:`port`: POST / with {"text": "...", "params": [...]} →
 * {"rows": [...]}; POST /sign with {"claims": {...}} → {"token": "..."}.
 */
export async function startSqlServer(
  databaseUrl: string,
  port: number,
  sign: (claims: Record<string, unknown>) => Promise<string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // An idle client dropped by the server (a reset with force) must not crash the run.
  pool.on('error', () => {});
  const received = new Map<string, { headers: Record<string, string>; body: string; at: number }[]>();
  const scripts = new Map<string, { statuses: number[]; delayMs: number }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        const receiver = /^\/receiver\/([\w-]+)(\/script)?$/.exec(req.url ?? '');
        if (receiver) {
          const name = receiver[1]!;
          if (receiver[2] && req.method === 'PUT') {
            const { statuses = [], delay_ms = 0 } = JSON.parse(body) as { statuses?: number[]; delay_ms?: number };
            scripts.set(name, { statuses: [...statuses], delayMs: delay_ms });
            res.writeHead(204).end();
          } else if (req.method === 'GET') {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requests: received.get(name) ?? [] }));
          } else {
            const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
            received.set(name, [...(received.get(name) ?? []), { headers, body, at: Date.now() }]);
            const script = scripts.get(name);
            const status = script?.statuses.shift() ?? 200;
            if (script?.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
            res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
          }
          return;
        }
        if (req.url === '/sign') {
          const { claims } = JSON.parse(body) as { claims: Record<string, unknown> };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: await sign(claims) }));
          return;
        }
        const { text, params } = JSON.parse(body) as { text: string; params?: unknown[] };
        const result = await pool.query(text, params ?? []);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: result.rows }));
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
