/**
 * Passkeys in the web app: whether this page can use them, and what to tell people when the
 * browser's dialog ends without one.
 *
 * Browsers refuse WebAuthn on IP addresses. Locally the app is served at
 * http://127.0.0.1:3000 (the `site_url` of the email links) and at http://localhost:3000
 * (the relying party's origin, supabase/config.toml `[auth.webauthn]`), so a page on a
 * loopback address points to the same page on `localhost` instead of offering passkeys.
 */
import { AuthApiError } from '@edge-auth/client';
import { h, Problem } from './ui.ts';

/** Where passkeys work for this page: here, on `localhost` (this page's URL there), or not at all. */
export type PasskeyPlace = { kind: 'here' } | { kind: 'localhost'; url: string } | { kind: 'unsupported' };

/** Whether this page can use passkeys; see {@link PasskeyPlace}. */
export function passkeyPlace(): PasskeyPlace {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return { kind: 'unsupported' };
  const host = location.hostname;
  if (host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)) {
    const url = new URL(location.href);
    url.hostname = 'localhost';
    return { kind: 'localhost', url: url.href };
  }
  // Any other IP address: there is no relying party for it.
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return { kind: 'unsupported' };
  return { kind: 'here' };
}

/** True when the browser can offer passkeys in the autofill of the email field (conditional mediation). */
export async function conditionalMediation(): Promise<boolean> {
  try {
    return (await PublicKeyCredential.isConditionalMediationAvailable?.()) ?? false;
  } catch {
    return false;
  }
}

/** The note shown instead of passkey controls on a loopback IP address: the same page on `localhost`. */
export function localhostNote(url: string, what: string): HTMLElement {
  return h('p', { class: 'notice' }, `Passkeys need a host name, not an IP address. To ${what}, open `, h('a', { href: url }, url), '.');
}

/**
 * A failure of `signInWithPasskey` / `registerPasskey` as people should read it: the
 * browser's DOMExceptions in words, a passkey the API refused explained; other API errors
 * as they are.
 */
export function passkeyProblem(err: unknown, ceremony: 'sign-in' | 'register'): unknown {
  if (err instanceof AuthApiError) {
    if (err.code !== 'TOKEN_INVALID') return err;
    return new Problem(
      ceremony === 'sign-in'
        ? 'That passkey was not accepted. It may have been removed from your account: sign in with your password or an emailed code instead.'
        : 'The passkey could not be verified, so it was not added. Please try again.',
    );
  }
  if (!(err instanceof DOMException)) return err;
  switch (err.name) {
    case 'NotAllowedError':
      return new Problem(
        ceremony === 'sign-in'
          ? 'No passkey was used: the request was cancelled or timed out. Try again, or sign in another way.'
          : 'No passkey was added: the request was cancelled or timed out.',
      );
    case 'InvalidStateError':
      return new Problem('This device or password manager already has a passkey for your account.');
    case 'NotSupportedError':
      return new Problem('This browser does not support passkeys.');
    case 'SecurityError':
      return new Problem('Passkeys cannot be used at this address.');
    default:
      return new Problem(`The passkey request failed (${err.name}). Please try again.`);
  }
}
