/**
 * The session check every user function starts with: an access token is refused (SQLSTATE
 * PT401, HTTP 401 through PostgREST) as soon as its session is gone or the user is banned,
 * not only when the token expires.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, errorOf, newPool, queryAs, SERVICE_CLAIMS, type TestUser, userClaims } from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

const CALLS = [
  'select public.get_my_context()',
  'select * from public.list_my_organizations()',
  'select * from public.list_user_organizations(gen_random_uuid())',
];

async function expectRefused(claims: Record<string, unknown>) {
  for (const sql of CALLS) {
    const err = await errorOf(queryAs(db, 'authenticated', claims, sql));
    expect(err.code, sql).toBe('PT401');
    expect(err.message, sql).toBe('Session has ended');
  }
}

async function expectAccepted(claims: Record<string, unknown>) {
  for (const sql of CALLS) await queryAs(db, 'authenticated', claims, sql);
}

let u: TestUser;
beforeAll(async () => {
  u = await createUser(db);
});

describe('accepted', () => {
  it("a live session of the token's user", async () => {
    await expectAccepted(userClaims(u));
  });

  it('a ban that has expired', async () => {
    const v = await createUser(db);
    await db.query(`update auth.users set banned_until = now() - interval '1 minute' where id = $1`, [v.id]);
    await expectAccepted(userClaims(v));
  });
});

describe('no role skips it', () => {
  it('service_role may not call the user functions at all', async () => {
    for (const sql of CALLS) {
      const err = await errorOf(queryAs(db, 'service_role', SERVICE_CLAIMS, sql));
      expect(err.code, sql).toBe('42501');
    }
  });

  it('an authenticated caller whose claims say service_role, with no session, is refused', async () => {
    await expectRefused({ ...SERVICE_CLAIMS, sub: u.id });
    await expectRefused({ role: 'service_role', sub: u.id, session_id: randomUUID() });
  });

  it("a service_role token carrying a real user's live session reads only that user (RLS as the user)", async () => {
    const [row] = await queryAs<{ c: { id: string } }>(
      db,
      'authenticated',
      { ...userClaims(u), role: 'service_role' },
      'select public.get_my_context() as c',
    );
    expect(row?.c.id).toBe(u.id);
  });
});

describe('refused with PT401', () => {
  it('after the session row is deleted (logout, password reset, admin revoke)', async () => {
    const v = await createUser(db);
    await expectAccepted(userClaims(v));
    await db.query('delete from auth.sessions where id = $1', [v.sessionId]);
    await expectRefused(userClaims(v));
  });

  it('when every refresh token of the session is revoked (refresh-token reuse detected)', async () => {
    const v = await createUser(db);
    await db.query(
      `insert into auth.refresh_tokens (token, user_id, revoked, session_id, created_at, updated_at)
                    values ($1, $2, false, $3, now(), now())`,
      [randomUUID(), v.id, v.sessionId],
    );
    await expectAccepted(userClaims(v));
    await db.query('update auth.refresh_tokens set revoked = true where session_id = $1', [v.sessionId]);
    await expectRefused(userClaims(v));
  });

  it('when the user is banned', async () => {
    const v = await createUser(db);
    await db.query(`update auth.users set banned_until = now() + interval '1 hour' where id = $1`, [v.id]);
    await expectRefused(userClaims(v));
  });

  it('when the user is deleted, or soft-deleted', async () => {
    const [v, w] = await Promise.all([createUser(db), createUser(db)]);
    await db.query(`update auth.users set deleted_at = now() where id = $1`, [v.id]);
    await expectRefused(userClaims(v));
    await db.query('delete from auth.users where id = $1', [w.id]);
    await expectRefused(userClaims(w));
  });

  it('when the session is past not_after', async () => {
    const v = await createUser(db);
    await db.query(`update auth.sessions set not_after = now() - interval '1 second' where id = $1`, [v.sessionId]);
    await expectRefused(userClaims(v));
    await db.query(`update auth.sessions set not_after = now() + interval '1 hour' where id = $1`, [v.sessionId]);
    await expectAccepted(userClaims(v));
  });

  it('without a session_id claim, or with a malformed one', async () => {
    const { session_id: _drop, ...noSession } = userClaims(u);
    await expectRefused(noSession);
    await expectRefused(userClaims(u, { session_id: null }));
    await expectRefused(userClaims(u, { session_id: '' }));
    await expectRefused(userClaims(u, { session_id: 'not-a-uuid' }));
    await expectRefused(userClaims(u, { session_id: randomUUID() }));
  });

  it("with another user's session id", async () => {
    const v = await createUser(db);
    await expectRefused(userClaims(u, { session_id: v.sessionId }));
  });

  it('without a subject, or with a malformed one', async () => {
    await expectRefused({ role: 'authenticated', session_id: u.sessionId });
    await expectRefused(userClaims(u, { sub: 'nobody' }));
  });

  it('a token claiming the service role while running as authenticated', async () => {
    await expectRefused({ role: 'service_role' });
    await expectRefused(userClaims(u, { role: 'service_role', session_id: randomUUID() }));
  });

  it('without any claims at all', async () => {
    for (const sql of CALLS) {
      const err = await errorOf(queryAs(db, 'authenticated', null, sql));
      expect(err.code).toBe('PT401');
    }
  });
});
