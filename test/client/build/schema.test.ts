/**
 * The client's types follow the worker's contract: client/src/schema.ts is what
 * openapi-typescript makes of assets/api/v1/openapi.json today. When this fails, run
 * `npx tsx client/scripts/generate-schema.ts` (after `npm run openapi`).
 */
import { expect, it } from 'vitest';
import { currentSchema, renderSchema } from '../../../client/scripts/generate-schema.ts';

it('client/src/schema.ts is generated from the current openapi.json', async () => {
  const fresh = await renderSchema();
  const current = await currentSchema();
  expect(current === fresh, 'client/src/schema.ts is stale: run `npx tsx client/scripts/generate-schema.ts`').toBe(true);
});
