/**
 * Constant-time comparison of secrets. Both values are hashed with SHA-256 first, so the
 * comparison always runs over 32 bytes whatever the lengths, then compared with workerd's
 * `crypto.subtle.timingSafeEqual` (or a branch-free loop where that is missing).
 */

const encoder = new TextEncoder();

async function sha256(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
}

function xorEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * True when `presented` equals `expected`, in time independent of where they differ.
 *
 * @example
 * if (!(await secretsEqual(token, config.keys.secret))) throw new ApiError('FORBIDDEN');
 */
export async function secretsEqual(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(presented), sha256(expected)]);
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (x: ArrayBufferView, y: ArrayBufferView) => boolean };
  return typeof subtle.timingSafeEqual === 'function' ? subtle.timingSafeEqual(a, b) : xorEqual(a, b);
}
