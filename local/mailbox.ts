/**
 * The local mailbox: where every email the stand-in's auth server sends ends up, in
 * place of the Inbucket/Mailpit container of `supabase start`. It keeps messages in
 * memory and serves a Mailpit-compatible JSON API (`GET /api/v1/messages`,
 * `GET /api/v1/message/{ID}`, `GET /api/v1/search?query=to:ADDRESS`,
 * `DELETE /api/v1/messages`, and `POST /api/v1/send` for mail an app sends itself, e.g.
 * the worker's invitations) and a plain HTML page listing them.
 */
import crypto from 'node:crypto';
import { type Context, Hono } from 'hono';
import { html, raw } from 'hono/html';

/** One email as the auth server hands it over. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
}

interface Address {
  Name: string;
  Address: string;
}

/** An attachment of a sent message, as Mailpit lists it. */
interface Attachment {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
}

/** A stored message, in Mailpit's field names. */
export interface StoredMessage {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  Subject: string;
  Created: string;
  HTML: string;
  Text: string;
  Size: number;
  Tags: string[];
  /** Custom headers given to the send API. */
  Headers: Record<string, string>;
  Attachments: Attachment[];
  Inline: Attachment[];
}

const SENDER: Address = { Name: 'Supabase Auth (local)', Address: 'admin@email.local' };

/** Headers the send API may not set (Mailpit's `restrictedHeaders`, X-Tags when Tags are given). */
const RESTRICTED_HEADERS = ['To', 'From', 'Cc', 'Bcc', 'Reply-To', 'Date', 'Subject', 'Content-Type', 'Mime-Version'];

/** A 400 of the send API, answered as Mailpit's `httpJSONError`: `{"Error": message}`. */
class SendError extends Error {}

/** Roughly `net/mail.ParseAddress`: `local@domain`, optionally as `Name <local@domain>`. */
function isAddress(value: string): boolean {
  const bare = /^[^\s@<>",;]+@[^\s@<>",;]+$/;
  const angled = /^[^<>]*<([^<>]+)>$/.exec(value.trim());
  return bare.test(value) || (!!angled && bare.test(angled[1]!));
}

/** The JSON type name Go's decoder uses in its errors. */
function goType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A field of the send request's body: absent or null is `fallback`, the wrong type a 400. */
function field<T>(body: Record<string, unknown>, name: string, want: 'string' | 'object' | 'array', fallback: T): T {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (goType(value) !== want) throw new SendError(`json: cannot unmarshal ${goType(value)} into Go struct field .${name} of type ${want}`);
  return value as T;
}

/** `{Email, Name}` recipients of the send API, checked as Mailpit checks them. */
function recipients(entries: unknown[], label: string): Address[] {
  return entries.map((entry) => {
    const item = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const email = typeof item.Email === 'string' ? item.Email : '';
    if (!isAddress(email)) throw new SendError(`invalid ${label} address: ${email}`);
    return { Name: typeof item.Name === 'string' ? item.Name : '', Address: email };
  });
}

/** The attachments of the send API: base64 content (a data-URL prefix allowed), inline when a ContentID is given. */
function attachments(entries: unknown[]): { attached: Attachment[]; inline: Attachment[] } {
  const attached: Attachment[] = [];
  const inline: Attachment[] = [];
  entries.forEach((entry, i) => {
    const item = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const name = typeof item.Filename === 'string' ? item.Filename : '';
    const content = (typeof item.Content === 'string' ? item.Content : '').split(',').pop() ?? '';
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(content)) {
      throw new SendError(`error decoding base64 attachment "${name}": illegal base64 data`);
    }
    const contentId = typeof item.ContentID === 'string' ? item.ContentID : '';
    const part: Attachment = {
      PartID: String(i + 2),
      FileName: name,
      ContentType: typeof item.ContentType === 'string' && item.ContentType ? item.ContentType : 'application/octet-stream',
      ContentID: contentId,
      Size: Buffer.from(content, 'base64').length,
    };
    (contentId ? inline : attached).push(part);
  });
  return { attached, inline };
}

/**
 * Fills a GoTrue email template: `{{ .Name }}` placeholders (Go template syntax) are
 * replaced by the matching value, HTML-escaped; unknown names become empty.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_m, name: string) => escapeHtml(values[name] ?? ''));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function htmlToText(markup: string): string {
  return markup
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ( $1 )')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The in-memory mailbox with its HTTP app. */
export class Mailbox {
  private readonly messages: StoredMessage[] = [];

  /** Stores an email of the auth server (newest first, as Mailpit lists them). */
  deliver(email: OutgoingEmail): StoredMessage {
    return this.store({ From: SENDER, To: [{ Name: '', Address: email.to }], Subject: email.subject, HTML: email.html });
  }

  /**
   * Stores a message given to the send API (Mailpit's JSON shape: From {Email, Name}, To
   * and Cc [{Email, Name}], Bcc [address], ReplyTo, Subject, Text, HTML, Attachments,
   * Tags, Headers); throws a SendError with Mailpit's message when it would refuse it.
   */
  send(body: Record<string, unknown>): StoredMessage {
    // Go decodes the whole body first: a field of the wrong type is refused before anything else.
    const from = field<Record<string, unknown>>(body, 'From', 'object', {});
    const toList = field<unknown[]>(body, 'To', 'array', []);
    const ccList = field<unknown[]>(body, 'Cc', 'array', []);
    const bccList = field<unknown[]>(body, 'Bcc', 'array', []);
    const replyToList = field<unknown[]>(body, 'ReplyTo', 'array', []);
    const subject = field(body, 'Subject', 'string', '');
    const text = field(body, 'Text', 'string', '');
    const htmlBody = field(body, 'HTML', 'string', '');
    const attachmentList = field<unknown[]>(body, 'Attachments', 'array', []);
    const tags = field<unknown[]>(body, 'Tags', 'array', []).map(String);
    const headerMap = field<Record<string, unknown>>(body, 'Headers', 'object', {});
    // Then Mailpit's own checks, in its order.
    const fromEmail = typeof from.Email === 'string' ? from.Email : '';
    const to = recipients(toList, 'To');
    const cc = recipients(ccList, 'Cc');
    const bcc = bccList.map((entry) => {
      const email = typeof entry === 'string' ? entry : '';
      if (!isAddress(email)) throw new SendError(`invalid Bcc address: ${email}`);
      return { Name: '', Address: email };
    });
    const replyTo = recipients(replyToList, 'Reply-To');
    const restricted = tags.length > 0 ? [...RESTRICTED_HEADERS, 'X-Tags'] : RESTRICTED_HEADERS;
    const headers = Object.fromEntries(Object.entries(headerMap).map(([k, v]) => [k, String(v)]));
    for (const name of Object.keys(headers)) {
      if (restricted.some((r) => r.toLowerCase() === name.toLowerCase())) throw new SendError(`cannot overwrite header: "${name}"`);
    }
    const { attached, inline } = attachments(attachmentList);
    // The checks of the MIME builder Mailpit uses (enmime).
    if (!fromEmail) throw new SendError('error building message: from not set');
    if (!subject) throw new SendError('error building message: subject not set');
    if (to.length + cc.length + bcc.length === 0) throw new SendError('error building message: no recipients (to, cc, bcc) set');
    return this.store({
      From: { Name: typeof from.Name === 'string' ? from.Name : '', Address: fromEmail },
      To: to,
      Cc: cc,
      Bcc: bcc,
      ReplyTo: replyTo,
      Subject: subject,
      Text: text,
      HTML: htmlBody,
      Tags: tags,
      Headers: headers,
      Attachments: attached,
      Inline: inline,
    });
  }

  private store(
    m: Pick<StoredMessage, 'From' | 'To' | 'Subject' | 'HTML'> & Partial<Omit<StoredMessage, 'ID' | 'MessageID' | 'Created' | 'Size'>>,
  ): StoredMessage {
    const id = crypto.randomUUID();
    const text = m.Text || htmlToText(m.HTML);
    const message: StoredMessage = {
      ID: id,
      MessageID: `${id}@email.local`,
      Cc: [],
      Bcc: [],
      ReplyTo: [],
      Tags: [],
      Headers: {},
      Attachments: [],
      Inline: [],
      ...m,
      Text: text,
      Created: new Date().toISOString(),
      Size: Buffer.byteLength(m.HTML) + Buffer.byteLength(text),
    };
    this.messages.unshift(message);
    return message;
  }

  /** All messages, newest first. */
  list(): readonly StoredMessage[] {
    return this.messages;
  }

  /** The Mailpit-compatible API and the HTML list page. */
  app(): Hono {
    const app = new Hono();
    const summary = ({ HTML: _h, Text, Headers: _headers, Attachments, Inline: _inline, ...rest }: StoredMessage) => ({
      ...rest,
      Read: false,
      Attachments: Attachments.length,
      Snippet: Text.slice(0, 200),
    });
    const page = (items: StoredMessage[], start: number, limit: number) => ({
      total: this.messages.length,
      unread: items.length,
      count: Math.min(limit, Math.max(items.length - start, 0)),
      messages_count: items.length,
      start,
      tags: [],
      messages: items.slice(start, start + limit).map(summary),
    });
    const paging = (q: (k: string) => string | undefined) => ({
      start: Math.max(0, Number(q('start') ?? 0) || 0),
      limit: Math.max(1, Number(q('limit') ?? 50) || 50),
    });

    app.get('/api/v1/messages', (c) => {
      const { start, limit } = paging((k) => c.req.query(k));
      return c.json(page([...this.messages], start, limit));
    });
    app.delete('/api/v1/messages', (c) => {
      this.messages.length = 0;
      return c.text('ok');
    });
    app.get('/api/v1/search', (c) => {
      const query = (c.req.query('query') ?? '').trim().toLowerCase();
      const { start, limit } = paging((k) => c.req.query(k));
      const to = /^to:"?([^"\s]+)"?$/.exec(query)?.[1];
      const hits = this.messages.filter((m) =>
        to
          ? m.To.some((a) => a.Address.toLowerCase() === to)
          : `${m.Subject} ${m.Text} ${m.From.Address} ${m.To.map((a) => a.Address).join(' ')}`.toLowerCase().includes(query),
      );
      return c.json(page(hits, start, limit));
    });
    app.get('/api/v1/message/:id', (c) => {
      const id = c.req.param('id');
      const message = id === 'latest' ? this.messages[0] : this.messages.find((m) => m.ID === id);
      if (!message) return c.text('message not found', 404);
      const { Headers: _headers, ...shown } = message;
      return c.json({ ...shown, ReturnPath: message.From.Address, Date: message.Created });
    });
    app.post('/api/v1/send', (c) => this.sendRequest(c));
    app.get('/', (c) =>
      c.html(html`<!doctype html>
        <html lang="en">
          <head><meta charset="utf-8" /><title>Local mailbox</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}small{color:#555}</style>
          </head>
          <body>
            <h1>Local mailbox</h1>
            <p>${this.messages.length} message(s). JSON: <a href="/api/v1/messages">/api/v1/messages</a></p>
            ${this.messages.map(
              (m) => html`<article>
                <small>${m.Created} — to ${m.To.map((a) => a.Address).join(', ')}</small>
                <h2>${m.Subject}</h2>
                <div>${raw(m.HTML)}</div>
              </article>`,
            )}
          </body>
        </html>`),
    );
    return app;
  }

  /** POST /api/v1/send: 200 `{ID}`, or 400 `{Error}` as Mailpit answers. */
  private async sendRequest(c: Context): Promise<Response> {
    const refuse = (message: string) => c.json({ Error: message }, 400);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch (err) {
      return refuse((err as Error).message);
    }
    // JSON null decodes into the empty request (which the checks then refuse).
    if (body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      return refuse(`json: cannot unmarshal ${goType(body)} into Go value of type struct`);
    }
    try {
      return c.json({ ID: this.send((body ?? {}) as Record<string, unknown>).ID });
    } catch (err) {
      if (err instanceof SendError) return refuse(err.message);
      throw err;
    }
  }
}
