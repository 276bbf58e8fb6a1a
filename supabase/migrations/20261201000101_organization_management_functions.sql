-- The functions that run organizations (shared/spec/organizations.md), called by the
-- worker through PostgREST with the user's own token (POST/GET /rest/v1/rpc/<name>).
--
-- Shape: each public.<name> is security invoker, executable by authenticated only, and
-- does two things: private.assert_session_active() (PT401 once the session is gone), then
-- private.<name>, a security definer function (owner postgres, search_path '') that
-- decides as the caller (auth.uid()): it locks what it changes, checks the role table,
-- the personal-organization rules and the last-owner invariant, makes the change and
-- writes its audit row, all in the caller's one transaction (a refused call writes
-- nothing). anon and service_role may execute none of them (42501); service paths have
-- admin_* functions.
--
--   function (public)                                      returns
--   create_organization(p_name, p_slug)                    organization
--   get_organization(p_org_id)                             organization
--   update_organization(p_org_id, p_name, p_slug)          organization
--   delete_organization(p_org_id)                          void
--   list_organization_members(p_org_id, p_limit, p_offset) {members: [member], total}
--   change_member_role(p_org_id, p_user_id, p_role)        member
--   remove_member(p_org_id, p_user_id)                     void (own id: leave)
--   leave_organization(p_org_id)                           void
--   transfer_ownership(p_org_id, p_user_id)                organization (caller now admin)
--   create_invitation(p_org_id, p_email, p_role)           invitation
--   list_organization_invitations(p_org_id)                rows of invitation (pending, unexpired)
--   revoke_invitation(p_org_id, p_invitation_id)           invitation
--   list_my_invitations()                                  rows of invitation (to my confirmed email)
--   accept_invitation(p_invitation_id)                     organization (with the new role)
--   decline_invitation(p_invitation_id)                    invitation
--   set_active_organization(p_org_id)                      get_my_context()
--   list_organization_audit(p_org_id, p_limit, p_before)   rows of audit entries, newest first
--
--   organization = {id, name, slug, plan, is_personal_account, role, member_count, created_at}
--   member       = {user_id, email, first_name, last_name, role, joined_at}
--   invitation   = {id, organization_id, organization_name, email, role, status, invited_by,
--                   inviter_email, inviter_first_name, inviter_last_name, created_at,
--                   expires_at, answered_at}
--   Roles are lowercase in and out (input is case-insensitive); the worker uppercases them.
--
-- Errors. PostgREST answers SQLSTATE PTxyz with HTTP status xyz and passes message,
-- detail (JSON "details") and hint. DETAIL always carries the API error code:
--
--   SQLSTATE  HTTP  detail              when
--   PT401     401   (none)              the token's session has ended (TOKEN_INVALID)
--   PT404     404   NOT_FOUND           organization unknown OR the caller is not a member
--                                      (never 403: no probing); member or invitation unknown
--   PT403     403   FORBIDDEN           role too low for the action; personal-organization
--                                      rule (invite, leave, delete, rename, role change,
--                                      transfer); invitation not addressed to the caller's
--                                      confirmed email, or the caller's email unconfirmed
--   PT409     409   CONFLICT            slug taken; already a member; an invitation already
--                                      pending for the address; invitation already answered
--   PT409     409   LAST_OWNER          the change would leave the organization without an owner
--   PT409     409   LIMIT_REACHED       org_create_limit or org_member_limit (private.settings)
--   PT410     410   INVITATION_EXPIRED  the invitation's time is up
--   22023     400   VALIDATION_ERROR    invalid name, slug, email, role, limit/offset, or a
--                                      transfer of ownership to oneself
--   42501     401/403 (none)            anon / service_role: no execute privilege
--
-- Concurrency: every function that changes an organization first locks its row (FOR NO
-- KEY UPDATE; FOR UPDATE to delete it), the same lock the last-owner trigger
-- (private.ensure_organization_owner) takes, so changes of one organization run one
-- after the other and each re-reads roles, counts and invitation states after the lock
-- (READ COMMITTED: a new snapshot per statement). Lock order: profile (create only),
-- organization, invitation, memberships. The trigger's own 23514 (last owner) is turned
-- into PT409 LAST_OWNER should it ever fire.

-----------------------------------------------------------------------------------------
-- Helpers (called only by the functions below, which run as their owner: no grants)
-----------------------------------------------------------------------------------------
create or replace function private.organization_error(p_sqlstate text, p_code text, p_message text, p_hint text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if p_hint is null then
    raise exception using errcode = p_sqlstate, message = p_message, detail = p_code;
  end if;
  raise exception using errcode = p_sqlstate, message = p_message, detail = p_code, hint = p_hint;
end;
$$;
comment on function private.organization_error(text, text, text, text) is
  'Raises p_message with SQLSTATE p_sqlstate and DETAIL p_code (the API error code, e.g. PT409 / LAST_OWNER), see the error table in ..._organization_management_functions.sql.';

create or replace function private.require_caller()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception 'Session has ended' using errcode = 'PT401', hint = 'Sign in again.';
  end if;
  return v_uid;
end;
$$;
comment on function private.require_caller() is
  'auth.uid(), or PT401 when the claims name no user.';

create or replace function private.organization_settings()
returns private.settings
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select s from private.settings s where s.id),
    row(true, 10, 100, 604800)::private.settings
  );
$$;
comment on function private.organization_settings() is
  'The settings row (limits), or the defaults (10, 100, 604800) when an admin deleted it.';

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
comment on function private.authorize_member(uuid, text) is
  'The caller''s role in the organization; PT404 NOT_FOUND when the caller is not a member (or it does not exist). p_lock ''update'' locks the organization row FOR NO KEY UPDATE, ''delete'' FOR UPDATE (the role is read after the lock).';

create or replace function private.is_personal_organization(p_organization_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select o.personal_user_id is not null from public.organizations o where o.id = p_organization_id), false);
$$;
comment on function private.is_personal_organization(uuid) is 'Whether the organization is a personal one.';

create or replace function private.owner_count(p_organization_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer from public.memberships m where m.organization_id = p_organization_id and m.role = 'owner';
$$;
comment on function private.owner_count(uuid) is 'How many OWNERs the organization has.';

create or replace function private.parse_role(p_role text)
returns public.organization_role
language plpgsql
immutable
security definer
set search_path = ''
as $$
begin
  if p_role is null or lower(p_role) not in ('owner', 'admin', 'member') then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Role must be OWNER, ADMIN or MEMBER');
  end if;
  return lower(p_role)::public.organization_role;
end;
$$;
comment on function private.parse_role(text) is 'owner / admin / member from any case; 22023 VALIDATION_ERROR otherwise.';

create or replace function private.check_organization_name(p_name text)
returns text
language plpgsql
immutable
security definer
set search_path = ''
as $$
declare
  v_name text := regexp_replace(coalesce(p_name, ''), '^\s+|\s+$', '', 'g');
begin
  if char_length(v_name) not between 1 and 200 or v_name ~ '[[:cntrl:]]' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Organization name must be 1-200 characters without control characters');
  end if;
  return v_name;
end;
$$;
comment on function private.check_organization_name(text) is
  'The name trimmed; 22023 VALIDATION_ERROR unless it is 1-200 characters without control characters.';

create or replace function private.check_slug(p_slug text)
returns text
language plpgsql
immutable
security definer
set search_path = ''
as $$
begin
  if p_slug is null or p_slug !~ '^[a-z0-9-]{3,48}$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Slug must be 3-48 characters of a-z, 0-9 and -');
  end if;
  return p_slug;
end;
$$;
comment on function private.check_slug(text) is 'The slug unchanged; 22023 VALIDATION_ERROR unless it is 3-48 characters of a-z0-9-.';

create or replace function private.user_email(p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select lower(u.email::text) from auth.users u where u.id = p_user_id;
$$;
comment on function private.user_email(uuid) is 'The user''s email, lowercased (for audit rows and answers about members).';

create or replace function private.write_audit(
  p_organization_id uuid,
  p_action text,
  p_target_user_id uuid default null,
  p_target_email text default null,
  p_details jsonb default '{}'::jsonb
)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into public.organization_audit_log (organization_id, action, actor_id, target_user_id, target_email, details)
  values (p_organization_id, p_action, auth.uid(), p_target_user_id, p_target_email, coalesce(p_details, '{}'::jsonb));
$$;
comment on function private.write_audit(uuid, text, uuid, text, jsonb) is
  'Appends one audit row (actor = auth.uid()) in the current transaction. Callers pass ids, emails, names and roles only: never a password, token or hash.';

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
    'role', p_role,
    'member_count', (select count(*) from public.memberships m where m.organization_id = o.id),
    'created_at', o.created_at
  )
  from public.organizations o
  where o.id = p_organization_id;
$$;
comment on function private.organization_json(uuid, public.organization_role) is
  'The organization as the API answers it: {id, name, slug, plan, is_personal_account, role (the caller''s, lowercase), member_count, created_at}.';

create or replace function private.member_json(p_organization_id uuid, p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'user_id', m.user_id,
    'email', lower(u.email::text),
    'first_name', p.first_name,
    'last_name', p.last_name,
    'role', m.role,
    'joined_at', m.joined_at
  )
  from public.memberships m
  join auth.users u on u.id = m.user_id
  left join public.profiles p on p.id = m.user_id
  where m.organization_id = p_organization_id and m.user_id = p_user_id;
$$;
comment on function private.member_json(uuid, uuid) is
  'A membership as the API answers it: {user_id, email, first_name, last_name, role, joined_at}.';

create or replace function private.invitation_json(p_invitation_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', i.id,
    'organization_id', i.organization_id,
    'organization_name', o.name,
    'email', i.email,
    'role', i.role,
    'status', i.status,
    'invited_by', i.invited_by,
    'inviter_email', lower(u.email::text),
    'inviter_first_name', p.first_name,
    'inviter_last_name', p.last_name,
    'created_at', i.created_at,
    'expires_at', i.expires_at,
    'answered_at', i.answered_at
  )
  from public.invitations i
  join public.organizations o on o.id = i.organization_id
  left join auth.users u on u.id = i.invited_by
  left join public.profiles p on p.id = i.invited_by
  where i.id = p_invitation_id;
$$;
comment on function private.invitation_json(uuid) is
  'An invitation as the API answers it: {id, organization_id, organization_name, email, role, status, invited_by, inviter_email, inviter_first_name, inviter_last_name, created_at, expires_at, answered_at}.';

create or replace function private.is_last_owner_violation(p_message text)
returns boolean
language sql
immutable
security definer
set search_path = ''
as $$
  select p_message = 'An organization must keep at least one owner';
$$;
comment on function private.is_last_owner_violation(text) is
  'Whether a 23514 error is the last-owner trigger''s (private.ensure_organization_owner).';

-----------------------------------------------------------------------------------------
-- Organizations
-----------------------------------------------------------------------------------------
create or replace function private.create_organization(p_name text, p_slug text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_name text := private.check_organization_name(p_name);
  v_slug text := case when p_slug is null then null else private.check_slug(p_slug) end;
  v_limit integer := (private.organization_settings()).org_create_limit;
  v_org public.organizations;
  v_constraint text;
begin
  -- One creation per user at a time, so that the count below cannot be outrun.
  perform 1 from public.profiles p where p.id = v_uid for no key update;

  if (select count(*) from public.organizations o where o.created_by = v_uid and o.personal_user_id is null) >= v_limit then
    perform private.organization_error('PT409', 'LIMIT_REACHED',
      format('You may create at most %s organizations', v_limit),
      'Delete an organization you created, or ask an admin to raise org_create_limit.');
  end if;

  begin
    insert into public.organizations (name, slug, created_by)
    values (v_name, v_slug, v_uid)
    returning * into v_org;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint = 'organizations_slug_key' then
      perform private.organization_error('PT409', 'CONFLICT', 'This slug is already taken');
    end if;
    raise;
  end;

  insert into public.memberships (organization_id, user_id, role) values (v_org.id, v_uid, 'owner');
  perform private.write_audit(v_org.id, 'organization.created', null, null,
    jsonb_build_object('name', v_org.name, 'slug', v_org.slug));
  return private.organization_json(v_org.id, 'owner');
end;
$$;
comment on function private.create_organization(text, text) is
  'Creates a team organization with the caller as OWNER (slug generated from the name when p_slug is null) and audits it. 22023 bad name/slug; PT409 CONFLICT slug taken; PT409 LIMIT_REACHED beyond org_create_limit.';

create or replace function private.get_organization(p_org_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role;
begin
  select m.role into v_role from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid;
  if v_role is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  return private.organization_json(p_org_id, v_role);
end;
$$;
comment on function private.get_organization(uuid) is
  'The organization with the caller''s role and its member count; PT404 unless the caller is a member.';

create or replace function private.update_organization(p_org_id uuid, p_name text default null, p_slug text default null)
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
    perform private.organization_error('PT403', 'FORBIDDEN', 'A personal organization cannot be renamed');
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

  if v_changes <> '{}'::jsonb then
    begin
      update public.organizations o set name = v_name, slug = v_slug where o.id = p_org_id;
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
comment on function private.update_organization(uuid, text, text) is
  'Renames the organization and/or changes its slug (null = unchanged; OWNER, ADMIN; not a personal organization); audits what changed. PT404, PT403, 22023, PT409 CONFLICT slug taken.';

create or replace function private.delete_organization(p_org_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_role public.organization_role := private.authorize_member(p_org_id, 'delete');
  v_org public.organizations;
begin
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'A personal organization cannot be deleted',
      'It goes with the user''s account.');
  end if;
  if v_role <> 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs can delete the organization');
  end if;

  select o.* into v_org from public.organizations o where o.id = p_org_id;
  perform private.write_audit(p_org_id, 'organization.deleted', null, null, jsonb_build_object(
    'name', v_org.name,
    'slug', v_org.slug,
    'member_count', (select count(*) from public.memberships m where m.organization_id = p_org_id)
  ));
  -- Memberships and invitations cascade; profiles whose active organization it was are
  -- cleared by their foreign key (= the personal organization).
  delete from public.organizations o where o.id = p_org_id;
end;
$$;
comment on function private.delete_organization(uuid) is
  'Deletes a team organization (OWNER only) with its memberships and invitations; members whose active organization it was fall back to their personal one; the audit row stays. PT404, PT403.';

-----------------------------------------------------------------------------------------
-- Members
-----------------------------------------------------------------------------------------
create or replace function private.list_organization_members(p_org_id uuid, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_limit integer := coalesce(p_limit, 50);
  v_offset integer := coalesce(p_offset, 0);
begin
  if not exists (select 1 from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid) then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  if v_limit not between 1 and 1000 or v_offset < 0 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'limit must be 1-1000 and offset at least 0');
  end if;

  return jsonb_build_object(
    'members', coalesce((
      select jsonb_agg(x.member order by x.role, x.email, x.user_id)
      from (
        select m.role, lower(u.email::text) as email, m.user_id,
               jsonb_build_object(
                 'user_id', m.user_id,
                 'email', lower(u.email::text),
                 'first_name', p.first_name,
                 'last_name', p.last_name,
                 'role', m.role,
                 'joined_at', m.joined_at
               ) as member
        from public.memberships m
        join auth.users u on u.id = m.user_id
        left join public.profiles p on p.id = m.user_id
        where m.organization_id = p_org_id
        order by m.role, lower(u.email::text), m.user_id
        limit v_limit offset v_offset
      ) x
    ), '[]'::jsonb),
    'total', (select count(*) from public.memberships m where m.organization_id = p_org_id)
  );
end;
$$;
comment on function private.list_organization_members(uuid, integer, integer) is
  'A page of the organization''s members, ordered by role (owner, admin, member) then email, and the total: {members: [{user_id, email, first_name, last_name, role, joined_at}], total}. Any member may list; PT404 otherwise; 22023 for limit outside 1-1000 or a negative offset.';

create or replace function private.change_member_role(p_org_id uuid, p_user_id uuid, p_role text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_new public.organization_role := private.parse_role(p_role);
  v_role public.organization_role := private.authorize_member(p_org_id, 'update');
  v_target public.organization_role;
begin
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'The member of a personal organization is its OWNER');
  end if;
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can change roles');
  end if;

  select m.role into v_target from public.memberships m where m.organization_id = p_org_id and m.user_id = p_user_id;
  if v_target is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Member not found');
  end if;
  if v_role = 'admin' and (v_target = 'owner' or v_new = 'owner') then
    perform private.organization_error('PT403', 'FORBIDDEN', 'ADMINs can change roles between ADMIN and MEMBER only, never an OWNER''s');
  end if;
  if v_target = v_new then
    return private.member_json(p_org_id, p_user_id);
  end if;
  if v_target = 'owner' and private.owner_count(p_org_id) <= 1 then
    perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER',
      'Make another member OWNER first, or transfer ownership.');
  end if;

  begin
    update public.memberships m set role = v_new where m.organization_id = p_org_id and m.user_id = p_user_id;
  exception when check_violation then
    if private.is_last_owner_violation(sqlerrm) then
      perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER');
    end if;
    raise;
  end;
  perform private.write_audit(p_org_id, 'member.role_changed', p_user_id, private.user_email(p_user_id),
    jsonb_build_object('from', v_target, 'to', v_new));
  return private.member_json(p_org_id, p_user_id);
end;
$$;
comment on function private.change_member_role(uuid, uuid, text) is
  'Changes a member''s role: OWNER any (never leaving no OWNER: PT409 LAST_OWNER), ADMIN between ADMIN and MEMBER and never an OWNER''s, MEMBER nothing (PT403). PT404 unknown organization/member; 22023 bad role. Audited unless nothing changed.';

create or replace function private.leave_organization(p_org_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role := private.authorize_member(p_org_id, 'update');
begin
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'You cannot leave your personal organization');
  end if;
  if v_role = 'owner' and private.owner_count(p_org_id) <= 1 then
    perform private.organization_error('PT409', 'LAST_OWNER', 'The last OWNER cannot leave the organization',
      'Transfer ownership first, or delete the organization.');
  end if;

  begin
    delete from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid;
  exception when check_violation then
    if private.is_last_owner_violation(sqlerrm) then
      perform private.organization_error('PT409', 'LAST_OWNER', 'The last OWNER cannot leave the organization');
    end if;
    raise;
  end;
  perform private.write_audit(p_org_id, 'member.left', v_uid, private.user_email(v_uid), jsonb_build_object('role', v_role));
end;
$$;
comment on function private.leave_organization(uuid) is
  'The caller leaves the organization (any role; an OWNER unless the last: PT409 LAST_OWNER; never a personal organization: PT403). If it was their active organization, the personal one becomes active. PT404 unless a member.';

create or replace function private.remove_member(p_org_id uuid, p_user_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role;
  v_target public.organization_role;
begin
  if p_user_id = v_uid then
    perform private.leave_organization(p_org_id);
    return;
  end if;

  v_role := private.authorize_member(p_org_id, 'update');
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can remove members');
  end if;
  select m.role into v_target from public.memberships m where m.organization_id = p_org_id and m.user_id = p_user_id;
  if v_target is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Member not found');
  end if;
  if v_role = 'admin' and v_target <> 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'ADMINs can remove MEMBERs only');
  end if;

  begin
    delete from public.memberships m where m.organization_id = p_org_id and m.user_id = p_user_id;
  exception when check_violation then
    if private.is_last_owner_violation(sqlerrm) then
      perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER');
    end if;
    raise;
  end;
  perform private.write_audit(p_org_id, 'member.removed', p_user_id, private.user_email(p_user_id), jsonb_build_object('role', v_target));
end;
$$;
comment on function private.remove_member(uuid, uuid) is
  'Removes a member: OWNER anyone (the caller being an OWNER, one always remains), ADMIN MEMBERs only, MEMBER nobody (PT403). The caller''s own id means leave_organization. PT404 unknown organization/member.';

create or replace function private.transfer_ownership(p_org_id uuid, p_user_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role := private.authorize_member(p_org_id, 'update');
  v_target public.organization_role;
begin
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'A personal organization cannot be handed over');
  end if;
  if v_role <> 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs can transfer ownership');
  end if;
  if p_user_id = v_uid then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Choose another member to transfer ownership to');
  end if;
  select m.role into v_target from public.memberships m where m.organization_id = p_org_id and m.user_id = p_user_id;
  if v_target is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Member not found');
  end if;

  -- Promote first, then demote: there is an OWNER at every moment.
  update public.memberships m set role = 'owner' where m.organization_id = p_org_id and m.user_id = p_user_id and m.role <> 'owner';
  update public.memberships m set role = 'admin' where m.organization_id = p_org_id and m.user_id = v_uid;
  perform private.write_audit(p_org_id, 'ownership.transferred', p_user_id, private.user_email(p_user_id),
    jsonb_build_object('previous_role', v_target, 'previous_owner_id', v_uid, 'previous_owner_role', 'admin'));
  return private.organization_json(p_org_id, 'admin');
end;
$$;
comment on function private.transfer_ownership(uuid, uuid) is
  'OWNER only: p_user_id (a current member) becomes OWNER and the caller ADMIN, atomically; audited. PT404 unknown organization/member; PT403 not OWNER or personal; 22023 oneself.';

-----------------------------------------------------------------------------------------
-- Invitations
-----------------------------------------------------------------------------------------
create or replace function private.create_invitation(p_org_id uuid, p_email text, p_role text default 'member')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_new public.organization_role := private.parse_role(coalesce(p_role, 'member'));
  v_role public.organization_role;
  v_settings private.settings := private.organization_settings();
  v_expired record;
  v_id uuid;
begin
  if char_length(v_email) > 254 or v_email !~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Email must be a valid address');
  end if;
  v_role := private.authorize_member(p_org_id, 'update');
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Nobody can be invited into a personal organization');
  end if;
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can invite');
  end if;
  if v_role = 'admin' and v_new = 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs can invite an OWNER');
  end if;

  if exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.organization_id = p_org_id and lower(u.email::text) = v_email
  ) then
    perform private.organization_error('PT409', 'CONFLICT', 'This address is already a member of the organization');
  end if;

  -- A pending invitation that has expired is replaced (revoked, and audited as such).
  for v_expired in
    select i.id from public.invitations i
    where i.organization_id = p_org_id and i.email = v_email and i.status = 'pending'
    for update
  loop
    if (select i.expires_at > now() from public.invitations i where i.id = v_expired.id) then
      perform private.organization_error('PT409', 'CONFLICT', 'An invitation is already pending for this address',
        'Revoke it first to invite again.');
    end if;
    update public.invitations i set status = 'revoked', answered_at = now() where i.id = v_expired.id;
    perform private.write_audit(p_org_id, 'invitation.revoked', null, v_email,
      jsonb_build_object('invitation_id', v_expired.id, 'reason', 'expired'));
  end loop;

  if (select count(*) from public.memberships m where m.organization_id = p_org_id)
     + (select count(*) from public.invitations i
        where i.organization_id = p_org_id and i.status = 'pending' and i.expires_at > now())
     + 1 > v_settings.org_member_limit then
    perform private.organization_error('PT409', 'LIMIT_REACHED',
      format('An organization may have at most %s members and pending invitations', v_settings.org_member_limit),
      'Revoke pending invitations or remove members, or ask an admin to raise org_member_limit.');
  end if;

  insert into public.invitations (organization_id, email, role, invited_by, expires_at)
  values (p_org_id, v_email, v_new, v_uid, now() + make_interval(secs => v_settings.invitation_ttl_seconds))
  returning id into v_id;
  perform private.write_audit(p_org_id, 'invitation.created', null, v_email,
    jsonb_build_object('invitation_id', v_id, 'role', v_new));
  return private.invitation_json(v_id);
end;
$$;
comment on function private.create_invitation(uuid, text, text) is
  'Invites an address (trimmed, lowercased) with a role: OWNER any role, ADMIN ADMIN or MEMBER, MEMBER nobody; never into a personal organization (PT403). PT409 CONFLICT already a member / already pending; PT409 LIMIT_REACHED beyond org_member_limit (members + pending + 1); 22023 bad email/role. Valid for invitation_ttl_seconds; audited.';

create or replace function private.list_organization_invitations(p_org_id uuid)
returns table (
  id uuid, email text, role text, invited_by uuid, inviter_email text,
  inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role;
begin
  select m.role into v_role from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid;
  if v_role is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can see invitations');
  end if;

  return query
  select i.id, i.email, i.role::text, i.invited_by, lower(u.email::text), p.first_name, p.last_name, i.created_at, i.expires_at
  from public.invitations i
  left join auth.users u on u.id = i.invited_by
  left join public.profiles p on p.id = i.invited_by
  where i.organization_id = p_org_id and i.status = 'pending' and i.expires_at > now()
  order by i.created_at desc, i.id;
end;
$$;
comment on function private.list_organization_invitations(uuid) is
  'The organization''s pending, unexpired invitations, newest first (OWNER, ADMIN). PT404 unless a member; PT403 for a MEMBER.';

create or replace function private.revoke_invitation(p_org_id uuid, p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_role public.organization_role := private.authorize_member(p_org_id);
  v_invitation public.invitations;
begin
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can revoke invitations');
  end if;
  select i.* into v_invitation from public.invitations i
  where i.id = p_invitation_id and i.organization_id = p_org_id
  for update;
  if v_invitation.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Invitation not found');
  end if;
  if v_invitation.status <> 'pending' then
    perform private.organization_error('PT409', 'CONFLICT', format('This invitation was already %s', v_invitation.status));
  end if;

  update public.invitations i set status = 'revoked', answered_at = now() where i.id = p_invitation_id;
  perform private.write_audit(p_org_id, 'invitation.revoked', null, v_invitation.email,
    jsonb_build_object('invitation_id', p_invitation_id, 'role', v_invitation.role));
  return private.invitation_json(p_invitation_id);
end;
$$;
comment on function private.revoke_invitation(uuid, uuid) is
  'Revokes a pending invitation of the organization (OWNER, ADMIN); kept as history, audited. PT404 unknown organization/invitation; PT403 MEMBER; PT409 CONFLICT already answered.';

create or replace function private.list_my_invitations()
returns table (
  id uuid, organization_id uuid, organization_name text, email text, role text, invited_by uuid,
  inviter_email text, inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_email text;
begin
  select lower(u.email::text) into v_email from auth.users u where u.id = v_uid and u.email_confirmed_at is not null;
  if v_email is null then
    return; -- no confirmed address, no invitations
  end if;

  return query
  select i.id, i.organization_id, o.name, i.email, i.role::text, i.invited_by,
         lower(u.email::text), p.first_name, p.last_name, i.created_at, i.expires_at
  from public.invitations i
  join public.organizations o on o.id = i.organization_id
  left join auth.users u on u.id = i.invited_by
  left join public.profiles p on p.id = i.invited_by
  where i.email = v_email and i.status = 'pending' and i.expires_at > now()
  order by i.created_at desc, i.id;
end;
$$;
comment on function private.list_my_invitations() is
  'The pending, unexpired invitations addressed to the caller''s CONFIRMED email (none while it is unconfirmed), newest first, with the organization''s name and the inviter''s email and names.';

-- Shared checks of accept and decline: the invitation exists (PT404), is addressed to
-- the caller's confirmed email (PT403), is still pending (PT409) and unexpired (PT410).
-- Locks the organization (p_lock_organization) and then the invitation.
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
comment on function private.claim_invitation(uuid, boolean) is
  'For accept/decline: the locked invitation if it exists (PT404), is addressed to the caller''s confirmed email (PT403), pending (PT409 CONFLICT) and unexpired (PT410 INVITATION_EXPIRED).';

create or replace function private.accept_invitation(p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_invitation public.invitations := private.claim_invitation(p_invitation_id, true);
  v_limit integer := (private.organization_settings()).org_member_limit;
begin
  if exists (
    select 1 from public.memberships m where m.organization_id = v_invitation.organization_id and m.user_id = v_uid
  ) then
    perform private.organization_error('PT409', 'CONFLICT', 'You are already a member of this organization');
  end if;
  -- The invitation was counted while pending; the members alone must stay within the limit.
  if (select count(*) from public.memberships m where m.organization_id = v_invitation.organization_id) + 1 > v_limit then
    perform private.organization_error('PT409', 'LIMIT_REACHED',
      format('This organization has reached its limit of %s members', v_limit));
  end if;

  insert into public.memberships (organization_id, user_id, role)
  values (v_invitation.organization_id, v_uid, v_invitation.role);
  update public.invitations i set status = 'accepted', answered_at = now() where i.id = p_invitation_id;
  perform private.write_audit(v_invitation.organization_id, 'invitation.accepted', v_uid, v_invitation.email,
    jsonb_build_object('invitation_id', p_invitation_id, 'role', v_invitation.role));
  perform private.write_audit(v_invitation.organization_id, 'member.added', v_uid, v_invitation.email,
    jsonb_build_object('invitation_id', p_invitation_id, 'role', v_invitation.role, 'invited_by', v_invitation.invited_by));
  return private.organization_json(v_invitation.organization_id, v_invitation.role);
end;
$$;
comment on function private.accept_invitation(uuid) is
  'The invitee joins with the invited role (see claim_invitation for PT404/PT403/PT409/PT410); PT409 CONFLICT already a member; PT409 LIMIT_REACHED when the organization has org_member_limit members. Returns the organization; audited (invitation.accepted, member.added).';

create or replace function private.decline_invitation(p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_invitation public.invitations := private.claim_invitation(p_invitation_id, false);
begin
  update public.invitations i set status = 'declined', answered_at = now() where i.id = p_invitation_id;
  perform private.write_audit(v_invitation.organization_id, 'invitation.declined', auth.uid(), v_invitation.email,
    jsonb_build_object('invitation_id', p_invitation_id, 'role', v_invitation.role));
  return private.invitation_json(p_invitation_id);
end;
$$;
comment on function private.decline_invitation(uuid) is
  'The invitee declines (see claim_invitation for PT404/PT403/PT409/PT410); kept as history, audited.';

-----------------------------------------------------------------------------------------
-- Active organization and audit log
-----------------------------------------------------------------------------------------
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
  -- The foreign key to memberships holds even if the membership went away meanwhile.
  update public.profiles p set default_organization_id = p_org_id where p.id = v_uid;
end;
$$;
comment on function private.set_active_organization(uuid) is
  'Makes one of the caller''s organizations their active one (profiles.default_organization_id); PT404 unless a member. A per-user preference, not an organization change: not audited.';

create or replace function private.list_organization_audit(p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_role public.organization_role;
  v_limit integer := coalesce(p_limit, 50);
begin
  select m.role into v_role from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid;
  if v_role is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can read the audit log');
  end if;
  if v_limit not between 1 and 1000 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'limit must be 1-1000');
  end if;

  return query
  select a.id, a.action, a.actor_id, a.target_user_id, a.target_email, a.details, a.created_at
  from public.organization_audit_log a
  where a.organization_id = p_org_id and (p_before is null or a.id < p_before)
  order by a.id desc
  limit v_limit;
end;
$$;
comment on function private.list_organization_audit(uuid, integer, bigint) is
  'The organization''s audit rows, newest first (id descending), at most p_limit (1-1000, default 50), older than the row id p_before when given. OWNER, ADMIN; PT404 unless a member; PT403 for a MEMBER.';

-----------------------------------------------------------------------------------------
-- The API: public wrappers (security invoker; session check first)
-----------------------------------------------------------------------------------------
create or replace function public.create_organization(p_name text, p_slug text default null)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.create_organization(p_name, p_slug);
end;
$$;
comment on function public.create_organization(text, text) is
  'POST /organizations: creates a team organization with the caller as OWNER; returns {id, name, slug, plan, is_personal_account, role, member_count, created_at}. 22023, PT409 CONFLICT (slug taken), PT409 LIMIT_REACHED.';

create or replace function public.get_organization(p_org_id uuid)
returns jsonb language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.get_organization(p_org_id);
end;
$$;
comment on function public.get_organization(uuid) is
  'GET /organizations/:orgId: {id, name, slug, plan, is_personal_account, role, member_count, created_at}; PT404 unless the caller is a member.';

create or replace function public.update_organization(p_org_id uuid, p_name text default null, p_slug text default null)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.update_organization(p_org_id, p_name, p_slug);
end;
$$;
comment on function public.update_organization(uuid, text, text) is
  'PATCH /organizations/:orgId: new name and/or slug (null = unchanged), OWNER or ADMIN of a team organization; returns the organization. PT404, PT403, 22023, PT409 CONFLICT.';

create or replace function public.delete_organization(p_org_id uuid)
returns void language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.delete_organization(p_org_id);
end;
$$;
comment on function public.delete_organization(uuid) is
  'DELETE /organizations/:orgId: OWNER of a team organization; memberships and invitations go with it. PT404, PT403.';

create or replace function public.list_organization_members(p_org_id uuid, p_limit integer default 50, p_offset integer default 0)
returns jsonb language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.list_organization_members(p_org_id, p_limit, p_offset);
end;
$$;
comment on function public.list_organization_members(uuid, integer, integer) is
  'GET /organizations/:orgId/members: {members: [{user_id, email, first_name, last_name, role, joined_at}], total}, ordered by role then email. PT404, 22023.';

create or replace function public.change_member_role(p_org_id uuid, p_user_id uuid, p_role text)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.change_member_role(p_org_id, p_user_id, p_role);
end;
$$;
comment on function public.change_member_role(uuid, uuid, text) is
  'PATCH /organizations/:orgId/members/:userId: returns the member {user_id, email, first_name, last_name, role, joined_at}. PT404, PT403, PT409 LAST_OWNER, 22023.';

create or replace function public.remove_member(p_org_id uuid, p_user_id uuid)
returns void language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.remove_member(p_org_id, p_user_id);
end;
$$;
comment on function public.remove_member(uuid, uuid) is
  'DELETE /organizations/:orgId/members/:userId (the caller''s own id = leave). PT404, PT403, PT409 LAST_OWNER.';

create or replace function public.leave_organization(p_org_id uuid)
returns void language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.leave_organization(p_org_id);
end;
$$;
comment on function public.leave_organization(uuid) is
  'POST /organizations/:orgId/leave. PT404, PT403 (personal organization), PT409 LAST_OWNER.';

create or replace function public.transfer_ownership(p_org_id uuid, p_user_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.transfer_ownership(p_org_id, p_user_id);
end;
$$;
comment on function public.transfer_ownership(uuid, uuid) is
  'POST /organizations/:orgId/transfer-ownership: the member becomes OWNER, the caller ADMIN; returns the organization (role admin). PT404, PT403, 22023.';

create or replace function public.create_invitation(p_org_id uuid, p_email text, p_role text default 'member')
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.create_invitation(p_org_id, p_email, p_role);
end;
$$;
comment on function public.create_invitation(uuid, text, text) is
  'POST /organizations/:orgId/invitations: returns the invitation {id, organization_id, organization_name, email, role, status, invited_by, inviter_email, inviter_first_name, inviter_last_name, created_at, expires_at, answered_at}. PT404, PT403, PT409 CONFLICT / LIMIT_REACHED, 22023.';

create or replace function public.list_organization_invitations(p_org_id uuid)
returns table (
  id uuid, email text, role text, invited_by uuid, inviter_email text,
  inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return query select * from private.list_organization_invitations(p_org_id);
end;
$$;
comment on function public.list_organization_invitations(uuid) is
  'GET /organizations/:orgId/invitations: pending, unexpired invitations, newest first (OWNER, ADMIN). PT404, PT403.';

create or replace function public.revoke_invitation(p_org_id uuid, p_invitation_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.revoke_invitation(p_org_id, p_invitation_id);
end;
$$;
comment on function public.revoke_invitation(uuid, uuid) is
  'DELETE /organizations/:orgId/invitations/:invitationId: returns the revoked invitation. PT404, PT403, PT409 CONFLICT.';

create or replace function public.list_my_invitations()
returns table (
  id uuid, organization_id uuid, organization_name text, email text, role text, invited_by uuid,
  inviter_email text, inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return query select * from private.list_my_invitations();
end;
$$;
comment on function public.list_my_invitations() is
  'GET /invitations: pending, unexpired invitations addressed to the caller''s confirmed email, newest first, with organization name and inviter.';

create or replace function public.accept_invitation(p_invitation_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.accept_invitation(p_invitation_id);
end;
$$;
comment on function public.accept_invitation(uuid) is
  'POST /invitations/:invitationId/accept: returns the organization with the new role. PT404, PT403 (not the addressee / unconfirmed), PT409 CONFLICT (answered, already a member) / LIMIT_REACHED, PT410 INVITATION_EXPIRED.';

create or replace function public.decline_invitation(p_invitation_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.decline_invitation(p_invitation_id);
end;
$$;
comment on function public.decline_invitation(uuid) is
  'POST /invitations/:invitationId/decline: returns the declined invitation. PT404, PT403, PT409 CONFLICT, PT410 INVITATION_EXPIRED.';

create or replace function public.set_active_organization(p_org_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.set_active_organization(p_org_id);
  return public.get_my_context();
end;
$$;
comment on function public.set_active_organization(uuid) is
  'PUT /me/organization: makes the organization the caller''s active one and returns get_my_context() (the /me data). PT404 unless a member. The next access token (refresh) carries it in its organization claim.';

create or replace function public.list_organization_audit(p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return query select * from private.list_organization_audit(p_org_id, p_limit, p_before);
end;
$$;
comment on function public.list_organization_audit(uuid, integer, bigint) is
  'GET /organizations/:orgId/audit: newest first; p_before = the id of the last row of the previous page. OWNER, ADMIN; PT404, PT403, 22023.';

-----------------------------------------------------------------------------------------
-- Execute privileges
-----------------------------------------------------------------------------------------
-- Helpers: nobody but the functions above (which run as their owner).
revoke all on function private.organization_error(text, text, text, text) from public, anon, authenticated, service_role;
revoke all on function private.require_caller() from public, anon, authenticated, service_role;
revoke all on function private.organization_settings() from public, anon, authenticated, service_role;
revoke all on function private.authorize_member(uuid, text) from public, anon, authenticated, service_role;
revoke all on function private.is_personal_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function private.owner_count(uuid) from public, anon, authenticated, service_role;
revoke all on function private.parse_role(text) from public, anon, authenticated, service_role;
revoke all on function private.check_organization_name(text) from public, anon, authenticated, service_role;
revoke all on function private.check_slug(text) from public, anon, authenticated, service_role;
revoke all on function private.user_email(uuid) from public, anon, authenticated, service_role;
revoke all on function private.write_audit(uuid, text, uuid, text, jsonb) from public, anon, authenticated, service_role;
revoke all on function private.organization_json(uuid, public.organization_role) from public, anon, authenticated, service_role;
revoke all on function private.member_json(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.invitation_json(uuid) from public, anon, authenticated, service_role;
revoke all on function private.is_last_owner_violation(text) from public, anon, authenticated, service_role;
revoke all on function private.claim_invitation(uuid, boolean) from public, anon, authenticated, service_role;

-- The implementations and their API wrappers: authenticated only.
revoke all on function private.create_organization(text, text) from public, anon, authenticated, service_role;
revoke all on function private.get_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function private.update_organization(uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function private.delete_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function private.list_organization_members(uuid, integer, integer) from public, anon, authenticated, service_role;
revoke all on function private.change_member_role(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function private.remove_member(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.leave_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function private.transfer_ownership(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.create_invitation(uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function private.list_organization_invitations(uuid) from public, anon, authenticated, service_role;
revoke all on function private.revoke_invitation(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.list_my_invitations() from public, anon, authenticated, service_role;
revoke all on function private.accept_invitation(uuid) from public, anon, authenticated, service_role;
revoke all on function private.decline_invitation(uuid) from public, anon, authenticated, service_role;
revoke all on function private.set_active_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function private.list_organization_audit(uuid, integer, bigint) from public, anon, authenticated, service_role;

revoke all on function public.create_organization(text, text) from public, anon, authenticated, service_role;
revoke all on function public.get_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.update_organization(uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.delete_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.list_organization_members(uuid, integer, integer) from public, anon, authenticated, service_role;
revoke all on function public.change_member_role(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.remove_member(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.leave_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.transfer_ownership(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.create_invitation(uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.list_organization_invitations(uuid) from public, anon, authenticated, service_role;
revoke all on function public.revoke_invitation(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.list_my_invitations() from public, anon, authenticated, service_role;
revoke all on function public.accept_invitation(uuid) from public, anon, authenticated, service_role;
revoke all on function public.decline_invitation(uuid) from public, anon, authenticated, service_role;
revoke all on function public.set_active_organization(uuid) from public, anon, authenticated, service_role;
revoke all on function public.list_organization_audit(uuid, integer, bigint) from public, anon, authenticated, service_role;

grant execute on function private.create_organization(text, text) to authenticated;
grant execute on function private.get_organization(uuid) to authenticated;
grant execute on function private.update_organization(uuid, text, text) to authenticated;
grant execute on function private.delete_organization(uuid) to authenticated;
grant execute on function private.list_organization_members(uuid, integer, integer) to authenticated;
grant execute on function private.change_member_role(uuid, uuid, text) to authenticated;
grant execute on function private.remove_member(uuid, uuid) to authenticated;
grant execute on function private.leave_organization(uuid) to authenticated;
grant execute on function private.transfer_ownership(uuid, uuid) to authenticated;
grant execute on function private.create_invitation(uuid, text, text) to authenticated;
grant execute on function private.list_organization_invitations(uuid) to authenticated;
grant execute on function private.revoke_invitation(uuid, uuid) to authenticated;
grant execute on function private.list_my_invitations() to authenticated;
grant execute on function private.accept_invitation(uuid) to authenticated;
grant execute on function private.decline_invitation(uuid) to authenticated;
grant execute on function private.set_active_organization(uuid) to authenticated;
grant execute on function private.list_organization_audit(uuid, integer, bigint) to authenticated;

grant execute on function public.create_organization(text, text) to authenticated;
grant execute on function public.get_organization(uuid) to authenticated;
grant execute on function public.update_organization(uuid, text, text) to authenticated;
grant execute on function public.delete_organization(uuid) to authenticated;
grant execute on function public.list_organization_members(uuid, integer, integer) to authenticated;
grant execute on function public.change_member_role(uuid, uuid, text) to authenticated;
grant execute on function public.remove_member(uuid, uuid) to authenticated;
grant execute on function public.leave_organization(uuid) to authenticated;
grant execute on function public.transfer_ownership(uuid, uuid) to authenticated;
grant execute on function public.create_invitation(uuid, text, text) to authenticated;
grant execute on function public.list_organization_invitations(uuid) to authenticated;
grant execute on function public.revoke_invitation(uuid, uuid) to authenticated;
grant execute on function public.list_my_invitations() to authenticated;
grant execute on function public.accept_invitation(uuid) to authenticated;
grant execute on function public.decline_invitation(uuid) to authenticated;
grant execute on function public.set_active_organization(uuid) to authenticated;
grant execute on function public.list_organization_audit(uuid, integer, bigint) to authenticated;
