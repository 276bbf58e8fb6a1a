-- Functions for the admin API (routes under /api/v1/auth/admin, service-role key only).
--
--   admin_get_organization(p_organization_id)  -> the organization (id, name, is_personal_account), or no row
--   admin_user_profiles(p_user_ids)            -> first/last name of these users (p_user_ids: JSON array)
--   admin_revoke_user_sessions(p_user_id)      -> how many sessions were ended; null for an unknown user
--
-- All three are security invoker and executable by service_role only (anon and
-- authenticated may execute none of them). Revoking sessions needs to delete rows of
-- auth.sessions, which the service role has no right to touch on a hosted project, so
-- that part lives in a security definer helper in the private schema (owned by postgres,
-- like every function of these migrations), which only service_role may execute.

-----------------------------------------------------------------------------------------
-- admin_get_organization
-----------------------------------------------------------------------------------------
create or replace function public.admin_get_organization(p_organization_id uuid)
returns table (id uuid, name text, is_personal_account boolean)
language sql
stable
security invoker
set search_path = ''
as $$
  select o.id, o.name, o.is_personal_account
  from public.organizations o
  where o.id = p_organization_id;
$$;
comment on function public.admin_get_organization(uuid) is
  'Service role only: the organization with this id (id, name, is_personal_account), or no row. Used to check the organization_id of an admin-created user before creating it (a personal organization cannot take members).';

-----------------------------------------------------------------------------------------
-- admin_user_profiles
-----------------------------------------------------------------------------------------
-- p_user_ids is a JSON array of user ids (a JSON body argument, as the worker sends it).
create or replace function public.admin_user_profiles(p_user_ids jsonb)
returns table (id uuid, first_name text, last_name text)
language sql
stable
security invoker
set search_path = ''
as $$
  select p.id, p.first_name, p.last_name
  from public.profiles p
  where p.id in (
    select e.value::uuid
    from jsonb_array_elements_text(case when jsonb_typeof(p_user_ids) = 'array' then p_user_ids else '[]'::jsonb end) e
  );
$$;
comment on function public.admin_user_profiles(jsonb) is
  'Service role only: the profile names of the users whose ids are in the JSON array p_user_ids (one round trip per page of the admin user list). Users without a profile are left out.';

-----------------------------------------------------------------------------------------
-- admin_revoke_user_sessions
-----------------------------------------------------------------------------------------
-- Why a database function: Supabase Auth (GoTrue) has no admin endpoint that ends the
-- sessions of a user by id (its /logout needs one of that user's access tokens). Its own
-- global logout deletes the user's auth.sessions rows; we do the same. The refresh tokens
-- go with them (auth.refresh_tokens.session_id references auth.sessions on delete
-- cascade), and private.assert_session_active() refuses every access token whose session
-- row is gone, so the user's access tokens stop working at once.
create or replace function private.revoke_user_sessions(p_user_id uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  if not private.user_exists(p_user_id) then
    return null;
  end if;

  delete from auth.sessions s where s.user_id = p_user_id;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;
comment on function private.revoke_user_sessions(uuid) is
  'Deletes every auth.sessions row of the user (their refresh tokens cascade) and returns how many; null when the user does not exist. Security definer: the service role may not write auth.sessions itself.';

create or replace function public.admin_revoke_user_sessions(p_user_id uuid)
returns integer
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.revoke_user_sessions(p_user_id);
$$;
comment on function public.admin_revoke_user_sessions(uuid) is
  'Service role only: ends every session of the user at once (access tokens refused, refresh tokens dead); returns the number of sessions ended, null for an unknown user. Supabase Auth has no admin endpoint for this.';

-----------------------------------------------------------------------------------------
-- Execute privileges: service_role only
-----------------------------------------------------------------------------------------
revoke all on function private.revoke_user_sessions(uuid) from public, anon, authenticated, service_role;
revoke all on function public.admin_get_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.admin_user_profiles(jsonb) from public, anon, authenticated, service_role;
revoke all on function public.admin_revoke_user_sessions(uuid) from public, anon, authenticated, service_role;

alter function private.revoke_user_sessions(uuid) owner to postgres;

grant execute on function private.revoke_user_sessions(uuid) to service_role;
grant execute on function public.admin_get_organization(uuid) to service_role;
grant execute on function public.admin_user_profiles(jsonb) to service_role;
grant execute on function public.admin_revoke_user_sessions(uuid) to service_role;
