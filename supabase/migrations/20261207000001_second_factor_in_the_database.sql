-- The second factor in the database (strong-auth.md, "Assurance levels" and "Organizations
-- that require a second factor"): the worker answers 403 MFA_REQUIRED, and Postgres holds the
-- same rules, so a direct database API call with the same token gets no further.
--
-- * A user with a verified factor (auth.mfa_factors, GoTrue's table) whose token is aal1
--   (auth.jwt() ->> 'aal') is refused by every user function (PT403 with DETAIL
--   MFA_REQUIRED), except get_my_context (GET /me, which now also says `aal` and
--   `mfa_enabled`); row-level security shows them their own profile and memberships only.
--   private.assert_session_active() — called first by every user function — now checks the
--   session (private.assert_session_live(), the check it made until now) and then the
--   assurance level (private.assert_assurance()).
-- * organizations.require_mfa: members whose token is not aal2 get MFA_REQUIRED on every
--   function of that organization (private.authorize_member, before the role check), may not
--   make it their active organization nor accept an invitation to it, and row-level security
--   hides its memberships, invitations and audit rows from them. The organization itself
--   stays visible (GET /organizations lists it).
-- * Admin (service role) functions are unaffected.

-----------------------------------------------------------------------------------------
-- The setting
-----------------------------------------------------------------------------------------
alter table public.organizations add column require_mfa boolean not null default false;
comment on column public.organizations.require_mfa is
  'When true, members need an aal2 token (a verified second factor) for anything of this organization but seeing that it exists.';

-----------------------------------------------------------------------------------------
-- Assurance helpers. plpgsql, so that the bodies naming auth.mfa_factors are checked when
-- they run, not when a migration creates them.
-----------------------------------------------------------------------------------------
create or replace function private.caller_has_verified_factor()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from auth.mfa_factors f where f.user_id = auth.uid() and f.status = 'verified'
  );
end;
$$;
comment on function private.caller_has_verified_factor() is
  'True when the calling user (auth.uid()) has at least one verified second factor (auth.mfa_factors). Security definer: authenticated cannot read auth tables; only ever about the caller.';

create or replace function private.caller_is_aal2()
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(auth.jwt() ->> 'aal', 'aal1') in ('aal2', 'aal3');
$$;
comment on function private.caller_is_aal2() is
  'True when the caller''s token is aal2 (or above): a second factor was verified in this session.';

create or replace function private.caller_meets_assurance()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return private.caller_is_aal2() or not private.caller_has_verified_factor();
end;
$$;
comment on function private.caller_meets_assurance() is
  'False for a caller with a verified second factor whose token is only aal1; true otherwise.';

create or replace function private.caller_meets_organization_assurance(p_organization_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return private.caller_is_aal2() or not coalesce(
    (select o.require_mfa from public.organizations o where o.id = p_organization_id), false
  );
end;
$$;
comment on function private.caller_meets_organization_assurance(uuid) is
  'False when the organization requires a second factor and the caller''s token is not aal2.';

create or replace function private.assert_assurance()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.caller_meets_assurance() then
    raise exception 'Verify your second factor to continue'
      using errcode = 'PT403',
            detail = 'MFA_REQUIRED',
            hint = 'POST /mfa/factors/:id/verify (or /mfa/recover) and use the aal2 token.';
  end if;
end;
$$;
comment on function private.assert_assurance() is
  'Raises PT403 MFA_REQUIRED (DETAIL) when the caller has a verified second factor and the token is only aal1.';

-----------------------------------------------------------------------------------------
-- The session check, split: live session (as before), then the assurance level
-----------------------------------------------------------------------------------------
create or replace function private.assert_session_live()
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
comment on function private.assert_session_live() is
  'Raises PT401 ''Session has ended'' unless the JWT''s session_id is a live auth.sessions row of the JWT''s user, who is neither banned nor deleted. Any assurance level (see assert_session_active).';

create or replace function private.assert_session_active()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.assert_session_live();
  perform private.assert_assurance();
end;
$$;
comment on function private.assert_session_active() is
  'The check every user function makes first: a live session (assert_session_live, PT401), at the assurance level the user needs (assert_assurance, PT403 MFA_REQUIRED). No role is exempt: service paths use admin_* functions, which do not call it.';

revoke all on function private.caller_has_verified_factor() from public, anon, authenticated, service_role;
revoke all on function private.caller_is_aal2() from public, anon, authenticated, service_role;
revoke all on function private.caller_meets_assurance() from public, anon, authenticated, service_role;
revoke all on function private.caller_meets_organization_assurance(uuid) from public, anon, authenticated, service_role;
revoke all on function private.assert_assurance() from public, anon, authenticated, service_role;
revoke all on function private.assert_session_live() from public, anon, authenticated, service_role;
-- Policies and invoker functions run them with the caller's privileges.
grant execute on function private.caller_has_verified_factor() to authenticated;
grant execute on function private.caller_is_aal2() to authenticated;
grant execute on function private.caller_meets_assurance() to authenticated;
grant execute on function private.caller_meets_organization_assurance(uuid) to authenticated;
grant execute on function private.assert_assurance() to authenticated;
grant execute on function private.assert_session_live() to authenticated;

-----------------------------------------------------------------------------------------
-- GET /me: allowed at aal1; says the level and whether a factor exists
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
  -- Allowed below the required assurance level: /me tells the web app which step is due.
  perform private.assert_session_live();

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
    'aal', coalesce(auth.jwt() ->> 'aal', 'aal1'),
    'mfa_enabled', private.caller_has_verified_factor(),
    'created_at', v_account.created_at,
    'role', v_org.role,
    'organization', case when v_org.id is null then null
                         else jsonb_build_object('id', v_org.id, 'name', v_org.name, 'plan', v_org.plan) end
  );
end;
$$;
comment on function public.get_my_context() is
  'For /me and /login: {id, email, first_name, last_name, email_verified, aal, mfa_enabled, created_at, role, organization: {id, name, plan} | null} of the caller; organization is the caller''s ACTIVE organization (profiles.default_organization_id, else the personal one) and role the caller''s role in it (lowercase). Allowed at aal1 even with a verified factor (the one user function that is). Null for a caller without a user.';

-----------------------------------------------------------------------------------------
-- Organizations that require a second factor
-----------------------------------------------------------------------------------------
create or replace function private.assert_organization_assurance(p_organization_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Members only: an outsider goes on to the organization function's own NOT_FOUND.
  if exists (
       select 1 from public.memberships m where m.organization_id = p_organization_id and m.user_id = auth.uid()
     )
     and not private.caller_meets_organization_assurance(p_organization_id) then
    raise exception 'This organization requires two-factor authentication'
      using errcode = 'PT403',
            detail = 'MFA_REQUIRED',
            hint = 'Verify a second factor (POST /mfa/factors/:id/verify) and use the aal2 token.';
  end if;
end;
$$;
comment on function private.assert_organization_assurance(uuid) is
  'Raises PT403 MFA_REQUIRED when the caller is a member of an organization that requires a second factor and the token is not aal2; nothing for outsiders (the caller''s own check answers them NOT_FOUND).';
revoke all on function private.assert_organization_assurance(uuid) from public, anon, authenticated, service_role;
grant execute on function private.assert_organization_assurance(uuid) to authenticated;

-- The functions that change an organization go through private.authorize_member; the four
-- that read one check membership themselves, so their public entry points check first.
create or replace function public.get_organization(p_org_id uuid)
returns jsonb language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.assert_organization_assurance(p_org_id);
  return private.get_organization(p_org_id);
end;
$$;

create or replace function public.list_organization_members(p_org_id uuid, p_limit integer default 50, p_offset integer default 0)
returns jsonb language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.assert_organization_assurance(p_org_id);
  return private.list_organization_members(p_org_id, p_limit, p_offset);
end;
$$;

create or replace function public.list_organization_invitations(p_org_id uuid)
returns table (
  id uuid, email text, role text, invited_by uuid, inviter_email text,
  inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.assert_organization_assurance(p_org_id);
  return query select * from private.list_organization_invitations(p_org_id);
end;
$$;

create or replace function public.list_organization_audit(p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.assert_organization_assurance(p_org_id);
  return query select * from private.list_organization_audit(p_org_id, p_limit, p_before);
end;
$$;

create or replace function private.authorize_member(p_organization_id uuid, p_lock text default null)
returns public.organization_role
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role;
begin
  -- Not a member (or no such organization): the organization does not exist for the caller.
  -- Checked before locking, so outsiders cannot make members wait.
  if p_organization_id is null or not exists (
    select 1 from public.memberships m where m.organization_id = p_organization_id and m.user_id = v_uid
  ) then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;

  -- An organization that requires a second factor refuses a token below aal2, before any
  -- role check (so every route of it answers the same), members without a factor included.
  if not private.caller_meets_organization_assurance(p_organization_id) then
    perform private.organization_error('PT403', 'MFA_REQUIRED', 'This organization requires two-factor authentication',
      'Verify a second factor (POST /mfa/factors/:id/verify) and use the aal2 token.');
  end if;

  if p_lock = 'update' then
    perform 1 from public.organizations o where o.id = p_organization_id for no key update;
  elsif p_lock = 'delete' then
    perform 1 from public.organizations o where o.id = p_organization_id for update;
  end if;

  -- Re-read after the lock: the caller may have been removed or their role changed meanwhile.
  select m.role into v_role
  from public.memberships m
  where m.organization_id = p_organization_id and m.user_id = v_uid;
  if v_role is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  return v_role;
end;
$$;

create or replace function private.claim_invitation(p_invitation_id uuid, p_lock_organization boolean)
returns public.invitations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_invitation public.invitations;
  v_email text;
  v_confirmed boolean;
begin
  select i.* into v_invitation from public.invitations i where i.id = p_invitation_id;
  if v_invitation.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Invitation not found');
  end if;

  select lower(u.email::text), u.email_confirmed_at is not null into v_email, v_confirmed
  from auth.users u where u.id = v_uid;
  if v_email is distinct from v_invitation.email then
    perform private.organization_error('PT403', 'FORBIDDEN', 'This invitation is addressed to another email address',
      'Sign in with the invited address.');
  end if;
  if not v_confirmed then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Confirm your email address to answer this invitation');
  end if;

  if p_lock_organization then
    -- Accepting (the locking caller) joins the organization: one that requires a second
    -- factor needs an aal2 token for that. Declining does not.
    if not private.caller_meets_organization_assurance(v_invitation.organization_id) then
      perform private.organization_error('PT403', 'MFA_REQUIRED', 'This organization requires two-factor authentication',
        'Verify a second factor (POST /mfa/factors/:id/verify) and use the aal2 token.');
    end if;
    perform 1 from public.organizations o where o.id = v_invitation.organization_id for no key update;
  end if;
  select i.* into v_invitation from public.invitations i where i.id = p_invitation_id for update;
  if v_invitation.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Invitation not found'); -- deleted with its organization
  end if;
  if v_invitation.status <> 'pending' then
    perform private.organization_error('PT409', 'CONFLICT', format('This invitation was already %s', v_invitation.status));
  end if;
  if v_invitation.expires_at <= now() then
    perform private.organization_error('PT410', 'INVITATION_EXPIRED', 'This invitation has expired',
      'Ask for a new invitation.');
  end if;
  return v_invitation;
end;
$$;

create or replace function private.set_active_organization(p_org_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
begin
  if p_org_id is null or not exists (
    select 1 from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid
  ) then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  if not private.caller_meets_organization_assurance(p_org_id) then
    perform private.organization_error('PT403', 'MFA_REQUIRED', 'This organization requires two-factor authentication',
      'Verify a second factor (POST /mfa/factors/:id/verify) and use the aal2 token.');
  end if;
  -- The foreign key to memberships holds even if the membership went away meanwhile.
  update public.profiles p set default_organization_id = p_org_id where p.id = v_uid;
end;
$$;

-----------------------------------------------------------------------------------------
-- Row-level security
-----------------------------------------------------------------------------------------
create or replace function private.current_user_unlocked_organization_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
rows 10
as $$
  select m.organization_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = (select auth.uid())
    and (select private.caller_meets_assurance())
    and (not o.require_mfa or (select private.caller_is_aal2()));
$$;
comment on function private.current_user_unlocked_organization_ids() is
  'Ids of the caller''s organizations whose contents the token may see: none for an aal1 token of a user with a verified factor; without an organization that requires a second factor unless the token is aal2.';

create or replace function private.current_user_managed_organization_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
rows 10
as $$
  select m.organization_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = (select auth.uid())
    and m.role in ('owner', 'admin')
    and (select private.caller_meets_assurance())
    and (not o.require_mfa or (select private.caller_is_aal2()));
$$;
comment on function private.current_user_managed_organization_ids() is
  'Ids of the organizations in which the calling user (auth.uid()) is OWNER or ADMIN and whose contents the token may see (see current_user_unlocked_organization_ids). Security definer, like current_user_organization_ids.';

revoke all on function private.current_user_unlocked_organization_ids() from public, anon, authenticated, service_role;
grant execute on function private.current_user_unlocked_organization_ids() to authenticated;

drop policy "Members can view memberships of their organizations" on public.memberships;
create policy "Members can view memberships of their organizations"
  on public.memberships
  for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or organization_id = any (array(select private.current_user_unlocked_organization_ids()))
  );
comment on policy "Members can view memberships of their organizations" on public.memberships is
  'A signed-in user sees their own memberships, and every membership of the organizations whose contents their token may see (current_user_unlocked_organization_ids). Nobody writes through the API.';

drop policy "Organization admins and the invitee can view invitations" on public.invitations;
create policy "Organization admins and the invitee can view invitations"
  on public.invitations
  for select
  to authenticated
  using (
    organization_id = any (array(select private.current_user_managed_organization_ids()))
    or (email = (select private.current_user_confirmed_email()) and (select private.caller_meets_assurance()))
  );
comment on policy "Organization admins and the invitee can view invitations" on public.invitations is
  'A signed-in user sees the invitations of the organizations they are OWNER or ADMIN of (at the assurance level those need), and the invitations addressed to their own confirmed email (at the assurance level they need). Nobody writes through the API (the organization functions do).';

drop policy "Users can update their own names" on public.profiles;
create policy "Users can update their own names"
  on public.profiles
  for update
  to authenticated
  using (id = (select auth.uid()) and (select private.caller_meets_assurance()))
  with check (id = (select auth.uid()));
comment on policy "Users can update their own names" on public.profiles is
  'A signed-in user may update their own profile, at the assurance level they need; column privileges limit this to first_name and last_name.';
