/**
 * Delivery of invitation emails: a link to the web app's `/invitations/<id>` page, sent
 * through the one configured provider with a plain HTTP API —
 * - `resend` (production): Resend's `POST https://api.resend.com/emails`, authorized by the
 *   `RESEND_API_KEY` secret;
 * - `mailpit` (local): Mailpit's `POST /api/v1/send` of the local mailbox;
 * - none: nothing is sent and the answer says `delivered: false`, so the app delivers the
 *   link itself.
 * Every call goes through the bounded fetch door. A delivery that fails is logged and
 * answered `delivered: false`: the invitation exists either way.
 */
import type { Config } from '../env.ts';
import { createUpstreamFetch } from '../http/upstream.ts';

/** What the email says. */
export interface InvitationEmail {
  invitationId: string;
  to: string;
  organizationName: string;
  role: string;
  inviterName: string | null;
  expiresAt: string;
}

const RESEND_URL = 'https://api.resend.com/emails';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Subject, text and HTML of an invitation (user-chosen names are escaped in the HTML). */
function renderInvitation(mail: InvitationEmail, appUrl: string): { subject: string; text: string; html: string; link: string } {
  const link = `${appUrl}/invitations/${encodeURIComponent(mail.invitationId)}`;
  const by = mail.inviterName ? ` by ${mail.inviterName}` : '';
  const until = new Date(mail.expiresAt).toUTCString();
  const subject = `You are invited to join ${mail.organizationName}`;
  const text = `You have been invited${by} to join ${mail.organizationName} as ${mail.role}.\n\nOpen ${link} to accept or decline (until ${until}).\n\nSign in with ${mail.to}, or create an account with that address first.`;
  const html =
    `<p>You have been invited${escapeHtml(by)} to join <strong>${escapeHtml(mail.organizationName)}</strong> as ${escapeHtml(mail.role)}.</p>` +
    `<p><a href="${escapeHtml(link)}">Accept or decline the invitation</a> (until ${escapeHtml(until)}).</p>` +
    `<p>Sign in with ${escapeHtml(mail.to)}, or create an account with that address first.</p>`;
  return { subject, text, html, link };
}

/**
 * Sends the invitation email. True when the provider accepted it; false when no provider
 * is configured or the provider refused or failed (logged, with the request id).
 */
export async function sendInvitation(config: Config, mail: InvitationEmail, requestId: string): Promise<boolean> {
  const { mail: settings, appUrl, upstreamTimeoutMs } = config;
  if (settings.provider === 'none') return false;
  const { subject, text, html } = renderInvitation(mail, appUrl);
  const fetch = createUpstreamFetch(upstreamTimeoutMs);
  try {
    const response =
      settings.provider === 'resend'
        ? await fetch(RESEND_URL, {
            method: 'POST',
            headers: { Authorization: `Bearer ${settings.apiKey}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ from: settings.from, to: [mail.to], subject, text, html }),
          })
        : await fetch(`${settings.url}/api/v1/send`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ From: { Email: settings.from }, To: [{ Email: mail.to }], Subject: subject, Text: text, HTML: html }),
          });
    if (response.ok) return true;
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'invitation email refused',
        provider: settings.provider,
        status: response.status,
        request_id: requestId,
      }),
    );
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'invitation email failed',
        provider: settings.provider,
        error: error instanceof Error ? error.name : 'unknown',
        request_id: requestId,
      }),
    );
  }
  return false;
}
