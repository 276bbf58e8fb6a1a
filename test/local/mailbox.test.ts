/**
 * The local mailbox: template rendering, the Mailpit-compatible JSON API and the HTML page.
 */
import { describe, expect, it } from 'vitest';
import { Mailbox, renderTemplate } from '../../local/mailbox.ts';

describe('renderTemplate', () => {
  it('fills Go-template placeholders, HTML-escaped, and blanks unknown ones', () => {
    const out = renderTemplate('<a href="{{ .SiteURL }}/r?t={{.TokenHash}}">{{ .Email }}</a>{{ .Nope }}', {
      SiteURL: 'http://app.test',
      TokenHash: 'abc123',
      Email: '<eve@x.test>',
    });
    expect(out).toBe('<a href="http://app.test/r?t=abc123">&#60;eve@x.test&#62;</a>');
  });
});

describe('Mailbox API', () => {
  const mailbox = new Mailbox();
  const app = mailbox.app();
  const first = mailbox.deliver({
    to: 'ada@example.test',
    subject: 'Reset your password',
    html: '<p><a href="http://x/r?token_hash=1">Reset</a></p>',
  });
  mailbox.deliver({ to: 'bob@example.test', subject: 'Confirm your email', html: '<p>Hi Bob</p>' });

  it('lists messages newest first, as Mailpit does', async () => {
    const res = await app.request('/api/v1/messages');
    const body = (await res.json()) as { total: number; messages: { Subject: string; To: { Address: string }[]; Snippet: string }[] };
    expect(body.total).toBe(2);
    expect(body.messages.map((m) => m.Subject)).toEqual(['Confirm your email', 'Reset your password']);
    expect(body.messages[1]?.Snippet).toContain('Reset ( http://x/r?token_hash=1 )');
  });

  it('finds messages by recipient and returns one in full', async () => {
    const search = (await (await app.request('/api/v1/search?query=to:ADA@example.test')).json()) as { messages: { ID: string }[] };
    expect(search.messages.map((m) => m.ID)).toEqual([first.ID]);
    const full = (await (await app.request(`/api/v1/message/${first.ID}`)).json()) as { HTML: string; To: { Address: string }[] };
    expect(full.HTML).toContain('token_hash=1');
    expect(full.To).toEqual([{ Name: '', Address: 'ada@example.test' }]);
    expect((await app.request('/api/v1/message/unknown')).status).toBe(404);
  });

  it('shows a plain HTML page listing the messages', async () => {
    const page = await (await app.request('/')).text();
    expect(page).toContain('2 message(s)');
    expect(page).toContain('Reset your password');
    expect(page).toContain('bob@example.test');
  });

  it('empties on DELETE', async () => {
    const other = new Mailbox();
    other.deliver({ to: 'x@example.test', subject: 's', html: 'h' });
    await other.app().request('/api/v1/messages', { method: 'DELETE' });
    expect(other.list()).toEqual([]);
  });
});
