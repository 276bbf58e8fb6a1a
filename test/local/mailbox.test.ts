/**
 * The local mailbox: template rendering, the Mailpit-compatible JSON API (the send API
 * included) and the HTML page.
 */
import { describe, expect, it } from 'vitest';
import { Mailbox, renderTemplate } from '../../local/mailbox.ts';
import { TEST_STACK } from '../setup/stack-config.ts';

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

describe('Mailpit send API (POST /api/v1/send)', () => {
  const send = (app: ReturnType<Mailbox['app']>, body: unknown) =>
    app.request('/api/v1/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers {ID} and the message is listed, searchable and readable like the auth server’s', async () => {
    const mailbox = new Mailbox();
    mailbox.deliver({ to: 'someone@example.test', subject: 'Confirm your email', html: '<p>x</p>' });
    const app = mailbox.app();
    const res = await send(app, {
      From: { Email: 'noreply@app.test', Name: 'Edge Auth' },
      To: [{ Email: 'invitee@example.test', Name: 'Invitee' }],
      Cc: [{ Email: 'owner@example.test' }],
      Bcc: ['audit@example.test'],
      ReplyTo: [{ Email: 'owner@example.test', Name: 'Owner' }],
      Subject: 'You are invited to Acme',
      Text: 'Open http://127.0.0.1:3000/invitations/42 to answer.',
      HTML: '<p><a href="http://127.0.0.1:3000/invitations/42">Answer the invitation</a></p>',
      Tags: ['invitation'],
      Headers: { 'X-Invitation-Id': '42' },
      Attachments: [{ Content: Buffer.from('hello').toString('base64'), Filename: 'hello.txt', ContentType: 'text/plain' }],
    });
    expect(res.status).toBe(200);
    const { ID } = (await res.json()) as { ID: string };
    expect(ID).toMatch(/\S+/);

    const list = (await (await app.request('/api/v1/messages')).json()) as { total: number; messages: Record<string, unknown>[] };
    expect(list.total).toBe(2);
    expect(list.messages[0]).toMatchObject({
      ID,
      From: { Name: 'Edge Auth', Address: 'noreply@app.test' },
      To: [{ Name: 'Invitee', Address: 'invitee@example.test' }],
      Cc: [{ Name: '', Address: 'owner@example.test' }],
      Subject: 'You are invited to Acme',
      Tags: ['invitation'],
      Attachments: 1,
      Snippet: 'Open http://127.0.0.1:3000/invitations/42 to answer.',
    });
    const search = (await (await app.request('/api/v1/search?query=to:invitee@example.test')).json()) as { messages: { ID: string }[] };
    expect(search.messages.map((m) => m.ID)).toEqual([ID]);
    const full = (await (await app.request(`/api/v1/message/${ID}`)).json()) as Record<string, unknown>;
    expect(full).toMatchObject({
      Text: 'Open http://127.0.0.1:3000/invitations/42 to answer.',
      HTML: '<p><a href="http://127.0.0.1:3000/invitations/42">Answer the invitation</a></p>',
      Bcc: [{ Name: '', Address: 'audit@example.test' }],
      ReplyTo: [{ Name: 'Owner', Address: 'owner@example.test' }],
      ReturnPath: 'noreply@app.test',
      Attachments: [{ FileName: 'hello.txt', ContentType: 'text/plain', Size: 5 }],
    });
    expect((await app.request('/')).ok).toBe(true);
  });

  it('derives the text from the HTML when only HTML is sent', async () => {
    const mailbox = new Mailbox();
    const app = mailbox.app();
    await send(app, {
      From: { Email: 'a@app.test' },
      To: [{ Email: 'b@example.test' }],
      Subject: 'Hi',
      HTML: '<p><a href="http://x/y">Go</a></p>',
    });
    expect(mailbox.list()[0]!.Text).toBe('Go ( http://x/y )');
  });

  it('refuses with 400 {Error} what Mailpit refuses', async () => {
    const app = new Mailbox().app();
    const base = { From: { Email: 'a@app.test' }, To: [{ Email: 'b@example.test' }], Subject: 'Hi', Text: 'x' };
    const refused: [unknown, string][] = [
      [{ ...base, From: {} }, 'error building message: from not set'],
      [{ ...base, Subject: '' }, 'error building message: subject not set'],
      [{ ...base, To: [] }, 'error building message: no recipients (to, cc, bcc) set'],
      [{ ...base, To: [{ Email: 'not an address' }] }, 'invalid To address: not an address'],
      [{ ...base, Bcc: ['nope'] }, 'invalid Bcc address: nope'],
      [{ ...base, Headers: { subject: 'other' } }, 'cannot overwrite header: "subject"'],
      [{ ...base, To: 'b@example.test' }, 'json: cannot unmarshal string into Go struct field .To of type array'],
      [{ ...base, Attachments: [{ Content: '***', Filename: 'x.bin' }] }, 'error decoding base64 attachment "x.bin": illegal base64 data'],
    ];
    for (const [body, message] of refused) {
      const res = await send(app, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ Error: message });
    }
    const bad = await app.request('/api/v1/send', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ Error: expect.any(String) });
    expect((await (await app.request('/api/v1/messages')).json()) as { total: number }).toMatchObject({ total: 0 });
  });

  it('is served on the running stack’s mailbox port', async () => {
    const to = `send-${Date.now()}@example.test`;
    const res = await fetch(`${TEST_STACK.mailboxUrl}/api/v1/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ From: { Email: 'noreply@app.test' }, To: [{ Email: to }], Subject: 'Invitation', HTML: '<p>Join</p>' }),
    });
    expect(res.status).toBe(200);
    const search = (await (await fetch(`${TEST_STACK.mailboxUrl}/api/v1/search?query=to:${to}`)).json()) as {
      messages: { Subject: string }[];
    };
    expect(search.messages.map((m) => m.Subject)).toEqual(['Invitation']);
  });
});
