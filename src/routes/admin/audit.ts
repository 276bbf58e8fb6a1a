/**
 * The admin audit trail: every admin action that reaches its handler writes exactly one
 * structured log line, `{"level":"info","msg":"admin_audit","actor":"service_role",
 * "action",..., "outcome":"success"|"failure"}`, with the target user id and/or email,
 * the names (never the values) of changed fields, the request id and, on failure, the
 * error code. Passwords, tokens and keys are never written.
 */
import { ApiError } from '../../http/errors.ts';

/** What an admin route did. */
export type AdminAction =
  | 'users.list'
  | 'users.create'
  | 'users.get'
  | 'users.update'
  | 'users.delete'
  | 'users.sessions.revoke'
  | 'users.factors.list'
  | 'users.factors.delete'
  | 'lockouts.clear';

/** Who or what the action was about; handlers may fill it in as they learn more. */
export interface AuditTarget {
  user_id?: string;
  email?: string;
  /** Names of the fields an update changed (never their values). */
  fields?: string[];
  /** Small non-secret facts about the result, e.g. `{ sessions_revoked: 2 }`. */
  result?: Record<string, string | number | boolean | null>;
}

/** Writes the audit line of one admin action. */
function writeAudit(
  c: { var: { requestId: string } },
  action: AdminAction,
  target: AuditTarget,
  outcome: 'success' | 'failure',
  errorCode?: string,
): void {
  const line: Record<string, unknown> = { level: 'info', msg: 'admin_audit', actor: 'service_role', action };
  if (target.user_id) line.target_user_id = target.user_id;
  if (target.email) line.target_email = target.email;
  if (target.fields) line.fields = target.fields;
  if (target.result) line.result = target.result;
  line.request_id = c.var.requestId;
  line.outcome = outcome;
  if (errorCode) line.error_code = errorCode;
  console.log(JSON.stringify(line));
}

/**
 * Runs `action` and writes its audit line: `success` when it resolves, `failure` with the
 * error's code when it throws (the error is rethrown unchanged). `target` is passed on and
 * may be completed by `run` (e.g. the id of a user it just created).
 *
 * @example
 * return audited(c, 'users.delete', { user_id: userId }, async () => { ... });
 */
export async function audited<T>(
  c: { var: { requestId: string } },
  action: AdminAction,
  target: AuditTarget,
  run: (target: AuditTarget) => Promise<T>,
): Promise<T> {
  try {
    const result = await run(target);
    writeAudit(c, action, target, 'success');
    return result;
  } catch (error) {
    writeAudit(c, action, target, 'failure', error instanceof ApiError ? error.code : 'INTERNAL_ERROR');
    throw error;
  }
}
