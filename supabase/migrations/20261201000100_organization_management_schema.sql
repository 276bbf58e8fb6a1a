-- Running organizations (shared/spec/organizations.md): the data behind creating,
-- renaming and deleting them, invitations, the audit log, the active organization and the
-- limits. The functions that change this data are in ..._organization_management_functions.sql;
-- the access token hook is in ..._custom_access_token_hook.sql.
--
--   organizations.slug          unique handle, 3-48 of a-z0-9-; generated for every team
--                               organization, null for personal ones
--   invitations                 one row per invitation, kept as history once answered
--   organization_audit_log      one row per change, written in the change's transaction
--   profiles.default_organization_id  the user's ACTIVE organization (null = personal)
--   private.settings            limits, one row; admins change them in the dashboard
--
-- Through the API (role authenticated) all of this is read only: row-level security
-- decides which invitations and audit rows a user sees; every change goes through the
-- security definer functions. anon has no privilege; service_role (admin integrations)
-- reads everything and manages invitations like memberships.

-----------------------------------------------------------------------------------------
-- Settings (limits)
-----------------------------------------------------------------------------------------
create table private.settings (
  id boolean primary key default true,
  org_create_limit integer not null default 10,
  org_member_limit integer not null default 100,
  invitation_ttl_seconds integer not null default 604800,
  constraint settings_single_row check (id),
  constraint settings_org_create_limit_positive check (org_create_limit > 0),
  constraint settings_org_member_limit_positive check (org_member_limit > 0),
  constraint settings_invitation_ttl_positive check (invitation_ttl_seconds > 0)
);
comment on table private.settings is
  'Limits of the organization functions, one row (id = true). The database enforces them, so they hold for a direct RPC call too. Admins change them in the dashboard (Table editor, schema private, or SQL: update private.settings set org_member_limit = 250;). Not readable through the API. A missing row means the defaults.';
comment on column private.settings.id is 'Always true: the table has exactly one row.';
comment on column private.settings.org_create_limit is
  'ORG_CREATE_LIMIT: how many team organizations created by one user (organizations.created_by) may exist at once (default 10). Personal organizations do not count.';
comment on column private.settings.org_member_limit is
  'ORG_MEMBER_LIMIT: members plus pending (unexpired) invitations per organization (default 100). Inviting checks members + pending + 1; accepting checks members + 1.';
comment on column private.settings.invitation_ttl_seconds is
  'INVITATION_TTL_SECONDS: how long a new invitation stays valid (default 604800 = 7 days).';

insert into private.settings (id) values (true);

alter table private.settings enable row level security;
create policy "Settings are read by the organization functions only"
  on private.settings
  as restrictive
  for all
  to anon, authenticated, service_role
  using (false)
  with check (false);
comment on policy "Settings are read by the organization functions only" on private.settings is
  'No API role reads or writes the settings (they have no privileges either). The security definer functions (owner postgres) and the dashboard read and change them.';

revoke all on table private.settings from public, anon, authenticated, service_role;

-----------------------------------------------------------------------------------------
-- organizations.slug
-----------------------------------------------------------------------------------------
alter table public.organizations add column slug text;
comment on column public.organizations.slug is
  'Unique handle of a team organization: 3-48 characters of a-z, 0-9 and -. Chosen by its OWNERs/ADMINs, or generated from the name (taken: a random suffix is added). Null exactly for personal organizations.';

create unique index organizations_slug_key on public.organizations (slug);

-- Slug generation is check-then-use; an advisory lock per slug bucket (256 buckets, so a
-- bulk insert holds at most 256 locks) makes it safe: a concurrent transaction that wants
-- a slug of the same bucket waits until this one ends, then sees what it inserted.
create or replace function private.lock_slug(p_slug text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  select pg_advisory_xact_lock(hashtext('public.organizations.slug'), hashtext(p_slug) & 255);
$$;
comment on function private.lock_slug(text) is
  'Takes the transaction-level advisory lock of the slug''s bucket (one of 256), so that generating a free slug and inserting it cannot race with another transaction taking the same slug.';

create or replace function private.slug_base(p_name text)
returns text
language sql
immutable
security invoker
set search_path = ''
as $$
  select case when char_length(s) >= 3 then s when s = '' then 'org' else 'org-' || s end
  from (
    select btrim(left(btrim(regexp_replace(lower(coalesce(p_name, '')), '[^a-z0-9]+', '-', 'g'), '-'), 48), '-') as s
  ) x;
$$;
comment on function private.slug_base(text) is
  'A slug candidate from a name: lowercase, every run of other characters than a-z0-9 becomes -, at most 48 characters, at least 3 (prefixed org- when shorter, org when nothing is left).';

create or replace function private.organizations_slug()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_base text;
  v_candidate text;
begin
  if new.personal_user_id is not null then
    return new; -- organizations_slug_teams_only refuses a slug on a personal organization
  end if;

  if new.slug is not null then
    if tg_op = 'INSERT' or new.slug is distinct from old.slug then
      perform private.lock_slug(new.slug);
    end if;
    return new;
  end if;

  -- A team organization without a slug gets one from its (already trimmed) name.
  v_base := private.slug_base(new.name);
  v_candidate := v_base;
  loop
    perform private.lock_slug(v_candidate);
    exit when not exists (
      select 1 from public.organizations o where o.slug = v_candidate and o.id is distinct from new.id
    );
    v_candidate := left(v_base, 41) || '-' || substr(md5(random()::text || clock_timestamp()::text), 1, 6);
  end loop;
  new.slug := v_candidate;
  return new;
end;
$$;
comment on function private.organizations_slug() is
  'Trigger: gives a team organization without a slug one generated from its name (free, else with a random 6-character suffix), and takes the slug''s advisory lock whenever a slug is set.';

-- Fires after organizations_before_write (triggers fire in name order), so the name is trimmed.
create trigger organizations_slug
  before insert or update on public.organizations
  for each row execute function private.organizations_slug();

-- Existing team organizations get their generated slug.
update public.organizations o set slug = null where o.personal_user_id is null and o.slug is null;

alter table public.organizations
  add constraint organizations_slug_format check (slug ~ '^[a-z0-9-]{3,48}$'),
  add constraint organizations_slug_teams_only check ((personal_user_id is null) = (slug is not null));

revoke all on function private.lock_slug(text) from public, anon, authenticated, service_role;
revoke all on function private.slug_base(text) from public, anon, authenticated, service_role;
revoke all on function private.organizations_slug() from public, anon, authenticated, service_role;

-----------------------------------------------------------------------------------------
-- The active organization
-----------------------------------------------------------------------------------------
-- The profile column that /me and /login have always reported becomes the active
-- organization: the sign-up trigger sets it to the team organization of /register (else
-- the personal one), set_active_organization() changes it, and its foreign key to
-- memberships clears it when the user leaves or the organization is deleted, which means
-- the personal organization.
comment on column public.profiles.default_organization_id is
  'The user''s ACTIVE organization: the one /me, /login and the access token claim `organization` report. Must be one of the user''s memberships (leaving it or deleting the organization clears it); null means the personal organization. Set at sign-up (team organization of /register, else personal) and by set_active_organization().';

-----------------------------------------------------------------------------------------
-- invitations
-----------------------------------------------------------------------------------------
create type public.invitation_status as enum ('pending', 'accepted', 'declined', 'revoked');
comment on type public.invitation_status is
  'State of an invitation. pending: waiting for an answer (until expires_at); accepted / declined: answered by the invitee; revoked: withdrawn by an OWNER/ADMIN, or replaced after it expired.';

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email text not null,
  role public.organization_role not null default 'member',
  invited_by uuid references auth.users (id) on delete set null,
  status public.invitation_status not null default 'pending',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  answered_at timestamptz,
  constraint invitations_email_format check (
    email = lower(email) and char_length(email) <= 254 and email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$'
  ),
  constraint invitations_expires_after_creation check (expires_at > created_at),
  constraint invitations_answered_when_not_pending check ((status = 'pending') = (answered_at is null))
);
comment on table public.invitations is
  'Invitations to join an organization, bound to an email address and a role. Kept as history once answered. Visible through the API to the OWNERs/ADMINs of the organization and to the invitee (the user whose confirmed email is the address); changed only by the organization functions.';
comment on column public.invitations.id is 'Invitation id (random UUID); the link the invitee gets is the web app''s /invitations/<id>. Not a secret: only the addressee can answer.';
comment on column public.invitations.organization_id is 'The organization invited to (invitations go with it).';
comment on column public.invitations.email is 'The invited address, lowercased. Only a user whose confirmed email equals it can accept or decline.';
comment on column public.invitations.role is 'Role the invitee gets on accepting (owner only when an OWNER invited).';
comment on column public.invitations.invited_by is 'User who invited; null when that user was deleted. An inviter who later leaves or is demoted does not invalidate the invitation.';
comment on column public.invitations.status is 'pending, accepted, declined or revoked; at most one pending invitation per organization and address.';
comment on column public.invitations.created_at is 'When the invitation was created.';
comment on column public.invitations.expires_at is 'Until when it can be accepted: created_at + private.settings.invitation_ttl_seconds.';
comment on column public.invitations.answered_at is 'When it was accepted, declined or revoked; null exactly while pending.';

-- At most one pending invitation per organization and address.
create unique index invitations_one_pending_key on public.invitations (organization_id, email) where status = 'pending';
-- The foreign key, and an organization's invitations newest first.
create index invitations_organization_id_idx on public.invitations (organization_id, created_at);
-- The invitee's view (policy, list_my_invitations).
create index invitations_email_idx on public.invitations (email);
create index invitations_invited_by_idx on public.invitations (invited_by);

alter table public.invitations enable row level security;

-----------------------------------------------------------------------------------------
-- organization_audit_log
-----------------------------------------------------------------------------------------
create table public.organization_audit_log (
  id bigint generated always as identity primary key,
  organization_id uuid not null,
  action text not null,
  actor_id uuid,
  target_user_id uuid,
  target_email text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint organization_audit_log_action check (action in (
    'organization.created', 'organization.updated', 'organization.deleted',
    'member.added', 'member.role_changed', 'member.removed', 'member.left',
    'ownership.transferred',
    'invitation.created', 'invitation.revoked', 'invitation.accepted', 'invitation.declined'
  )),
  constraint organization_audit_log_details_object check (jsonb_typeof(details) = 'object')
);
comment on table public.organization_audit_log is
  'One row per change of an organization, written by the organization functions in the same transaction as the change. History: no foreign keys, so rows outlive the organization and the users they name. Never holds a password, token or token hash. Visible through the API to the organization''s OWNERs and ADMINs; admins read it in the dashboard.';
comment on column public.organization_audit_log.id is 'Increasing id: newest first is id descending; list_organization_audit pages with p_before = the last id seen.';
comment on column public.organization_audit_log.organization_id is 'The organization changed (it may have been deleted since).';
comment on column public.organization_audit_log.action is
  'What happened: organization.created|updated|deleted, member.added|role_changed|removed|left, ownership.transferred, invitation.created|revoked|accepted|declined.';
comment on column public.organization_audit_log.actor_id is 'The user who made the change (auth.uid()); null when not made by a user.';
comment on column public.organization_audit_log.target_user_id is 'The member the change is about (role changed, removed, left, added, new owner), if any.';
comment on column public.organization_audit_log.target_email is 'The address the change is about (invitations; the member''s email at the time), if any.';
comment on column public.organization_audit_log.details is
  'JSON object with the specifics: {name, slug} on creation, {name|slug: {from, to}} on update, {from, to} on a role change, {invitation_id, role} on invitations, {reason} when an expired invitation is replaced.';
comment on column public.organization_audit_log.created_at is 'When the change was made (its transaction''s time).';

create index organization_audit_log_organization_id_idx on public.organization_audit_log (organization_id, id desc);

alter table public.organization_audit_log enable row level security;

-----------------------------------------------------------------------------------------
-- Policy helpers
-----------------------------------------------------------------------------------------
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
  where m.user_id = (select auth.uid())
    and m.role in ('owner', 'admin');
$$;
comment on function private.current_user_managed_organization_ids() is
  'Ids of the organizations in which the calling user (auth.uid()) is OWNER or ADMIN (one index scan on memberships(user_id)). Security definer, like current_user_organization_ids.';

create or replace function private.current_user_confirmed_email()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select lower(u.email::text)
  from auth.users u
  where u.id = (select auth.uid())
    and u.email_confirmed_at is not null;
$$;
comment on function private.current_user_confirmed_email() is
  'The calling user''s email, lowercased, if it is confirmed; else null. Reads auth.users (which authenticated cannot), hence security definer; only ever about auth.uid().';

revoke all on function private.current_user_managed_organization_ids() from public, anon, authenticated, service_role;
revoke all on function private.current_user_confirmed_email() from public, anon, authenticated, service_role;
-- Policies run them with the caller's privileges.
grant execute on function private.current_user_managed_organization_ids() to authenticated;
grant execute on function private.current_user_confirmed_email() to authenticated;

-----------------------------------------------------------------------------------------
-- Policies
-----------------------------------------------------------------------------------------
create policy "Organization admins and the invitee can view invitations"
  on public.invitations
  for select
  to authenticated
  using (
    organization_id = any (array(select private.current_user_managed_organization_ids()))
    or email = (select private.current_user_confirmed_email())
  );
comment on policy "Organization admins and the invitee can view invitations" on public.invitations is
  'A signed-in user sees the invitations of the organizations they are OWNER or ADMIN of, and the invitations addressed to their own confirmed email. Nobody writes through the API (the organization functions do).';

create policy "Organization admins can view the audit log"
  on public.organization_audit_log
  for select
  to authenticated
  using (organization_id = any (array(select private.current_user_managed_organization_ids())));
comment on policy "Organization admins can view the audit log" on public.organization_audit_log is
  'A signed-in user sees the audit rows of the organizations they are currently OWNER or ADMIN of. Nobody writes through the API (the organization functions do).';

-----------------------------------------------------------------------------------------
-- Privileges
-----------------------------------------------------------------------------------------
revoke all on table public.invitations, public.organization_audit_log from public, anon, authenticated, service_role;
grant select on table public.invitations, public.organization_audit_log to authenticated;
grant select, insert, update, delete on table public.invitations to service_role;
grant select on table public.organization_audit_log to service_role;

comment on schema private is
  'Helpers for policies, triggers and API functions, and private.settings. Not exposed by the API; authenticated, service_role and supabase_auth_admin (the access token hook) may use only the functions granted to them explicitly.';
