-- Functions the worker calls through PostgREST (POST /rest/v1/rpc/<name>).
--
-- User functions (role authenticated; security invoker, so row-level security decides):
--   get_my_context()                      -> jsonb: the caller, their profile, default organization
--   list_my_organizations()               -> the caller's organizations with their role
--   list_user_organizations(target_user_id) -> target_user_id's memberships the caller may see
-- Each starts with private.assert_session_active(): an access token is refused as soon as
-- its session is gone (logout, password reset, admin revoke, user deleted) or the user is
-- banned, not only when the token expires. It raises SQLSTATE PT401, which PostgREST
-- answers with HTTP 401 (the worker maps it to TOKEN_INVALID).
--
-- Service functions (role service_role only):
--   admin_organization_exists(p_organization_id) -> boolean
--   admin_set_membership(p_organization_id, p_user_id, p_role) -> the membership row
--
-- anon may execute none of them.

-----------------------------------------------------------------------------------------
-- Private helpers
-----------------------------------------------------------------------------------------
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
  -- The service role (the admin API) has no session. current_setting('role') is the role
  -- the request runs as (set by PostgREST), unchanged inside this security definer function.
  if current_setting('role', true) = 'service_role' then
    return;
  end if;

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
  'Raises PT401 ''Session has ended'' unless the caller is service_role or the JWT''s session_id is a live auth.sessions row of the JWT''s user, who is neither banned nor deleted.';

create or replace function private.current_user_account()
returns table (id uuid, email text, email_confirmed_at timestamptz, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select u.id, u.email::text, u.email_confirmed_at, u.created_at
  from auth.users u
  where u.id = (select auth.uid());
$$;
comment on function private.current_user_account() is
  'The calling user''s own auth.users fields that /me needs (authenticated cannot read auth.users). Only ever returns the row of auth.uid().';

create or replace function private.user_exists(p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from auth.users u where u.id = p_user_id);
$$;
comment on function private.user_exists(uuid) is
  'Whether auth.users has this id (for the service-only admin functions; the service role need not read auth.users itself).';

revoke all on function private.assert_session_active() from public, anon, authenticated, service_role;
revoke all on function private.current_user_account() from public, anon, authenticated, service_role;
revoke all on function private.user_exists(uuid) from public, anon, authenticated, service_role;
grant execute on function private.assert_session_active() to authenticated, service_role;
grant execute on function private.current_user_account() to authenticated, service_role;
grant execute on function private.user_exists(uuid) to service_role;

-----------------------------------------------------------------------------------------
-- get_my_context
-----------------------------------------------------------------------------------------
create or replace function public.get_my_context()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid;
  v_account record;
  v_first_name text;
  v_last_name text;
  v_default_id uuid;
  v_org record;
begin
  perform private.assert_session_active();

  v_uid := auth.uid();
  if v_uid is null then
    return null;
  end if;

  select a.id, a.email, a.email_confirmed_at, a.created_at into v_account
  from private.current_user_account() a;
  if v_account.id is null then
    return null;
  end if;

  select p.first_name, p.last_name, p.default_organization_id
  into v_first_name, v_last_name, v_default_id
  from public.profiles p
  where p.id = v_uid;

  -- The default organization; without one, the personal organization.
  select o.id, o.name, o.plan::text as plan, m.role::text as role into v_org
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = v_uid
  order by (m.organization_id = v_default_id) desc nulls last, o.is_personal_account desc, m.joined_at, o.id
  limit 1;

  return jsonb_build_object(
    'id', v_uid,
    'email', v_account.email,
    'first_name', v_first_name,
    'last_name', v_last_name,
    'email_verified', v_account.email_confirmed_at is not null,
    'created_at', v_account.created_at,
    'role', v_org.role,
    'organization', case when v_org.id is null then null
                         else jsonb_build_object('id', v_org.id, 'name', v_org.name, 'plan', v_org.plan) end
  );
end;
$$;
comment on function public.get_my_context() is
  'For /me and /login: {id, email, first_name, last_name, email_verified, created_at, role, organization: {id, name, plan} | null} of the caller; role is the caller''s role in their default organization. Null for a caller without a user (service role).';

-----------------------------------------------------------------------------------------
-- list_my_organizations
-----------------------------------------------------------------------------------------
create or replace function public.list_my_organizations()
returns table (id uuid, name text, is_personal_account boolean, role text)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();

  return query
  select o.id, o.name, o.is_personal_account, m.role::text
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = (select auth.uid())
  order by o.name, o.id;
end;
$$;
comment on function public.list_my_organizations() is
  'For GET /organizations: the caller''s organizations with the caller''s role (lowercase), ordered by name, then id.';

-----------------------------------------------------------------------------------------
-- list_user_organizations
-----------------------------------------------------------------------------------------
create or replace function public.list_user_organizations(target_user_id uuid)
returns table (id uuid, name text, is_personal_account boolean, role text, user_id uuid)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();

  -- No visibility filter here: the policies on memberships and organizations decide.
  return query
  select o.id, o.name, o.is_personal_account, m.role::text, m.user_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = target_user_id
  order by o.name, o.id;
end;
$$;
comment on function public.list_user_organizations(uuid) is
  'For GET /users/:userId/organizations: the memberships of target_user_id that row-level security lets the caller see (the caller''s own, or those in organizations the caller belongs to; all of them for service_role), ordered by name, then id.';

-----------------------------------------------------------------------------------------
-- Service-only helpers for the admin API
-----------------------------------------------------------------------------------------
create or replace function public.admin_organization_exists(p_organization_id uuid)
returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select exists (select 1 from public.organizations o where o.id = p_organization_id);
$$;
comment on function public.admin_organization_exists(uuid) is
  'Service role only: whether an organization with this id exists (admin input checks).';

create or replace function public.admin_set_membership(p_organization_id uuid, p_user_id uuid, p_role text)
returns public.memberships
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_membership public.memberships;
begin
  if p_role is null or p_role not in ('owner', 'admin', 'member') then
    raise exception 'Role must be owner, admin or member' using errcode = '22023';
  end if;
  if not exists (select 1 from public.organizations o where o.id = p_organization_id) then
    raise exception 'Organization not found' using errcode = 'PT404';
  end if;
  if not private.user_exists(p_user_id) then
    raise exception 'User not found' using errcode = 'PT404';
  end if;

  -- The invariant triggers still apply (personal organizations, last owner).
  insert into public.memberships as m (organization_id, user_id, role)
  values (p_organization_id, p_user_id, p_role::public.organization_role)
  on conflict (organization_id, user_id) do update set role = excluded.role
  returning m.* into v_membership;

  return v_membership;
end;
$$;
comment on function public.admin_set_membership(uuid, uuid, text) is
  'Service role only: adds p_user_id to p_organization_id with p_role, or changes their role. Raises PT404 for an unknown organization or user, 22023 for an invalid role, 23514 when an invariant would break.';

-----------------------------------------------------------------------------------------
-- Execute privileges: explicit per role (the hosted defaults grant public functions to all)
-----------------------------------------------------------------------------------------
revoke all on function public.get_my_context() from public, anon, authenticated, service_role;
revoke all on function public.list_my_organizations() from public, anon, authenticated, service_role;
revoke all on function public.list_user_organizations(uuid) from public, anon, authenticated, service_role;
revoke all on function public.admin_organization_exists(uuid) from public, anon, authenticated, service_role;
revoke all on function public.admin_set_membership(uuid, uuid, text) from public, anon, authenticated, service_role;

grant execute on function public.get_my_context() to authenticated, service_role;
grant execute on function public.list_my_organizations() to authenticated, service_role;
grant execute on function public.list_user_organizations(uuid) to authenticated, service_role;
grant execute on function public.admin_organization_exists(uuid) to service_role;
grant execute on function public.admin_set_membership(uuid, uuid, text) to service_role;
