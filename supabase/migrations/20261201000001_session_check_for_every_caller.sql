-- The session check has no role that skips it.
--
-- Until now private.assert_session_active() returned early for service_role, and the user
-- functions were executable by service_role too (the admin API listed a user's
-- memberships through list_user_organizations). A correctly signed token whose role claim
-- is service_role (GoTrue copies auth.users.role into tokens) therefore passed the check
-- and saw every membership, and logout, revoke and ban never stopped it.
--
-- Now:
-- * assert_session_active() requires a live session of the JWT's user for every caller;
-- * get_my_context, list_my_organizations and list_user_organizations are executable by
--   authenticated only;
-- * the service paths have functions of their own, executable by service_role only:
--   admin_list_user_organizations(target_user_id) for GET /users/:id/organizations with
--   the service key.

create or replace function private.assert_session_active()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_claims jsonb := coalesce(auth.jwt(), '{}'::jsonb);
  v_sub text := v_claims ->> 'sub';
  v_session text := v_claims ->> 'session_id';
  v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
  if v_sub is null or v_sub !~* v_uuid or v_session is null or v_session !~* v_uuid
     or not exists (
       select 1
       from auth.sessions s
       join auth.users u on u.id = s.user_id
       where s.id = v_session::uuid
         and s.user_id = v_sub::uuid
         and (s.not_after is null or s.not_after > now())
         and (u.banned_until is null or u.banned_until <= now())
         and u.deleted_at is null
         -- Refresh-token reuse detection revokes every token of the session but keeps
         -- the session row: a session whose tokens are all revoked has ended too.
         and coalesce((select bool_or(not rt.revoked) from auth.refresh_tokens rt where rt.session_id = s.id), true)
     ) then
    raise exception 'Session has ended'
      using errcode = 'PT401',
            hint = 'Sign in again.';
  end if;
end;
$$;
comment on function private.assert_session_active() is
  'Raises PT401 ''Session has ended'' unless the JWT''s session_id is a live auth.sessions row of the JWT''s user, who is neither banned nor deleted. No role is exempt: service paths use admin_* functions, which do not call it.';

revoke all on function private.assert_session_active() from public, anon, authenticated, service_role;
grant execute on function private.assert_session_active() to authenticated;

-- User functions (and the helper only they use): authenticated only.
revoke execute on function private.current_user_account() from service_role;
revoke execute on function public.get_my_context() from service_role;
revoke execute on function public.list_my_organizations() from service_role;
revoke execute on function public.list_user_organizations(uuid) from service_role;

create or replace function public.admin_list_user_organizations(target_user_id uuid)
returns table (id uuid, name text, is_personal_account boolean, role text, user_id uuid)
language sql
stable
security invoker
set search_path = ''
as $$
  select o.id, o.name, o.is_personal_account, m.role::text, m.user_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = target_user_id
  order by o.name, o.id;
$$;
comment on function public.admin_list_user_organizations(uuid) is
  'Service role only (GET /users/:userId/organizations with the service key): every membership of target_user_id, ordered by name, then id.';

revoke all on function public.admin_list_user_organizations(uuid) from public, anon, authenticated, service_role;
grant execute on function public.admin_list_user_organizations(uuid) to service_role;
