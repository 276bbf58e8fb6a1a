/** What a browser loads for the client (minified, with openapi-fetch) stays small. */
import { expect, it } from 'vitest';
import { CLIENT_BUDGET_GZIP, measureClient } from '../../../client/scripts/size.ts';

it(`the minified client is at most ${CLIENT_BUDGET_GZIP / 1024} KiB gzipped`, async () => {
  const { gzip } = await measureClient();
  expect(gzip).toBeGreaterThan(1000);
  expect(gzip).toBeLessThanOrEqual(CLIENT_BUDGET_GZIP);
});
