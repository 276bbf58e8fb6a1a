-- The second factor, continued: what the API shows and changes of it.
--
-- * The access token hook adds `mfa_enabled` (the user has a verified factor) to every
--   token, so the worker can answer an aal1 token MFA_REQUIRED from the token alone. A
--   snapshot like the organization claim: GoTrue ends the user's aal1 sessions when a
--   factor is verified, and the database checks the factors table itself anyway.
-- * GET /sessions shows each session's aal (auth.sessions.aal, which GoTrue keeps).
-- * organizations.require_mfa in the organization's JSON, in GET /organizations
--   (`mfa_required`), and changed through update_organization (new argument
--   p_require_mfa): OWNERs only, with an aal2 token, audited like a rename. A personal
--   organization cannot be changed.

-----------------------------------------------------------------------------------------
-- The access token hook
-----------------------------------------------------------------------------------------
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
    v_claims || jsonb_build_object(
      'organization', private.access_token_organization(v_user_id::uuid),
      -- Whether the user has a verified second factor (auth.mfa_factors): with an aal1
      -- token, the worker then answers MFA_REQUIRED without asking anyone.
      'mfa_enabled', exists (
        select 1 from auth.mfa_factors f where f.user_id = v_user_id::uuid and f.status = 'verified'
      )
    )
  );
end;
$$;
comment on function public.custom_access_token_hook(jsonb) is
  'Supabase Auth custom access token hook (pg-functions://postgres/public/custom_access_token_hook): adds claims.organization = {id, name, slug, role, plan} of the user''s active organization (null when none) and claims.mfa_enabled (a verified second factor exists). Executable by supabase_auth_admin only.';

-----------------------------------------------------------------------------------------
-- Sessions with their assurance level
-----------------------------------------------------------------------------------------
drop function public.list_my_sessions();
drop function private.caller_sessions();

create function private.caller_sessions()
returns table (id uuid, created_at timestamptz, last_active_at timestamptz, user_agent text, ip text, current boolean, aal text)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id,
         s.created_at,
         -- GoTrue writes refreshed_at (timestamp without time zone, UTC) on every refresh.
         coalesce(s.refreshed_at at time zone 'UTC', s.updated_at, s.created_at) as last_active_at,
         s.user_agent,
         host(s.ip) as ip,
         s.id::text = (select auth.jwt() ->> 'session_id') as current,
         coalesce(s.aal::text, 'aal1') as aal
  from auth.sessions s
  where s.user_id = (select auth.uid())
    and (s.not_after is null or s.not_after > now())
    -- A session whose refresh tokens were all revoked (reuse detection) has ended.
    and coalesce((select bool_or(not rt.revoked) from auth.refresh_tokens rt where rt.session_id = s.id), true)
  order by s.created_at desc, s.id;
$$;
comment on function private.caller_sessions() is
  'The live sessions of auth.uid() only, newest first: id, created_at, last activity (refreshed_at, else updated_at, else created_at), the user agent and IP GoTrue stored, whether it is the session of the calling token, and its assurance level (aal1 unless a second factor was verified in it).';

create function public.list_my_sessions()
returns table (id uuid, created_at timestamptz, last_active_at timestamptz, user_agent text, ip text, current boolean, aal text)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return query select * from private.caller_sessions();
end;
$$;
comment on function public.list_my_sessions() is
  'For GET /sessions: the caller''s live sessions, newest first, the current one marked, each with its aal.';

revoke all on function private.caller_sessions() from public, anon, authenticated, service_role;
revoke all on function public.list_my_sessions() from public, anon, authenticated, service_role;
grant execute on function private.caller_sessions() to authenticated;
grant execute on function public.list_my_sessions() to authenticated;

-----------------------------------------------------------------------------------------
-- The organization's setting
-----------------------------------------------------------------------------------------
create or replace function private.organization_json(p_organization_id uuid, p_role public.organization_role)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', o.id,
    'name', o.name,
    'slug', o.slug,
    'plan', o.plan,
    'is_personal_account', o.is_personal_account,
    'require_mfa', o.require_mfa,
    'role', p_role,
    'member_count', (select count(*) from public.memberships m where m.organization_id = o.id),
    'created_at', o.created_at
  )
  from public.organizations o
  where o.id = p_organization_id;
$$;
comment on function private.organization_json(uuid, public.organization_role) is
  'The organization as the API answers it: {id, name, slug, plan, is_personal_account, require_mfa, role (the caller''s, lowercase), member_count, created_at}.';

drop function public.update_organization(uuid, text, text);
drop function private.update_organization(uuid, text, text);

create function private.update_organization(
  p_org_id uuid, p_name text default null, p_slug text default null, p_require_mfa boolean default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_role public.organization_role := private.authorize_member(p_org_id, 'update');
  v_old public.organizations;
  v_name text;
  v_slug text;
  v_changes jsonb := '{}'::jsonb;
  v_constraint text;
begin
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'A personal organization cannot be changed');
  end if;
  if v_role not in ('owner', 'admin') then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can change the organization');
  end if;

  select o.* into v_old from public.organizations o where o.id = p_org_id;
  v_name := case when p_name is null then v_old.name else private.check_organization_name(p_name) end;
  v_slug := case when p_slug is null then v_old.slug else private.check_slug(p_slug) end;
  if v_name is distinct from v_old.name then
    v_changes := v_changes || jsonb_build_object('name', jsonb_build_object('from', v_old.name, 'to', v_name));
  end if;
  if v_slug is distinct from v_old.slug then
    v_changes := v_changes || jsonb_build_object('slug', jsonb_build_object('from', v_old.slug, 'to', v_slug));
  end if;
  -- The second-factor requirement: the owners' decision, taken with an aal2 token (so an
  -- owner without a verified factor cannot turn it on and lock everyone out, themselves first).
  if p_require_mfa is not null and p_require_mfa is distinct from v_old.require_mfa then
    if v_role <> 'owner' then
      perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs can change the two-factor requirement');
    end if;
    if not private.caller_is_aal2() then
      perform private.organization_error('PT403', 'MFA_REQUIRED', 'Verify your own second factor before changing the two-factor requirement',
        'POST /mfa/factors/:id/verify, then use the aal2 token.');
    end if;
    v_changes := v_changes || jsonb_build_object('require_mfa', jsonb_build_object('from', v_old.require_mfa, 'to', p_require_mfa));
  end if;

  if v_changes <> '{}'::jsonb then
    begin
      update public.organizations o
      set name = v_name, slug = v_slug, require_mfa = coalesce(p_require_mfa, v_old.require_mfa)
      where o.id = p_org_id;
    exception when unique_violation then
      get stacked diagnostics v_constraint = constraint_name;
      if v_constraint = 'organizations_slug_key' then
        perform private.organization_error('PT409', 'CONFLICT', 'This slug is already taken');
      end if;
      raise;
    end;
    perform private.write_audit(p_org_id, 'organization.updated', null, null, v_changes);
  end if;
  return private.organization_json(p_org_id, v_role);
end;
$$;
comment on function private.update_organization(uuid, text, text, boolean) is
  'Renames the organization, changes its slug and/or its second-factor requirement (null = unchanged; name and slug: OWNER, ADMIN; require_mfa: OWNER with an aal2 token; not a personal organization); audits what changed. PT404, PT403 FORBIDDEN / MFA_REQUIRED, 22023, PT409 CONFLICT slug taken.';

create function public.update_organization(
  p_org_id uuid, p_name text default null, p_slug text default null, p_require_mfa boolean default null
)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.update_organization(p_org_id, p_name, p_slug, p_require_mfa);
end;
$$;
comment on function public.update_organization(uuid, text, text, boolean) is
  'PATCH /organizations/:orgId: new name, slug and/or two-factor requirement (null = unchanged), OWNER or ADMIN of a team organization (the requirement: OWNER at aal2); returns the organization. PT404, PT403, 22023, PT409 CONFLICT.';

revoke all on function private.update_organization(uuid, text, text, boolean) from public, anon, authenticated, service_role;
revoke all on function public.update_organization(uuid, text, text, boolean) from public, anon, authenticated, service_role;
grant execute on function private.update_organization(uuid, text, text, boolean) to authenticated;
grant execute on function public.update_organization(uuid, text, text, boolean) to authenticated;

-----------------------------------------------------------------------------------------
-- GET /organizations: each item says whether the organization requires a second factor
-----------------------------------------------------------------------------------------
drop function public.list_my_organizations();

create function public.list_my_organizations()
returns table (id uuid, name text, is_personal_account boolean, role text, mfa_required boolean)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();

  return query
  select o.id, o.name, o.is_personal_account, m.role::text, o.require_mfa
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = (select auth.uid())
  order by o.name, o.id;
end;
$$;
comment on function public.list_my_organizations() is
  'For GET /organizations: the caller''s organizations with the caller''s role (lowercase) and whether each requires a second factor, ordered by name, then id.';

revoke all on function public.list_my_organizations() from public, anon, authenticated, service_role;
grant execute on function public.list_my_organizations() to authenticated;
