/**
 * Where the app sends a visitor whose request needs a second factor (strong-auth.md): to
 * the code step of the sign-in (`/sign-in/code`) when their session waits for one (a
 * verified factor, a password-only `aal1` session), else to enrolment
 * (`/account/security`), as when an organization requires a factor the user does not have
 * yet. Both take `?next=`, the page to come back to. Every way of signing in goes on
 * through {@link afterSignIn}.
 */
import type { AuthClient } from '@edge-auth/client';

/** The code step of the sign-in, then back to `next`. */
export function codeStepPath(next: string): string {
  return `/sign-in/code?next=${encodeURIComponent(next)}`;
}

/**
 * Where a sign-in (password, passkey, emailed code or link) goes on to: the code step first
 * when the answer said a second factor is due (`mfa.required`), then `next`.
 */
export async function afterSignIn(auth: AuthClient, next: string): Promise<string> {
  return (await auth.assurance())?.pending ? codeStepPath(next) : next;
}

/** The enrolment page, with a way back to `next`. */
export function enrolmentPath(next: string): string {
  return `/account/security?next=${encodeURIComponent(next)}`;
}

/** The user's verified factors (an `aal1` session may ask). */
export async function verifiedFactors(auth: AuthClient) {
  return (await auth.factors()).filter((factor) => factor.status === 'verified');
}

/**
 * True when this session waits for its second-factor step: the last session answer said
 * so, or (a session stored without that answer) it is `aal1` and the user has a verified
 * factor.
 */
export async function codeStepDue(auth: AuthClient): Promise<boolean> {
  const assurance = await auth.assurance();
  if (!assurance || assurance.aal === 'aal2' || assurance.aal === 'aal3') return false;
  if (assurance.pending) return true;
  return (await verifiedFactors(auth).catch(() => [])).length > 0;
}

/**
 * The QR code of an enrolment as an <img> source. The API's `qr_code` is a data URL whose
 * SVG is not percent-encoded (as Supabase Auth and supabase-js make it); a `#` in it (a
 * colour) would end the URL there, so the SVG is encoded again.
 */
export function qrImageSource(qrCode: string): string {
  const comma = qrCode.indexOf(',');
  const svg = comma > 0 ? qrCode.slice(comma + 1) : '';
  if (!qrCode.startsWith('data:image/svg+xml') || qrCode.slice(0, comma).endsWith(';base64') || !svg.trimStart().startsWith('<')) {
    return qrCode;
  }
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
