/**
 * The web app's server without a browser: every page path answers index.html with the
 * security headers (on 127.0.0.1 and at localhost, IPv4 and IPv6), files and the bundle
 * are served, /api/* reaches the worker on the same origin, and a worker that is down is a
 * 503 envelope rather than a hang.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWebApp } from '../../examples/web/server.ts';
import type { Environment } from './environment.ts';

/** Registers the server checks (node:test) against `env`. */
export function serverChecks(env: Environment): void {
  const app = env.site.appUrl;

  test('the server answers the pages of email links with the app, on one origin with the API', async () => {
    for (const page of [
      '/',
      '/login',
      '/reset-password?token_hash=abc&type=recovery',
      '/verify-email?token_hash=abc&type=signup',
      '/sign-in/email?token_hash=abc&type=magiclink',
      '/account',
      '/invitations/0b7e7bd6-8a4e-4c39-9d52-0f6f7f1d2c3a',
      '/organizations/0b7e7bd6-8a4e-4c39-9d52-0f6f7f1d2c3a',
    ]) {
      const res = await fetch(`${app}${page}`);
      assert.equal(res.status, 200, page);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await res.text(), /<script type="module" src="\/app.js">/);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    }
    // The same app on localhost (passkeys need a host name): on 127.0.0.1 and, where the
    // machine has an IPv6 loopback, on ::1 at the same port.
    const { port } = new URL(app);
    for (const origin of [env.site.localhostUrl, `http://[::1]:${port}`]) {
      let res: Response;
      try {
        res = await fetch(`${origin}/sign-in/email?token_hash=abc&type=magiclink`);
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
        if (/^(EADDRNOTAVAIL|ENETUNREACH|EAFNOSUPPORT)$/.test(code)) continue;
        throw err;
      }
      assert.equal(res.status, 200, origin);
      assert.match(await res.text(), /<script type="module" src="\/app.js">/);
    }
    const bundle = await fetch(`${app}/app.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok((await bundle.text()).length > 5000);
    assert.equal((await fetch(`${app}/style.css`)).status, 200);
    assert.equal((await fetch(`${app}/nothing-here.css`)).status, 404);
    assert.equal((await fetch(`${app}/..%2f..%2fpackage.json`)).status, 404);

    const health = await fetch(`${app}/api/v1/health`);
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('x-request-id'));
    const login = await fetch(`${app}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
    });
    assert.equal(login.status, 401);
    assert.equal(((await login.json()) as { error: { code: string } }).error.code, 'INVALID_CREDENTIALS');
  });

  test('the server answers 503 SERVICE_UNAVAILABLE when the worker is down, and close() stops it', async () => {
    const web = await startWebApp({ port: 0, workerUrl: 'http://127.0.0.1:9' });
    try {
      const res = await fetch(`${web.url}/api/v1/auth/me`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'SERVICE_UNAVAILABLE');
    } finally {
      await web.close();
    }
    await assert.rejects(fetch(`${web.url}/login`));
  });
}
