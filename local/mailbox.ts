/**
 * The local mailbox: where every email the stand-in's auth server sends ends up, in
 * place of the Inbucket/Mailpit container of `supabase start`. It keeps messages in
 * memory and serves a Mailpit-compatible JSON API (`GET /api/v1/messages`,
 * `GET /api/v1/message/{ID}`, `GET /api/v1/search?query=to:ADDRESS`,
 * `DELETE /api/v1/messages`) and a plain HTML page listing them.
 */
import crypto from 'node:crypto';
import { Hono } from 'hono';
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

/** A stored message, in Mailpit's field names. */
export interface StoredMessage {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Subject: string;
  Created: string;
  HTML: string;
  Text: string;
  Size: number;
}

const SENDER: Address = { Name: 'Supabase Auth (local)', Address: 'admin@email.local' };

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

  /** Stores an email (newest first, as Mailpit lists them). */
  deliver(email: OutgoingEmail): StoredMessage {
    const id = crypto.randomUUID();
    const message: StoredMessage = {
      ID: id,
      MessageID: `${id}@email.local`,
      From: SENDER,
      To: [{ Name: '', Address: email.to }],
      Subject: email.subject,
      Created: new Date().toISOString(),
      HTML: email.html,
      Text: htmlToText(email.html),
      Size: Buffer.byteLength(email.html),
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
    const summary = ({ HTML: _h, Text, ...rest }: StoredMessage) => ({
      ...rest,
      Read: false,
      Tags: [],
      Attachments: 0,
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
          : `${m.Subject} ${m.Text} ${m.To.map((a) => a.Address).join(' ')}`.toLowerCase().includes(query),
      );
      return c.json(page(hits, start, limit));
    });
    app.get('/api/v1/message/:id', (c) => {
      const id = c.req.param('id');
      const message = id === 'latest' ? this.messages[0] : this.messages.find((m) => m.ID === id);
      if (!message) return c.text('message not found', 404);
      return c.json({
        ...message,
        Cc: [],
        Bcc: [],
        ReplyTo: [],
        ReturnPath: SENDER.Address,
        Date: message.Created,
        Tags: [],
        Inline: [],
        Attachments: [],
      });
    });
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
}
