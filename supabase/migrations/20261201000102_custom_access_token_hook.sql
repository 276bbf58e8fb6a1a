-- The active organization in the access token, and in /me and /login.
--
-- public.custom_access_token_hook(event jsonb) returns jsonb is a Supabase Auth "custom
-- access token" hook (Postgres function hook). Enable it in supabase/config.toml:
--
--   [auth.hook.custom_access_token]
--   enabled = true
--   uri = "pg-functions://postgres/public/custom_access_token_hook"
--
-- (hosted projects: Dashboard -> Authentication -> Hooks, same function). The auth server
-- calls it as supabase_auth_admin before it signs every access token (sign-in, refresh):
--
--   input  { "user_id": "<uuid>", "claims": { ...the token's claims... }, "authentication_method": "password" | ... }
--   output { "claims": { ...the same claims..., "organization": { "id", "name", "slug", "role", "plan" } | null } }
--
-- organization is the user's ACTIVE organization (profiles.default_organization_id, the
-- personal organization when that is null) with the user's role in it (lowercase, as /me
-- shows it) and its plan; null only for a user without any (e.g. deleted meanwhile). The
-- other claims pass through unchanged, so GoTrue's required-claims check still holds. The
-- claim is a snapshot: after set_active_organization(), a rename or a role change, the
-- next token (refresh) carries the new value.
--
-- Privileges, as Supabase documents for hooks: supabase_auth_admin may use schema public
-- and execute the hook; authenticated, anon, service_role and public may not. The hook is
-- security invoker (no security definer function lives in public); the one lookup it needs
-- is private.access_token_organization(user_id), security definer, which only
-- supabase_auth_admin may execute (it gets usage on schema private for that, and no table
-- privilege at all). The lookup is one query over primary keys / unique indexes:
-- profiles(id), organizations(personal_user_id) when no organization is active,
-- memberships(organization_id, user_id), organizations(id).
--
-- get_my_context() (for /me and /login) reports the same active organization and the
-- caller's role in it; its JSON shape is unchanged.

create or replace function private.access_token_organization(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'role', m.role, 'plan', o.plan)
  from public.profiles p
  join public.memberships m
    on m.user_id = p.id
   and m.organization_id = coalesce(
         p.default_organization_id,
         (select po.id from public.organizations po where po.personal_user_id = p.id)
       )
  join public.organizations o on o.id = m.organization_id
  where p.id = p_user_id;
$$;
comment on function private.access_token_organization(uuid) is
  'For the access token hook only (supabase_auth_admin): {id, name, slug, role, plan} of the user''s active organization (the personal one when none is set), or null.';

create or replace function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_claims jsonb := event -> 'claims';
  v_user_id text := event ->> 'user_id';
begin
  if v_claims is null or jsonb_typeof(v_claims) <> 'object' then
    return jsonb_build_object('claims', coalesce(v_claims, '{}'::jsonb));
  end if;
  if v_user_id is null or v_user_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return jsonb_build_object('claims', v_claims);
  end if;
  return jsonb_build_object(
    'claims',
    v_claims || jsonb_build_object('organization', private.access_token_organization(v_user_id::uuid))
  );
end;
$$;
comment on function public.custom_access_token_hook(jsonb) is
  'Supabase Auth custom access token hook (pg-functions://postgres/public/custom_access_token_hook): adds claims.organization = {id, name, slug, role, plan} of the user''s active organization (null when none). Executable by supabase_auth_admin only.';

revoke all on function private.access_token_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.custom_access_token_hook(jsonb) from public, anon, authenticated, service_role;
grant usage on schema public to supabase_auth_admin;
grant usage on schema private to supabase_auth_admin;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
grant execute on function private.access_token_organization(uuid) to supabase_auth_admin;

-----------------------------------------------------------------------------------------
-- get_my_context: the active organization
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
  v_active_id uuid;
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
  into v_first_name, v_last_name, v_active_id
  from public.profiles p
  where p.id = v_uid;

  -- The active organization; when none is set, the personal organization. Row-level
  -- security applies (the caller's own memberships and organizations).
  select o.id, o.name, o.plan::text as plan, m.role::text as role into v_org
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = v_uid
    and m.organization_id = coalesce(
          v_active_id,
          (select po.id from public.organizations po where po.personal_user_id = v_uid)
        );

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
  'For /me and /login: {id, email, first_name, last_name, email_verified, created_at, role, organization: {id, name, plan} | null} of the caller; organization is the caller''s ACTIVE organization (profiles.default_organization_id, else the personal one) and role the caller''s role in it (lowercase). Null for a caller without a user.';
