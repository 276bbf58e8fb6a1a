/**
 * The rules a webhook URL must follow (integrations.md): `https://` only — `http://` only to
 * 127.0.0.1 or localhost when the configuration allows it (local development) —, no
 * credentials in it, and no address that is private, loopback, link-local or otherwise not
 * on the public internet (checked on IP literals and the names that always mean this
 * machine; a name that resolves to a private address is stopped by Cloudflare's network,
 * and deliveries never follow redirects).
 */

/** The URL, normalised, or why it is refused. */
export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for an IPv4 literal in a private, loopback, link-local, CGNAT, multicast or reserved range. */
function isPrivateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/** True for an IPv6 literal (bracketed) that is not a global unicast address. */
function isPrivateIpv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const address = host.slice(1, -1).toLowerCase();
  if (address === '::' || address === '::1') return true;
  if (address.startsWith('::ffff:')) return true; // IPv4-mapped: judged as not public
  return /^(f[c-d]|fe[89ab]|ff)/.test(address);
}

/** Checks `raw` against the rules; `allowLoopback` admits http://127.0.0.1 and localhost. */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
  const host = url.hostname.toLowerCase();
  const loopback = LOOPBACK_NAMES.has(host) || host.endsWith('.localhost');
  if (loopback) {
    if (!allowLoopback) return { ok: false, reason: 'must not point at this machine' };
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must be an http(s) URL' };
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https:// URL' };
  if (isPrivateIpv4(host) || isPrivateIpv6(host)) return { ok: false, reason: 'must not be a private or link-local address' };
  return { ok: true, url: url.href };
}
