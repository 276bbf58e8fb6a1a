/**
 * The one rule for what goes into a user's `user_metadata` (which the sign-up trigger and
 * the profile-sync trigger of supabase/migrations copy into `public.profiles`): the names,
 * and at sign-up the organization to create. On a new user an empty value is left out; on
 * an update an empty string is written, which clears that name.
 */

/** Profile fields as the routes accept them (already trimmed by their schemas). */
export interface ProfileInput {
  first_name?: string | undefined;
  last_name?: string | undefined;
  organization_name?: string | undefined;
}

/**
 * `user_metadata` for a new user (`'create'`: empty values left out) or a change
 * (`'update'`: every given value, `''` clearing a name).
 *
 * @example
 * userMetadata({ first_name: 'Ada', last_name: '' }, 'create') // { first_name: 'Ada' }
 * userMetadata({ last_name: '' }, 'update')                    // { last_name: '' }
 */
export function userMetadata(input: ProfileInput, mode: 'create' | 'update'): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const key of ['first_name', 'last_name', 'organization_name'] as const) {
    const value = input[key];
    if (value === undefined || (mode === 'create' && value === '')) continue;
    metadata[key] = value;
  }
  return metadata;
}
