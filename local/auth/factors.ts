/**
 * Second factors in GoTrue's `auth.mfa_factors` and `auth.mfa_challenges`, as its
 * `models/factor.go` and `models/challenge.go` keep them, and their JSON (`models.Factor`:
 * `friendly_name` left out when empty, `phone` "" when none, `last_challenged_at` null
 * until the first challenge). Also what removing a factor does to the sessions it raised
 * (`DowngradeSessionsToAAL1`): their `totp` amr claim goes and they fall back to `aal1`.
 * Recovery codes (the stand-in's `recovery_code` factor, see recovery-codes.ts) are a
 * factor like the others here, and never outlive the user's last other verified factor.
 */
import type { Db } from './db.ts';

/** A row of `auth.mfa_factors` (the columns the stand-in reads). */
export interface FactorRow {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: string;
  status: 'unverified' | 'verified';
  created_at: Date;
  updated_at: Date;
  secret: string | null;
  phone: string | null;
  last_challenged_at: Date | null;
  web_authn_aaguid: string | null;
  last_webauthn_challenge_data: Record<string, unknown> | null;
}

/** A row of `auth.mfa_challenges`. */
export interface ChallengeRow {
  id: string;
  factor_id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string;
}

/**
 * GoTrue's amr method for a verified factor of each type (`amrMethodForFactorType`), and
 * `mfa/recovery_code` for the recovery codes factor (supabase-js's name for it; GoTrue's
 * published source has no recovery codes).
 */
const AMR_METHOD: Record<string, string> = {
  totp: 'totp',
  phone: 'mfa/phone',
  webauthn: 'mfa/webauthn',
  recovery_code: 'mfa/recovery_code',
};

/**
 * The amr methods that make a session `aal2` (`AMRClaim.IsAAL2Claim`), a used recovery
 * code among them (supabase-js: verifying one "upgrades the current session to `aal2`").
 */
export const AAL2_METHODS = new Set(Object.values(AMR_METHOD));

/**
 * Recovery codes never stay a user's only factor (supabase-js: "recovery codes can never be
 * the only factor"): once the user has no verified factor of another type left, the
 * recovery codes factor goes too (its codes with it, by the foreign key), and the sessions
 * it raised drop to `aal1` as with any deleted factor. Call after deleting a factor, in
 * the same transaction; answers the removed factor, if any.
 */
export async function deleteOrphanedRecoveryCodes(db: Db, userId: string): Promise<FactorRow | null> {
  const { rows } = await db.query<FactorRow>(
    `delete from auth.mfa_factors f
      where f.user_id = $1 and f.factor_type = 'recovery_code'
        and not exists (select 1 from auth.mfa_factors o
                         where o.user_id = $1 and o.factor_type <> 'recovery_code' and o.status = 'verified')
      returning *`,
    [userId],
  );
  const removed = rows[0] ?? null;
  if (removed) await downgradeSessions(db, removed);
  return removed;
}

/** A user's factors, oldest first. */
export async function findFactors(db: Db, userId: string): Promise<FactorRow[]> {
  const { rows } = await db.query<FactorRow>('select * from auth.mfa_factors where user_id = $1 order by created_at, id', [userId]);
  return rows;
}

/** The factor `factorId` of `userId` (GoTrue's `FindOwnedFactorByID`), or null. */
export async function findOwnedFactor(db: Db, userId: string, factorId: string, forUpdate = false): Promise<FactorRow | null> {
  const { rows } = await db.query<FactorRow>(
    `select * from auth.mfa_factors where user_id = $1 and id = $2${forUpdate ? ' for update' : ''}`,
    [userId, factorId],
  );
  return rows[0] ?? null;
}

/** A factor as GoTrue's JSON shows it. */
export function factorJson(f: FactorRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: f.id,
    created_at: f.created_at.toISOString(),
    updated_at: f.updated_at.toISOString(),
    status: f.status,
  };
  if (f.friendly_name) out.friendly_name = f.friendly_name;
  out.factor_type = f.factor_type;
  out.phone = f.phone ?? '';
  out.last_challenged_at = f.last_challenged_at ? f.last_challenged_at.toISOString() : null;
  if (f.web_authn_aaguid) out.web_authn_aaguid = f.web_authn_aaguid;
  if (f.last_webauthn_challenge_data) out.last_webauthn_challenge_data = f.last_webauthn_challenge_data;
  return out;
}

/**
 * GoTrue's `Factor.DowngradeSessionsToAAL1`, after the factor is deleted: the sessions
 * that the factor raised lose that factor's amr claim and are `aal1` again, so their next
 * refresh gives an `aal1` token.
 */
export async function downgradeSessions(db: Db, factor: FactorRow): Promise<void> {
  const method = AMR_METHOD[factor.factor_type];
  if (method) {
    await db.query(
      `delete from auth.mfa_amr_claims
        where authentication_method = $2 and session_id in (select id from auth.sessions where factor_id = $1)`,
      [factor.id, method],
    );
  }
  await db.query(`update auth.sessions set aal = 'aal1', factor_id = null where user_id = $1 and factor_id = $2`, [
    factor.user_id,
    factor.id,
  ]);
}
