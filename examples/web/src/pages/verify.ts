/**
 * /verify-email?token_hash=…&type=signup|email_change (the link of the confirmation
 * email): one button confirms the address and signs in. A button, not an automatic
 * request, so that a mail scanner opening the link does not use it up. Once confirmed, the
 * visitor goes to the page /register was asked to come back to (an invitation), if any.
 */
import { AuthApiError, type AuthClient } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { describeError, h, localPath, messageRegion } from '../ui.ts';

/** Where /register leaves the page to come back to once the address is confirmed (this browser only). */
const AFTER_CONFIRMATION = 'edge-auth.after-confirmation';

/** Remembers `path` for {@link verifyPage}: after confirming, the visitor goes there instead of /account. */
export function rememberAfterConfirmation(path: string): void {
  try {
    localStorage.setItem(AFTER_CONFIRMATION, path);
  } catch {
    // Storage refused (private mode): the account page it is.
  }
}

/** The remembered path, once (it is forgotten on reading). */
function takeAfterConfirmation(): string | null {
  try {
    const path = localStorage.getItem(AFTER_CONFIRMATION);
    localStorage.removeItem(AFTER_CONFIRMATION);
    return path ? localPath(path) : null;
  } catch {
    return null;
  }
}

/** "Send the email again" for the address `email()` returns; announces the outcome. */
export function resendButton(auth: AuthClient, email: () => string): Node {
  const status = messageRegion('status');
  const button = h('button', { type: 'button', class: 'secondary' }, 'Send the confirmation email again');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await auth.resendVerification(email());
      status.textContent = `If ${email()} is waiting for confirmation, a new link is on its way.`;
    } catch (err) {
      status.textContent = describeError(err);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'follow-up' }, status, button);
}

export const verifyPage: Page = {
  title: 'Confirm your email address',
  render({ auth, navigate, query }) {
    const token_hash = query.get('token_hash');
    const type = query.get('type') === 'email_change' ? 'email_change' : 'signup';
    if (!token_hash) return messageRegion('alert', 'This link is incomplete: it has no confirmation token.');
    const alert = messageRegion('alert');
    const button = h('button', { type: 'button' }, type === 'email_change' ? 'Confirm the new address' : 'Confirm my email address');
    const root = h('div', {}, alert, h('p', {}, 'Confirm the address to finish and sign in.'), button);
    button.addEventListener('click', async () => {
      button.disabled = true;
      alert.textContent = '';
      try {
        await auth.verifyEmail({ token_hash, type });
        navigate(takeAfterConfirmation() ?? '/account', { flash: 'Your email address is confirmed. You are signed in.', replace: true });
      } catch (err) {
        const used = err instanceof AuthApiError && (err.code === 'TOKEN_INVALID' || err.code === 'TOKEN_EXPIRED');
        alert.textContent = used ? 'This link has expired or has already been used. Sign in, or ask for a new link.' : describeError(err);
        if (used) root.append(h('p', {}, h('a', { href: '/login' }, 'Go to sign in')));
        button.disabled = false;
      }
    });
    return root;
  },
};
