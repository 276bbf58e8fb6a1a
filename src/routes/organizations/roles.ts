/**
 * Roles cross the API UPPERCASE (`OWNER`, `ADMIN`, `MEMBER`, as document 000 shows them)
 * and the database lowercase; these two functions are the only translation.
 */
import type { MembershipRole } from '../../supabase/rpc.ts';

/** The API's name of a database role. */
export const toApiRole = (role: MembershipRole) => role.toUpperCase() as Uppercase<MembershipRole>;

/** The database's name of an API role. */
export const toDbRole = (role: Uppercase<MembershipRole>) => role.toLowerCase() as MembershipRole;
