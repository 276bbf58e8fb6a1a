-- Organization API keys and webhooks (shared/spec/integrations.md), the database part.
--
--   public.organization_api_keys   one row per key: name, prefix, SHA-256 of the key (hex,
--                                  computed by the worker), scopes, expiry, last use,
--                                  revocation. Dies with its organization (cascade).
--   public.organization_webhooks   one row per endpoint: url, event types (or '*'), the
--                                  signing secret (service_role only). NO foreign key to
--                                  organizations: the rows must outlive their organization
--                                  until organization.deleted has been delivered (or has
--                                  failed) to them; then webhook_record_delivery (or the
--                                  dispatch, when no webhook wants that event) deletes
--                                  them. Deleting a webhook through the API sets deleted_at.
--   private.webhook_events         the outbox: one row per change, written by triggers in
--                                  the change's own transaction (API, admin functions,
--                                  dashboard and SQL alike), so a rolled-back change leaves
--                                  no event. Always written, subscribers or not; the
--                                  dispatch marks events without targets dispatched.
--   private.webhook_deliveries     one row per delivery attempt (the worker reports them).
--   organization_audit_log         gains actor_type ('user' | 'api_key'), actor_key_id and
--                                  actor_name; private.write_audit records the API key
--                                  named by the transaction-local setting
--                                  edge_auth.api_key_id (set by the key functions) when the
--                                  caller has no user (auth.uid() is null), else the user.
--
-- Functions. The user side (role authenticated) works like the organization functions:
-- public.<name> (security invoker: session check, then) private.<name> (security definer),
-- OWNER or ADMIN of a team organization through private.authorize_member, so the
-- NOT_FOUND, MFA_REQUIRED (require_mfa needs aal2) and role rules are the same; audited.
--
--   create_api_key(p_org_id, p_name, p_scopes, p_key_hash, p_prefix, p_expires_at)  key
--   list_api_keys(p_org_id)                                   [key], newest first, not revoked
--   revoke_api_key(p_org_id, p_key_id)                        key
--   create_webhook(p_org_id, p_url, p_events, p_secret)       webhook
--   list_webhooks(p_org_id)                                   [webhook], newest first, not deleted
--   delete_webhook(p_org_id, p_webhook_id)                    webhook
--   list_webhook_deliveries(p_org_id, p_webhook_id)           [delivery], last 100, newest first
--
--   key      = {id, name, prefix, scopes, created_at, expires_at, last_used_at} (never the hash)
--   webhook  = {id, url, events, created_at} (never the secret)
--   delivery = {event_id, type, attempt, status, response_status, at}
--
-- The key side (role service_role only: the worker passes the presented key's hash) acts
-- for the key's organization within its scopes; the caller is the key, not a user, so it
-- acts like an ADMIN who never touches an OWNER:
--
--   api_key_authenticate(p_key_hash)                          {id, organization_id, name, scopes}
--   key_get_organization(p_key_hash, p_org_id)               organization (role null)       organization:read
--   key_list_members(p_key_hash, p_org_id, p_limit, p_offset) {members, total}              members:read
--   key_change_member_role(p_key_hash, p_org_id, p_user_id, p_role)  member                members:write
--   key_remove_member(p_key_hash, p_org_id, p_user_id)        void                         members:write
--   key_create_invitation(p_key_hash, p_org_id, p_email, p_role)     invitation            invitations:write
--   key_list_invitations(p_key_hash, p_org_id)                [pending invitation]         invitations:write
--   key_revoke_invitation(p_key_hash, p_org_id, p_invitation_id)     invitation            invitations:write
--   key_list_audit(p_key_hash, p_org_id, p_limit, p_before)   [audit entry], newest first  audit:read
--
-- The delivery side (service_role only):
--
--   webhook_pending_events(p_limit)     [item]: undispatched events, oldest first, now dispatched
--   webhook_event_targets(p_event_id)   item, now dispatched; null when already dispatched
--   webhook_record_delivery(p_webhook_id, p_event_id, p_attempt, p_status, p_response_status)
--   webhook_targets_alive(p_webhook_id) boolean: the webhook is not deleted
--
--   item = {id (the webhook-id), type, organization_id, created_at, data (the payload's
--           `data`, always with organization_id), targets: [{webhook_id, url, secret}]}
--
-- Errors (besides those of the organization functions, see ..._organization_management_functions.sql):
--
--   SQLSTATE  detail            when
--   PT401     TOKEN_INVALID     key side: the key is unknown, revoked or expired
--   PT404     NOT_FOUND         key side: another organization than the key's; a member,
--                               invitation, key or webhook that is not the organization's
--   PT403     FORBIDDEN         key side: outside the key's scopes; to, from or of an OWNER;
--                               user side: a MEMBER, or a personal organization
--   PT409     CONFLICT          the key hash is already registered
--   22023     VALIDATION_ERROR  bad name, scopes, hash, prefix, expiry (not in the future),
--                               url, events, secret, limit/offset; bad delivery report
--
-- Events (type: data besides organization_id; ids, emails, roles and names only, never a
-- key, hash or secret):
--   member.added          user_id, email, role                      memberships insert
--   member.removed        user_id, email, role                      memberships delete (not when
--                                                                   the organization itself went)
--   member.role_changed   user_id, email, role, previous_role       memberships role update
--   invitation.created    invitation_id, email, role, invited_by, expires_at   invitations insert
--   invitation.accepted   invitation_id, email, role                status -> accepted
--   invitation.revoked    invitation_id, email, role                status -> revoked
--   organization.updated  name, slug, plan, require_mfa, changes {field: {from, to}}
--                                                                   update of name/slug/plan/require_mfa
--   organization.deleted  name, slug                                organizations delete
--   ownership.transferred user_id, email, previous_owner_id         private.transfer_ownership
--   api_key.created       api_key_id, name, scopes, expires_at, created_by   keys insert
--   api_key.revoked       api_key_id, name                          revoked_at set
-- A transfer of ownership also changes two roles: it emits member.role_changed for each
-- (like any role change, whoever makes it) and then ownership.transferred.
--
-- Locks: key functions that change something lock the organization row (FOR NO KEY
-- UPDATE, as authorize_member does) before anything else they lock, then touch the key row
-- (last_used_at, skipped when the row is locked); revoking a key locks the organization,
-- then the key; so the order is always organization, key.

-----------------------------------------------------------------------------------------
-- Constants
-----------------------------------------------------------------------------------------
create function private.api_key_scopes()
returns text[]
language sql
immutable
security invoker
set search_path = ''
as $$
  select array['organization:read', 'members:read', 'members:write', 'invitations:write', 'audit:read'];
$$;
comment on function private.api_key_scopes() is
  'The scopes an organization API key may have, in their canonical order.';

create function private.webhook_event_types()
returns text[]
language sql
immutable
security invoker
set search_path = ''
as $$
  select array[
    'member.added', 'member.removed', 'member.role_changed',
    'invitation.created', 'invitation.accepted', 'invitation.revoked',
    'organization.updated', 'organization.deleted', 'ownership.transferred',
    'api_key.created', 'api_key.revoked'
  ];
$$;
comment on function private.webhook_event_types() is
  'The webhook event types, in their canonical order (a webhook may also subscribe to ''*'', all of them).';

-----------------------------------------------------------------------------------------
-- organization_api_keys
-----------------------------------------------------------------------------------------
create table public.organization_api_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  prefix text not null,
  key_hash text not null,
  scopes text[] not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint organization_api_keys_key_hash_key unique (key_hash),
  constraint organization_api_keys_name_length check (
    char_length(name) between 1 and 100 and name !~ '[[:cntrl:]]' and name !~ '^\s' and name !~ '\s$'
  ),
  constraint organization_api_keys_prefix_format check (prefix ~ '^eak_[A-Za-z0-9]{8}$'),
  constraint organization_api_keys_key_hash_format check (key_hash ~ '^[0-9a-f]{64}$'),
  constraint organization_api_keys_scopes_valid check (
    cardinality(scopes) > 0 and array_position(scopes, null) is null and scopes <@ private.api_key_scopes()
  ),
  constraint organization_api_keys_expires_after_creation check (expires_at is null or expires_at > created_at)
);
comment on table public.organization_api_keys is
  'API keys of organizations (integrations.md): a key acts for its organization within its scopes. Only the SHA-256 of the key is stored, never the key. Visible through the API (without key_hash) to the organization''s OWNERs and ADMINs; changed only by the key functions. Deleted with the organization.';
comment on column public.organization_api_keys.id is 'Key id (random UUID); the audit log''s actor id for changes made with the key.';
comment on column public.organization_api_keys.organization_id is 'The organization the key acts for (the key goes with it).';
comment on column public.organization_api_keys.name is 'Display name, 1-100 characters without control characters, trimmed.';
comment on column public.organization_api_keys.prefix is 'The first 12 characters of the key (eak_ and 8 more), to recognise it in a list.';
comment on column public.organization_api_keys.key_hash is
  'Hex SHA-256 of the whole key (computed by the worker); how a presented key is found. Not readable by authenticated.';
comment on column public.organization_api_keys.scopes is
  'Non-empty subset of organization:read, members:read, members:write, invitations:write, audit:read (canonical order, no duplicates when created by create_api_key).';
comment on column public.organization_api_keys.created_by is 'The user who created the key; null when that user was deleted (the key stays valid).';
comment on column public.organization_api_keys.created_at is 'When the key was created.';
comment on column public.organization_api_keys.expires_at is 'From when the key is refused (TOKEN_INVALID); null = never expires.';
comment on column public.organization_api_keys.last_used_at is 'When the key was last accepted, updated at most once a minute; null = never used.';
comment on column public.organization_api_keys.revoked_at is 'When the key was revoked (refused from then on); null while valid.';

create index organization_api_keys_organization_id_idx on public.organization_api_keys (organization_id, created_at desc);
create index organization_api_keys_created_by_idx on public.organization_api_keys (created_by);

alter table public.organization_api_keys enable row level security;

-----------------------------------------------------------------------------------------
-- organization_webhooks
-----------------------------------------------------------------------------------------
create table public.organization_webhooks (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  url text not null,
  events text[] not null,
  secret text not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint organization_webhooks_url_format check (char_length(url) <= 2048 and url ~* '^https?://[^[:space:][:cntrl:]]+$'),
  constraint organization_webhooks_events_valid check (
    cardinality(events) > 0 and array_position(events, null) is null
    and events <@ (private.webhook_event_types() || '*'::text)
  ),
  constraint organization_webhooks_secret_format check (secret ~ '^whsec_[A-Za-z0-9+/]{32,}={0,2}$')
);
comment on table public.organization_webhooks is
  'Webhook endpoints of organizations (integrations.md). Visible through the API (without secret) to the organization''s OWNERs and ADMINs; changed only by the webhook functions. No foreign key to organizations on purpose: a deleted organization''s webhooks stay until organization.deleted has been delivered to them (or has failed), then they are deleted.';
comment on column public.organization_webhooks.id is 'Webhook id (random UUID).';
comment on column public.organization_webhooks.organization_id is
  'The organization whose events it receives (no foreign key: the row outlives the organization until organization.deleted is delivered).';
comment on column public.organization_webhooks.url is 'Where events are POSTed: http(s), at most 2048 characters (the worker applies the stricter URL rules).';
comment on column public.organization_webhooks.events is 'The event types it receives, or {*} for all of them.';
comment on column public.organization_webhooks.secret is
  'The signing secret (whsec_ + base64), shown once at creation. Readable by service_role (the worker signs with it) only.';
comment on column public.organization_webhooks.created_by is 'The user who created the webhook; null when that user was deleted.';
comment on column public.organization_webhooks.created_at is 'When the webhook was created; it receives the events written after that.';
comment on column public.organization_webhooks.deleted_at is 'When it was deleted through the API (no further deliveries); null while active.';

create index organization_webhooks_organization_id_idx on public.organization_webhooks (organization_id, created_at desc);
create index organization_webhooks_created_by_idx on public.organization_webhooks (created_by);

alter table public.organization_webhooks enable row level security;

-----------------------------------------------------------------------------------------
-- The outbox and the delivery log
-----------------------------------------------------------------------------------------
create table private.webhook_events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default clock_timestamp(),
  dispatched_at timestamptz,
  constraint webhook_events_type check (type = any (private.webhook_event_types())),
  constraint webhook_events_payload check (
    jsonb_typeof(payload) = 'object' and payload ->> 'organization_id' = organization_id::text
  )
);
comment on table private.webhook_events is
  'The webhook outbox: one row per change of an organization, written by triggers in the change''s transaction (so none for a change that rolled back). id is the webhook-id header; payload is the body''s data. No foreign keys: events outlive what they describe.';
comment on column private.webhook_events.id is 'Event id: the webhook-id header, the same on every retry.';
comment on column private.webhook_events.organization_id is 'The organization changed (it may have been deleted since).';
comment on column private.webhook_events.type is 'One of private.webhook_event_types().';
comment on column private.webhook_events.payload is 'The body''s data object: organization_id and ids, emails, roles and names; never a key, hash or secret.';
comment on column private.webhook_events.created_at is 'When the change was made (clock time, so events of one transaction keep their order): the body''s timestamp.';
comment on column private.webhook_events.dispatched_at is
  'When a dispatch (webhook_pending_events, webhook_event_targets) handed it out; null while pending.';

create index webhook_events_pending_idx on private.webhook_events (created_at, id) where dispatched_at is null;
create index webhook_events_organization_id_idx on private.webhook_events (organization_id, created_at);

create table private.webhook_deliveries (
  id bigint generated always as identity primary key,
  webhook_id uuid not null references public.organization_webhooks (id) on delete cascade,
  event_id uuid not null references private.webhook_events (id) on delete cascade,
  attempt integer not null,
  status text not null,
  response_status integer,
  at timestamptz not null default now(),
  constraint webhook_deliveries_status check (status in ('delivered', 'retrying', 'failed')),
  constraint webhook_deliveries_attempt_positive check (attempt >= 1),
  constraint webhook_deliveries_response_status_http check (response_status between 100 and 599)
);
comment on table private.webhook_deliveries is
  'One row per delivery attempt of an event to a webhook, as the worker reports it (webhook_record_delivery). Goes with the webhook.';
comment on column private.webhook_deliveries.id is 'Increasing id (newest first = id descending).';
comment on column private.webhook_deliveries.webhook_id is 'The webhook delivered to.';
comment on column private.webhook_deliveries.event_id is 'The event delivered.';
comment on column private.webhook_deliveries.attempt is 'Attempt number, from 1.';
comment on column private.webhook_deliveries.status is 'delivered (2xx in time), retrying (failed, will be retried) or failed (given up).';
comment on column private.webhook_deliveries.response_status is 'The endpoint''s HTTP status; null when there was no answer (timeout, network error).';
comment on column private.webhook_deliveries.at is 'When the attempt was recorded.';

create index webhook_deliveries_webhook_id_idx on private.webhook_deliveries (webhook_id, id desc);
create index webhook_deliveries_event_id_idx on private.webhook_deliveries (event_id, webhook_id);

alter table private.webhook_events enable row level security;
alter table private.webhook_deliveries enable row level security;
create policy "Webhook events are read by the webhook functions only"
  on private.webhook_events
  as restrictive
  for all
  to anon, authenticated, service_role
  using (false)
  with check (false);
comment on policy "Webhook events are read by the webhook functions only" on private.webhook_events is
  'No API role reads or writes the outbox (they have no privileges either): the triggers and the security definer webhook functions (owner postgres) do.';
create policy "Webhook deliveries are read by the webhook functions only"
  on private.webhook_deliveries
  as restrictive
  for all
  to anon, authenticated, service_role
  using (false)
  with check (false);
comment on policy "Webhook deliveries are read by the webhook functions only" on private.webhook_deliveries is
  'No API role reads or writes the delivery log directly: list_webhook_deliveries and webhook_record_delivery do.';

revoke all on table private.webhook_events, private.webhook_deliveries from public, anon, authenticated, service_role;

-----------------------------------------------------------------------------------------
-- Row-level security and privileges of the public tables
-----------------------------------------------------------------------------------------
create policy "Organization admins can view the API keys"
  on public.organization_api_keys
  for select
  to authenticated
  using (organization_id = any (array(select private.current_user_managed_organization_ids())));
comment on policy "Organization admins can view the API keys" on public.organization_api_keys is
  'A signed-in user sees the keys of the organizations they are OWNER or ADMIN of (at the assurance level those need), never key_hash (no column privilege). Nobody writes through the API (the key functions do).';

create policy "Organization admins can view the webhooks"
  on public.organization_webhooks
  for select
  to authenticated
  using (organization_id = any (array(select private.current_user_managed_organization_ids())));
comment on policy "Organization admins can view the webhooks" on public.organization_webhooks is
  'A signed-in user sees the webhooks of the organizations they are OWNER or ADMIN of (at the assurance level those need), never secret (no column privilege). Nobody writes through the API (the webhook functions do).';

revoke all on table public.organization_api_keys, public.organization_webhooks from public, anon, authenticated, service_role;
-- Every column but the hash and the secret.
grant select (id, organization_id, name, prefix, scopes, created_by, created_at, expires_at, last_used_at, revoked_at)
  on table public.organization_api_keys to authenticated;
grant select (id, organization_id, url, events, created_by, created_at, deleted_at)
  on table public.organization_webhooks to authenticated;
-- Admin integrations read everything (the worker signs with the secret through the functions).
grant select on table public.organization_api_keys, public.organization_webhooks to service_role;

-----------------------------------------------------------------------------------------
-- The audit log: who made the change, a user or an API key
-----------------------------------------------------------------------------------------
alter table public.organization_audit_log
  add column actor_type text not null default 'user',
  add column actor_key_id uuid,
  add column actor_name text,
  add constraint organization_audit_log_actor_type check (actor_type in ('user', 'api_key')),
  add constraint organization_audit_log_actor check (
    case when actor_type = 'api_key' then actor_key_id is not null and actor_id is null else actor_key_id is null end
  );
alter table public.organization_audit_log
  drop constraint organization_audit_log_action,
  add constraint organization_audit_log_action check (action in (
    'organization.created', 'organization.updated', 'organization.deleted',
    'member.added', 'member.role_changed', 'member.removed', 'member.left',
    'ownership.transferred',
    'invitation.created', 'invitation.revoked', 'invitation.accepted', 'invitation.declined',
    'api_key.created', 'api_key.revoked',
    'webhook.created', 'webhook.deleted'
  ));
comment on column public.organization_audit_log.action is
  'What happened: organization.created|updated|deleted, member.added|role_changed|removed|left, ownership.transferred, invitation.created|revoked|accepted|declined, api_key.created|revoked, webhook.created|deleted.';
comment on column public.organization_audit_log.actor_id is
  'The user who made the change (auth.uid()); null when not made by a user (an API key: see actor_key_id; SQL).';
comment on column public.organization_audit_log.actor_type is 'user (actor_id, possibly null for SQL) or api_key (actor_key_id).';
comment on column public.organization_audit_log.actor_key_id is 'The API key that made the change (actor_type api_key); null otherwise. No foreign key: history.';
comment on column public.organization_audit_log.actor_name is
  'The actor''s name at the time: the user''s email, or the key''s name. Never the key or its hash.';
comment on column public.organization_audit_log.details is
  'JSON object with the specifics: {name, slug} on creation, {name|slug|require_mfa: {from, to}} on update, {from, to} on a role change, {invitation_id, role} on invitations, {reason} when an expired invitation is replaced, {api_key_id, name, scopes, expires_at} for keys, {webhook_id, url, events} for webhooks.';

create function private.current_api_key_id()
returns uuid
language sql
stable
security invoker
set search_path = ''
as $$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
  from (select current_setting('edge_auth.api_key_id', true) as s) x;
$$;
comment on function private.current_api_key_id() is
  'The key id in the transaction-local setting edge_auth.api_key_id (set by the key functions), or null.';

create or replace function private.write_audit(
  p_organization_id uuid,
  p_action text,
  p_target_user_id uuid default null,
  p_target_email text default null,
  p_details jsonb default '{}'::jsonb
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_key_id uuid;
  v_key_name text;
begin
  -- An API key acts without a user: the setting names it only for a caller without one,
  -- and only a key of the organization changed counts.
  if v_uid is null then
    select k.id, k.name into v_key_id, v_key_name
    from public.organization_api_keys k
    where k.id = private.current_api_key_id() and k.organization_id = p_organization_id;
  end if;

  insert into public.organization_audit_log (
    organization_id, action, actor_type, actor_id, actor_key_id, actor_name, target_user_id, target_email, details
  )
  values (
    p_organization_id,
    p_action,
    case when v_key_id is null then 'user' else 'api_key' end,
    case when v_key_id is null then v_uid end,
    v_key_id,
    case when v_key_id is null then private.user_email(v_uid) else v_key_name end,
    p_target_user_id,
    p_target_email,
    coalesce(p_details, '{}'::jsonb)
  );
end;
$$;
comment on function private.write_audit(uuid, text, uuid, text, jsonb) is
  'Appends one audit row in the current transaction. Actor: the API key named by edge_auth.api_key_id when the caller has no user and the key belongs to the organization (actor_type api_key, actor_name its name), else auth.uid() (actor_type user, actor_name the email). Callers pass ids, emails, names and roles only: never a password, token, key or hash.';

-----------------------------------------------------------------------------------------
-- Events: the outbox, written by triggers
-----------------------------------------------------------------------------------------
create function private.emit_webhook_event(p_organization_id uuid, p_type text, p_data jsonb default '{}'::jsonb)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  insert into private.webhook_events (organization_id, type, payload)
  values (p_organization_id, p_type, coalesce(p_data, '{}'::jsonb) || jsonb_build_object('organization_id', p_organization_id));
$$;
comment on function private.emit_webhook_event(uuid, text, jsonb) is
  'Writes one event to the outbox in the current transaction; data gets the organization_id. Called by the triggers and transfer_ownership (as their owner).';

create function private.memberships_webhook_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.emit_webhook_event(new.organization_id, 'member.added',
      jsonb_build_object('user_id', new.user_id, 'email', private.user_email(new.user_id), 'role', new.role));
  elsif tg_op = 'UPDATE' then
    if new.role is distinct from old.role then
      perform private.emit_webhook_event(new.organization_id, 'member.role_changed',
        jsonb_build_object('user_id', new.user_id, 'email', private.user_email(new.user_id),
                           'role', new.role, 'previous_role', old.role));
    end if;
  -- A membership deleted together with its organization: organization.deleted says it all.
  elsif exists (select 1 from public.organizations o where o.id = old.organization_id) then
    perform private.emit_webhook_event(old.organization_id, 'member.removed',
      jsonb_build_object('user_id', old.user_id, 'email', private.user_email(old.user_id), 'role', old.role));
  end if;
  return null;
end;
$$;
comment on function private.memberships_webhook_event() is
  'Trigger: member.added, member.role_changed and member.removed events (none for memberships deleted with their organization), whoever changes memberships.';

create trigger memberships_webhook_events
  after insert or delete or update of role on public.memberships
  for each row execute function private.memberships_webhook_event();

create function private.invitations_webhook_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.emit_webhook_event(new.organization_id, 'invitation.created',
      jsonb_build_object('invitation_id', new.id, 'email', new.email, 'role', new.role,
                         'invited_by', new.invited_by, 'expires_at', new.expires_at));
  elsif new.status is distinct from old.status and new.status in ('accepted', 'revoked') then
    perform private.emit_webhook_event(new.organization_id, 'invitation.' || new.status::text,
      jsonb_build_object('invitation_id', new.id, 'email', new.email, 'role', new.role));
  end if;
  return null;
end;
$$;
comment on function private.invitations_webhook_event() is
  'Trigger: invitation.created, invitation.accepted and invitation.revoked events (a declined invitation has no event type).';

create trigger invitations_webhook_events
  after insert or update of status on public.invitations
  for each row execute function private.invitations_webhook_event();

create function private.organizations_webhook_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_changes jsonb := '{}'::jsonb;
begin
  if tg_op = 'DELETE' then
    perform private.emit_webhook_event(old.id, 'organization.deleted', jsonb_build_object('name', old.name, 'slug', old.slug));
    return null;
  end if;

  if new.name is distinct from old.name then
    v_changes := v_changes || jsonb_build_object('name', jsonb_build_object('from', old.name, 'to', new.name));
  end if;
  if new.slug is distinct from old.slug then
    v_changes := v_changes || jsonb_build_object('slug', jsonb_build_object('from', old.slug, 'to', new.slug));
  end if;
  if new.plan is distinct from old.plan then
    v_changes := v_changes || jsonb_build_object('plan', jsonb_build_object('from', old.plan, 'to', new.plan));
  end if;
  if new.require_mfa is distinct from old.require_mfa then
    v_changes := v_changes || jsonb_build_object('require_mfa', jsonb_build_object('from', old.require_mfa, 'to', new.require_mfa));
  end if;
  if v_changes <> '{}'::jsonb then
    perform private.emit_webhook_event(new.id, 'organization.updated', jsonb_build_object(
      'name', new.name, 'slug', new.slug, 'plan', new.plan, 'require_mfa', new.require_mfa, 'changes', v_changes));
  end if;
  return null;
end;
$$;
comment on function private.organizations_webhook_event() is
  'Trigger: organization.updated (name, slug, plan or require_mfa changed) and organization.deleted events.';

create trigger organizations_webhook_events
  after update of name, slug, plan, require_mfa or delete on public.organizations
  for each row execute function private.organizations_webhook_event();

create function private.api_keys_webhook_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.emit_webhook_event(new.organization_id, 'api_key.created', jsonb_build_object(
      'api_key_id', new.id, 'name', new.name, 'scopes', new.scopes, 'expires_at', new.expires_at, 'created_by', new.created_by));
  elsif old.revoked_at is null and new.revoked_at is not null then
    perform private.emit_webhook_event(new.organization_id, 'api_key.revoked',
      jsonb_build_object('api_key_id', new.id, 'name', new.name));
  end if;
  return null;
end;
$$;
comment on function private.api_keys_webhook_event() is
  'Trigger: api_key.created and api_key.revoked (revoked_at set) events; never the key''s prefix or hash.';

create trigger organization_api_keys_webhook_events
  after insert or update of revoked_at on public.organization_api_keys
  for each row execute function private.api_keys_webhook_event();

-----------------------------------------------------------------------------------------
-- Shared inner functions of the organization functions (the caller is a user or a key)
-----------------------------------------------------------------------------------------
create function private.member_role(p_organization_id uuid, p_user_id uuid)
returns public.organization_role
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role public.organization_role;
begin
  select m.role into v_role from public.memberships m where m.organization_id = p_organization_id and m.user_id = p_user_id;
  if v_role is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Member not found');
  end if;
  return v_role;
end;
$$;
comment on function private.member_role(uuid, uuid) is 'The member''s role; PT404 NOT_FOUND ''Member not found'' when not a member.';

create function private.apply_role_change(
  p_organization_id uuid, p_user_id uuid, p_from public.organization_role, p_to public.organization_role
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  if p_from = p_to then
    return private.member_json(p_organization_id, p_user_id);
  end if;
  if p_from = 'owner' and private.owner_count(p_organization_id) <= 1 then
    perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER',
      'Make another member OWNER first, or transfer ownership.');
  end if;

  begin
    update public.memberships m set role = p_to where m.organization_id = p_organization_id and m.user_id = p_user_id;
  exception when check_violation then
    if private.is_last_owner_violation(sqlerrm) then
      perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER');
    end if;
    raise;
  end;
  perform private.write_audit(p_organization_id, 'member.role_changed', p_user_id, private.user_email(p_user_id),
    jsonb_build_object('from', p_from, 'to', p_to));
  return private.member_json(p_organization_id, p_user_id);
end;
$$;
comment on function private.apply_role_change(uuid, uuid, public.organization_role, public.organization_role) is
  'Changes an authorized role change (the organization locked by the caller): nothing when unchanged, PT409 LAST_OWNER, audited; returns the member.';

create function private.delete_member(p_organization_id uuid, p_user_id uuid, p_role public.organization_role)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  begin
    delete from public.memberships m where m.organization_id = p_organization_id and m.user_id = p_user_id;
  exception when check_violation then
    if private.is_last_owner_violation(sqlerrm) then
      perform private.organization_error('PT409', 'LAST_OWNER', 'An organization must keep at least one OWNER');
    end if;
    raise;
  end;
  perform private.write_audit(p_organization_id, 'member.removed', p_user_id, private.user_email(p_user_id),
    jsonb_build_object('role', p_role));
end;
$$;
comment on function private.delete_member(uuid, uuid, public.organization_role) is
  'Removes an authorized member (the organization locked by the caller): PT409 LAST_OWNER, audited as member.removed.';

create function private.members_page(p_organization_id uuid, p_limit integer, p_offset integer)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_limit integer := coalesce(p_limit, 50);
  v_offset integer := coalesce(p_offset, 0);
begin
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
        where m.organization_id = p_organization_id
        order by m.role, lower(u.email::text), m.user_id
        limit v_limit offset v_offset
      ) x
    ), '[]'::jsonb),
    'total', (select count(*) from public.memberships m where m.organization_id = p_organization_id)
  );
end;
$$;
comment on function private.members_page(uuid, integer, integer) is
  'A page of the organization''s members by role then email, and the total: {members: [member], total}; 22023 for limit outside 1-1000 or a negative offset.';

create function private.check_invitation_email(p_email text)
returns text
language plpgsql
immutable
security invoker
set search_path = ''
as $$
declare
  v_email text := lower(btrim(coalesce(p_email, '')));
begin
  if char_length(v_email) > 254 or v_email !~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Email must be a valid address');
  end if;
  return v_email;
end;
$$;
comment on function private.check_invitation_email(text) is 'The address trimmed and lowercased; 22023 VALIDATION_ERROR unless it looks like an email address.';

create function private.insert_invitation(
  p_organization_id uuid, p_email text, p_role public.organization_role, p_invited_by uuid
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_settings private.settings := private.organization_settings();
  v_expired record;
  v_id uuid;
begin
  if exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.organization_id = p_organization_id and lower(u.email::text) = p_email
  ) then
    perform private.organization_error('PT409', 'CONFLICT', 'This address is already a member of the organization');
  end if;

  -- A pending invitation that has expired is replaced (revoked, and audited as such).
  for v_expired in
    select i.id from public.invitations i
    where i.organization_id = p_organization_id and i.email = p_email and i.status = 'pending'
    for update
  loop
    if (select i.expires_at > now() from public.invitations i where i.id = v_expired.id) then
      perform private.organization_error('PT409', 'CONFLICT', 'An invitation is already pending for this address',
        'Revoke it first to invite again.');
    end if;
    update public.invitations i set status = 'revoked', answered_at = now() where i.id = v_expired.id;
    perform private.write_audit(p_organization_id, 'invitation.revoked', null, p_email,
      jsonb_build_object('invitation_id', v_expired.id, 'reason', 'expired'));
  end loop;

  if (select count(*) from public.memberships m where m.organization_id = p_organization_id)
     + (select count(*) from public.invitations i
        where i.organization_id = p_organization_id and i.status = 'pending' and i.expires_at > now())
     + 1 > v_settings.org_member_limit then
    perform private.organization_error('PT409', 'LIMIT_REACHED',
      format('An organization may have at most %s members and pending invitations', v_settings.org_member_limit),
      'Revoke pending invitations or remove members, or ask an admin to raise org_member_limit.');
  end if;

  insert into public.invitations (organization_id, email, role, invited_by, expires_at)
  values (p_organization_id, p_email, p_role, p_invited_by, now() + make_interval(secs => v_settings.invitation_ttl_seconds))
  returning id into v_id;
  perform private.write_audit(p_organization_id, 'invitation.created', null, p_email,
    jsonb_build_object('invitation_id', v_id, 'role', p_role));
  return private.invitation_json(v_id);
end;
$$;
comment on function private.insert_invitation(uuid, text, public.organization_role, uuid) is
  'Creates an authorized invitation (the organization locked by the caller): PT409 CONFLICT already a member / already pending (an expired one is replaced), PT409 LIMIT_REACHED; valid for invitation_ttl_seconds; audited; returns the invitation.';

create function private.revoke_pending_invitation(p_organization_id uuid, p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_invitation public.invitations;
begin
  select i.* into v_invitation from public.invitations i
  where i.id = p_invitation_id and i.organization_id = p_organization_id
  for update;
  if v_invitation.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Invitation not found');
  end if;
  if v_invitation.status <> 'pending' then
    perform private.organization_error('PT409', 'CONFLICT', format('This invitation was already %s', v_invitation.status));
  end if;

  update public.invitations i set status = 'revoked', answered_at = now() where i.id = p_invitation_id;
  perform private.write_audit(p_organization_id, 'invitation.revoked', null, v_invitation.email,
    jsonb_build_object('invitation_id', p_invitation_id, 'role', v_invitation.role));
  return private.invitation_json(p_invitation_id);
end;
$$;
comment on function private.revoke_pending_invitation(uuid, uuid) is
  'Revokes a pending invitation of the organization (authorized by the caller): PT404 not the organization''s, PT409 CONFLICT already answered; audited; returns the invitation.';

create function private.pending_invitations(p_organization_id uuid)
returns table (
  id uuid, email text, role text, invited_by uuid, inviter_email text,
  inviter_first_name text, inviter_last_name text, created_at timestamptz, expires_at timestamptz
)
language sql
stable
security invoker
set search_path = ''
as $$
  select i.id, i.email, i.role::text, i.invited_by, lower(u.email::text), p.first_name, p.last_name, i.created_at, i.expires_at
  from public.invitations i
  left join auth.users u on u.id = i.invited_by
  left join public.profiles p on p.id = i.invited_by
  where i.organization_id = p_organization_id and i.status = 'pending' and i.expires_at > now()
  order by i.created_at desc, i.id;
$$;
comment on function private.pending_invitations(uuid) is 'The organization''s pending, unexpired invitations, newest first, with the inviter''s email and names.';

create function private.audit_page(p_organization_id uuid, p_limit integer, p_before bigint)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz,
  actor_type text, actor_key_id uuid, actor_name text
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_limit integer := coalesce(p_limit, 50);
begin
  if v_limit not between 1 and 1000 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'limit must be 1-1000');
  end if;

  return query
  select a.id, a.action, a.actor_id, a.target_user_id, a.target_email, a.details, a.created_at,
         a.actor_type, a.actor_key_id,
         -- Rows written before actor_name existed: the user's current email.
         coalesce(a.actor_name, case when a.actor_type = 'user' then private.user_email(a.actor_id) end)
  from public.organization_audit_log a
  where a.organization_id = p_organization_id and (p_before is null or a.id < p_before)
  order by a.id desc
  limit v_limit;
end;
$$;
comment on function private.audit_page(uuid, integer, bigint) is
  'The organization''s audit rows, newest first, at most p_limit (1-1000, else 22023), older than row p_before when given, with the actor (actor_type, actor_id or actor_key_id, actor_name).';

-----------------------------------------------------------------------------------------
-- The organization functions, re-created on the shared inner functions (same behaviour)
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
begin
  if not exists (select 1 from public.memberships m where m.organization_id = p_org_id and m.user_id = v_uid) then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  return private.members_page(p_org_id, p_limit, p_offset);
end;
$$;

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
  v_target := private.member_role(p_org_id, p_user_id);
  if v_role = 'admin' and (v_target = 'owner' or v_new = 'owner') then
    perform private.organization_error('PT403', 'FORBIDDEN', 'ADMINs can change roles between ADMIN and MEMBER only, never an OWNER''s');
  end if;
  return private.apply_role_change(p_org_id, p_user_id, v_target, v_new);
end;
$$;

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
  v_target := private.member_role(p_org_id, p_user_id);
  if v_role = 'admin' and v_target <> 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'ADMINs can remove MEMBERs only');
  end if;
  perform private.delete_member(p_org_id, p_user_id, v_target);
end;
$$;

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
  v_target := private.member_role(p_org_id, p_user_id);

  -- Promote first, then demote: there is an OWNER at every moment. Each role change emits
  -- its member.role_changed event (trigger); the transfer as a whole ownership.transferred.
  update public.memberships m set role = 'owner' where m.organization_id = p_org_id and m.user_id = p_user_id and m.role <> 'owner';
  update public.memberships m set role = 'admin' where m.organization_id = p_org_id and m.user_id = v_uid;
  perform private.write_audit(p_org_id, 'ownership.transferred', p_user_id, private.user_email(p_user_id),
    jsonb_build_object('previous_role', v_target, 'previous_owner_id', v_uid, 'previous_owner_role', 'admin'));
  perform private.emit_webhook_event(p_org_id, 'ownership.transferred', jsonb_build_object(
    'user_id', p_user_id, 'email', private.user_email(p_user_id), 'previous_owner_id', v_uid));
  return private.organization_json(p_org_id, 'admin');
end;
$$;
comment on function private.transfer_ownership(uuid, uuid) is
  'OWNER only: p_user_id (a current member) becomes OWNER and the caller ADMIN, atomically; audited; events member.role_changed (each role) and ownership.transferred. PT404 unknown organization/member; PT403 not OWNER or personal; 22023 oneself.';

create or replace function private.create_invitation(p_org_id uuid, p_email text, p_role text default 'member')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_new public.organization_role := private.parse_role(coalesce(p_role, 'member'));
  v_email text;
  v_role public.organization_role;
begin
  v_email := private.check_invitation_email(p_email);
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
  return private.insert_invitation(p_org_id, v_email, v_new, v_uid);
end;
$$;

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
  return query select * from private.pending_invitations(p_org_id);
end;
$$;

create or replace function private.revoke_invitation(p_org_id uuid, p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_role public.organization_role := private.authorize_member(p_org_id);
begin
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can revoke invitations');
  end if;
  return private.revoke_pending_invitation(p_org_id, p_invitation_id);
end;
$$;

-- The audit list gains the actor's type, key id and name: a new row type, so drop and create.
drop function public.list_organization_audit(uuid, integer, bigint);
drop function private.list_organization_audit(uuid, integer, bigint);

create function private.list_organization_audit(p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz,
  actor_type text, actor_key_id uuid, actor_name text
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
    perform private.organization_error('PT403', 'FORBIDDEN', 'Only OWNERs and ADMINs can read the audit log');
  end if;
  return query select * from private.audit_page(p_org_id, p_limit, p_before);
end;
$$;
comment on function private.list_organization_audit(uuid, integer, bigint) is
  'The organization''s audit rows, newest first (id descending), at most p_limit (1-1000, default 50), older than the row id p_before when given, each with actor_type (user | api_key), actor_key_id and actor_name (the user''s email or the key''s name). OWNER, ADMIN; PT404 unless a member; PT403 for a MEMBER.';

create function public.list_organization_audit(p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns table (
  id bigint, action text, actor_id uuid, target_user_id uuid, target_email text, details jsonb, created_at timestamptz,
  actor_type text, actor_key_id uuid, actor_name text
)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  perform private.assert_organization_assurance(p_org_id);
  return query select * from private.list_organization_audit(p_org_id, p_limit, p_before);
end;
$$;
comment on function public.list_organization_audit(uuid, integer, bigint) is
  'GET /organizations/:orgId/audit: newest first; p_before = the id of the last row of the previous page. Each row: id, action, actor_id, target_user_id, target_email, details, created_at, actor_type (user | api_key), actor_key_id, actor_name (actor = {type: actor_type, id: actor_id or actor_key_id, name: actor_name}). OWNER, ADMIN; PT404, PT403, 22023.';

revoke all on function private.list_organization_audit(uuid, integer, bigint) from public, anon, authenticated, service_role;
revoke all on function public.list_organization_audit(uuid, integer, bigint) from public, anon, authenticated, service_role;
grant execute on function private.list_organization_audit(uuid, integer, bigint) to authenticated;
grant execute on function public.list_organization_audit(uuid, integer, bigint) to authenticated;

-----------------------------------------------------------------------------------------
-- The user side: keys and webhooks of an organization (OWNER, ADMIN)
-----------------------------------------------------------------------------------------
create function private.authorize_manager(p_organization_id uuid, p_lock text, p_subject text)
returns public.organization_role
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_role public.organization_role := private.authorize_member(p_organization_id, p_lock);
begin
  if private.is_personal_organization(p_organization_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', format('A personal organization has no %s', p_subject));
  end if;
  if v_role = 'member' then
    perform private.organization_error('PT403', 'FORBIDDEN', format('Only OWNERs and ADMINs can manage %s', p_subject));
  end if;
  return v_role;
end;
$$;
comment on function private.authorize_manager(uuid, text, text) is
  'authorize_member (PT404, MFA_REQUIRED, lock), then PT403 FORBIDDEN for a personal organization or a MEMBER; the caller''s role (owner or admin). p_subject names what is managed in the messages.';

create function private.api_key_json(p_key public.organization_api_keys)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', (p_key).id,
    'name', (p_key).name,
    'prefix', (p_key).prefix,
    'scopes', to_jsonb((p_key).scopes),
    'created_at', (p_key).created_at,
    'expires_at', (p_key).expires_at,
    'last_used_at', (p_key).last_used_at
  );
$$;
comment on function private.api_key_json(public.organization_api_keys) is
  'A key as the API answers it: {id, name, prefix, scopes, created_at, expires_at, last_used_at}; never the hash.';

create function private.webhook_json(p_webhook public.organization_webhooks)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', (p_webhook).id,
    'url', (p_webhook).url,
    'events', to_jsonb((p_webhook).events),
    'created_at', (p_webhook).created_at
  );
$$;
comment on function private.webhook_json(public.organization_webhooks) is
  'A webhook as the API answers it: {id, url, events, created_at}; never the secret.';

create function private.create_api_key(
  p_org_id uuid, p_name text, p_scopes text[], p_key_hash text, p_prefix text, p_expires_at timestamptz default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_name text;
  v_scopes text[];
  v_key public.organization_api_keys;
begin
  perform private.authorize_manager(p_org_id, 'update', 'API keys');

  v_name := regexp_replace(coalesce(p_name, ''), '^\s+|\s+$', '', 'g');
  if char_length(v_name) not between 1 and 100 or v_name ~ '[[:cntrl:]]' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'Key name must be 1-100 characters without control characters');
  end if;
  if p_scopes is null or cardinality(p_scopes) = 0 or array_position(p_scopes, null) is not null
     or not (p_scopes <@ private.api_key_scopes()) then
    perform private.organization_error('22023', 'VALIDATION_ERROR',
      'scopes must be a non-empty list of organization:read, members:read, members:write, invitations:write, audit:read');
  end if;
  v_scopes := array(select s from unnest(private.api_key_scopes()) with ordinality a(s, n) where s = any (p_scopes) order by n);
  if p_key_hash is null or p_key_hash !~ '^[0-9a-f]{64}$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'key_hash must be the hex SHA-256 of the key');
  end if;
  if p_prefix is null or p_prefix !~ '^eak_[A-Za-z0-9]{8}$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'prefix must be the first 12 characters of the key');
  end if;
  if p_expires_at is not null and p_expires_at <= now() then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'expires_at must be in the future');
  end if;

  begin
    insert into public.organization_api_keys (organization_id, name, prefix, key_hash, scopes, created_by, expires_at)
    values (p_org_id, v_name, p_prefix, p_key_hash, v_scopes, v_uid, p_expires_at)
    returning * into v_key;
  exception when unique_violation then
    perform private.organization_error('PT409', 'CONFLICT', 'This key is already registered', 'Generate a new key.');
  end;
  perform private.write_audit(p_org_id, 'api_key.created', null, null, jsonb_build_object(
    'api_key_id', v_key.id, 'name', v_key.name, 'scopes', v_key.scopes, 'expires_at', v_key.expires_at));
  return private.api_key_json(v_key);
end;
$$;
comment on function private.create_api_key(uuid, text, text[], text, text, timestamptz) is
  'Registers a key of the organization (OWNER, ADMIN of a team organization) by its hash and prefix; audited. PT404, PT403 FORBIDDEN / MFA_REQUIRED, 22023 bad name, scopes, hash, prefix or expiry, PT409 CONFLICT hash taken.';

create function private.list_api_keys(p_org_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.authorize_manager(p_org_id, null, 'API keys');
  return coalesce((
    select jsonb_agg(private.api_key_json(k) order by k.created_at desc, k.id)
    from public.organization_api_keys k
    where k.organization_id = p_org_id and k.revoked_at is null
  ), '[]'::jsonb);
end;
$$;
comment on function private.list_api_keys(uuid) is
  'The organization''s keys that are not revoked (expired ones included), newest first, without hash (OWNER, ADMIN). PT404, PT403.';

create function private.revoke_api_key(p_org_id uuid, p_key_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key public.organization_api_keys;
begin
  perform private.authorize_manager(p_org_id, 'update', 'API keys');
  select k.* into v_key from public.organization_api_keys k
  where k.id = p_key_id and k.organization_id = p_org_id and k.revoked_at is null
  for update;
  if v_key.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'API key not found');
  end if;
  update public.organization_api_keys k set revoked_at = now() where k.id = p_key_id returning * into v_key;
  perform private.write_audit(p_org_id, 'api_key.revoked', null, null, jsonb_build_object('api_key_id', v_key.id, 'name', v_key.name));
  return private.api_key_json(v_key);
end;
$$;
comment on function private.revoke_api_key(uuid, uuid) is
  'Revokes a key of the organization (OWNER, ADMIN): refused from the next request on; audited; returns the key. PT404 unknown, another organization''s or already revoked; PT403.';

create function private.create_webhook(p_org_id uuid, p_url text, p_events text[], p_secret text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_caller();
  v_url text := btrim(coalesce(p_url, ''));
  v_events text[];
  v_webhook public.organization_webhooks;
begin
  perform private.authorize_manager(p_org_id, 'update', 'webhooks');

  if char_length(v_url) > 2048 or v_url !~* '^https?://[^[:space:][:cntrl:]]+$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'url must be an http(s) URL');
  end if;
  if p_events is null or cardinality(p_events) = 0 or array_position(p_events, null) is not null
     or not (p_events <@ (private.webhook_event_types() || '*'::text)) then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'events must be a non-empty list of event types, or ["*"]');
  end if;
  v_events := case when '*' = any (p_events) then array['*']
                   else array(select t from unnest(private.webhook_event_types()) with ordinality a(t, n)
                              where t = any (p_events) order by n) end;
  if p_secret is null or p_secret !~ '^whsec_[A-Za-z0-9+/]{32,}={0,2}$' then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'secret must be whsec_ followed by the base64 of at least 24 bytes');
  end if;

  insert into public.organization_webhooks (organization_id, url, events, secret, created_by)
  values (p_org_id, v_url, v_events, p_secret, v_uid)
  returning * into v_webhook;
  perform private.write_audit(p_org_id, 'webhook.created', null, null, jsonb_build_object(
    'webhook_id', v_webhook.id, 'url', v_webhook.url, 'events', v_webhook.events));
  return private.webhook_json(v_webhook);
end;
$$;
comment on function private.create_webhook(uuid, text, text[], text) is
  'Adds a webhook to the organization (OWNER, ADMIN of a team organization); events are deduplicated into their canonical order, any ''*'' means {*}; audited; returns it without the secret. PT404, PT403, 22023 bad url, events or secret.';

create function private.list_webhooks(p_org_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.authorize_manager(p_org_id, null, 'webhooks');
  return coalesce((
    select jsonb_agg(private.webhook_json(w) order by w.created_at desc, w.id)
    from public.organization_webhooks w
    where w.organization_id = p_org_id and w.deleted_at is null
  ), '[]'::jsonb);
end;
$$;
comment on function private.list_webhooks(uuid) is 'The organization''s webhooks that are not deleted, newest first, without secret (OWNER, ADMIN). PT404, PT403.';

create function private.delete_webhook(p_org_id uuid, p_webhook_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_webhook public.organization_webhooks;
begin
  perform private.authorize_manager(p_org_id, 'update', 'webhooks');
  select w.* into v_webhook from public.organization_webhooks w
  where w.id = p_webhook_id and w.organization_id = p_org_id and w.deleted_at is null
  for update;
  if v_webhook.id is null then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Webhook not found');
  end if;
  update public.organization_webhooks w set deleted_at = now() where w.id = p_webhook_id returning * into v_webhook;
  perform private.write_audit(p_org_id, 'webhook.deleted', null, null, jsonb_build_object('webhook_id', v_webhook.id, 'url', v_webhook.url));
  return private.webhook_json(v_webhook);
end;
$$;
comment on function private.delete_webhook(uuid, uuid) is
  'Deletes a webhook of the organization (OWNER, ADMIN): deleted_at is set, no further deliveries or retries; audited; returns it. PT404 unknown, another organization''s or already deleted; PT403.';

create function private.list_webhook_deliveries(p_org_id uuid, p_webhook_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.authorize_manager(p_org_id, null, 'webhooks');
  if not exists (
    select 1 from public.organization_webhooks w
    where w.id = p_webhook_id and w.organization_id = p_org_id and w.deleted_at is null
  ) then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Webhook not found');
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
             'event_id', x.event_id, 'type', x.type, 'attempt', x.attempt, 'status', x.status,
             'response_status', x.response_status, 'at', x.at) order by x.id desc)
    from (
      select d.id, d.event_id, e.type, d.attempt, d.status, d.response_status, d.at
      from private.webhook_deliveries d
      join private.webhook_events e on e.id = d.event_id
      where d.webhook_id = p_webhook_id
      order by d.id desc
      limit 100
    ) x
  ), '[]'::jsonb);
end;
$$;
comment on function private.list_webhook_deliveries(uuid, uuid) is
  'The last 100 delivery attempts of a webhook of the organization, newest first: [{event_id, type, attempt, status, response_status, at}] (OWNER, ADMIN). PT404 unknown, another organization''s or deleted webhook; PT403.';

-- The API entry points (security invoker; the session check first).
create function public.create_api_key(
  p_org_id uuid, p_name text, p_scopes text[], p_key_hash text, p_prefix text, p_expires_at timestamptz default null
)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.create_api_key(p_org_id, p_name, p_scopes, p_key_hash, p_prefix, p_expires_at);
end;
$$;
comment on function public.create_api_key(uuid, text, text[], text, text, timestamptz) is
  'POST /organizations/:orgId/api-keys: registers the key the worker generated (its hex SHA-256 and its first 12 characters); returns {id, name, prefix, scopes, created_at, expires_at, last_used_at}. OWNER, ADMIN of a team organization (aal2 when it requires a second factor). PT404, PT403, 22023, PT409.';

create function public.list_api_keys(p_org_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.list_api_keys(p_org_id);
end;
$$;
comment on function public.list_api_keys(uuid) is
  'GET /organizations/:orgId/api-keys: the keys not revoked, newest first, [{id, name, prefix, scopes, created_at, expires_at, last_used_at}]. OWNER, ADMIN; PT404, PT403.';

create function public.revoke_api_key(p_org_id uuid, p_key_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.revoke_api_key(p_org_id, p_key_id);
end;
$$;
comment on function public.revoke_api_key(uuid, uuid) is
  'DELETE /organizations/:orgId/api-keys/:keyId: revokes the key, returns it. OWNER, ADMIN; PT404 (unknown, another organization''s, already revoked), PT403.';

create function public.create_webhook(p_org_id uuid, p_url text, p_events text[], p_secret text)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.create_webhook(p_org_id, p_url, p_events, p_secret);
end;
$$;
comment on function public.create_webhook(uuid, text, text[], text) is
  'POST /organizations/:orgId/webhooks: stores the webhook with the secret the worker generated; returns {id, url, events, created_at}. OWNER, ADMIN of a team organization; PT404, PT403, 22023.';

create function public.list_webhooks(p_org_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.list_webhooks(p_org_id);
end;
$$;
comment on function public.list_webhooks(uuid) is
  'GET /organizations/:orgId/webhooks: [{id, url, events, created_at}], newest first, never the secret. OWNER, ADMIN; PT404, PT403.';

create function public.delete_webhook(p_org_id uuid, p_webhook_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.delete_webhook(p_org_id, p_webhook_id);
end;
$$;
comment on function public.delete_webhook(uuid, uuid) is
  'DELETE /organizations/:orgId/webhooks/:webhookId: no further deliveries; returns the webhook. OWNER, ADMIN; PT404, PT403.';

create function public.list_webhook_deliveries(p_org_id uuid, p_webhook_id uuid)
returns jsonb language plpgsql volatile security invoker set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.list_webhook_deliveries(p_org_id, p_webhook_id);
end;
$$;
comment on function public.list_webhook_deliveries(uuid, uuid) is
  'GET /organizations/:orgId/webhooks/:webhookId/deliveries: the last 100 attempts, newest first, [{event_id, type, attempt, status, response_status, at}]. OWNER, ADMIN; PT404, PT403.';

-----------------------------------------------------------------------------------------
-- The key side (service_role: the worker passes the presented key's hash)
-----------------------------------------------------------------------------------------
create function private.valid_api_key(p_key_hash text)
returns public.organization_api_keys
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_key public.organization_api_keys;
begin
  select k.* into v_key from public.organization_api_keys k
  where k.key_hash = p_key_hash and k.revoked_at is null and (k.expires_at is null or k.expires_at > now());
  if v_key.id is null then
    perform private.organization_error('PT401', 'TOKEN_INVALID', 'Invalid API key', 'The key is unknown, revoked or expired.');
  end if;
  return v_key;
end;
$$;
comment on function private.valid_api_key(text) is 'The key with this hash if it is neither revoked nor expired; PT401 TOKEN_INVALID otherwise.';

create function private.touch_api_key(p_key_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  -- At most once a minute; a key row locked by another request (touching it, or being
  -- revoked) is skipped rather than waited for.
  update public.organization_api_keys k set last_used_at = now()
  where k.id = (
    select k2.id from public.organization_api_keys k2
    where k2.id = p_key_id and (k2.last_used_at is null or k2.last_used_at <= now() - interval '1 minute')
    for no key update skip locked
  );
$$;
comment on function private.touch_api_key(uuid) is 'Sets the key''s last_used_at to now unless it was set less than a minute ago (or the row is locked).';

create function private.api_key_authorize(p_key_hash text, p_org_id uuid, p_scope text, p_lock text default null)
returns public.organization_api_keys
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_key public.organization_api_keys := private.valid_api_key(p_key_hash);
begin
  if p_org_id is null or v_key.organization_id <> p_org_id then
    perform private.organization_error('PT404', 'NOT_FOUND', 'Organization not found');
  end if;
  if not (p_scope = any (v_key.scopes)) then
    perform private.organization_error('PT403', 'FORBIDDEN', format('This API key does not have the scope %s', p_scope));
  end if;
  -- The audit rows of this transaction name the key as their actor (private.write_audit).
  perform set_config('edge_auth.api_key_id', v_key.id::text, true);
  if p_lock = 'update' then
    perform 1 from public.organizations o where o.id = p_org_id for no key update;
    -- Revoking takes the same lock first: a revocation that committed while this call
    -- waited wins.
    v_key := private.valid_api_key(p_key_hash);
  end if;
  perform private.touch_api_key(v_key.id);
  return v_key;
end;
$$;
comment on function private.api_key_authorize(text, uuid, text, text) is
  'The key function''s check: a valid key (PT401 TOKEN_INVALID) of this organization (PT404 NOT_FOUND) with the scope (PT403 FORBIDDEN); sets edge_auth.api_key_id for the audit, locks the organization when p_lock = ''update'' (and checks the key again after the lock), touches last_used_at.';

create function private.api_key_authenticate(p_key_hash text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key public.organization_api_keys := private.valid_api_key(p_key_hash);
begin
  perform private.touch_api_key(v_key.id);
  return jsonb_build_object('id', v_key.id, 'organization_id', v_key.organization_id, 'name', v_key.name, 'scopes', to_jsonb(v_key.scopes));
end;
$$;
comment on function private.api_key_authenticate(text) is
  'The key with this hash: {id, organization_id, name, scopes}, last_used_at touched (at most once a minute); PT401 TOKEN_INVALID when unknown, revoked or expired.';

create function private.key_get_organization(p_key_hash text, p_org_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'organization:read');
  return private.organization_json(p_org_id, null);
end;
$$;
comment on function private.key_get_organization(text, uuid) is
  'organization:read: the key''s organization as get_organization answers it, role null. PT401, PT404, PT403.';

create function private.key_list_members(p_key_hash text, p_org_id uuid, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'members:read');
  return private.members_page(p_org_id, p_limit, p_offset);
end;
$$;
comment on function private.key_list_members(text, uuid, integer, integer) is
  'members:read: {members: [member], total} as list_organization_members answers it. PT401, PT404, PT403, 22023.';

create function private.key_change_member_role(p_key_hash text, p_org_id uuid, p_user_id uuid, p_role text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_new public.organization_role;
  v_target public.organization_role;
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'members:write', 'update');
  v_new := private.parse_role(p_role);
  v_target := private.member_role(p_org_id, p_user_id);
  if v_target = 'owner' or v_new = 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'An API key cannot change roles to or from OWNER');
  end if;
  return private.apply_role_change(p_org_id, p_user_id, v_target, v_new);
end;
$$;
comment on function private.key_change_member_role(text, uuid, uuid, text) is
  'members:write: changes a role between ADMIN and MEMBER (never to or from OWNER: PT403 FORBIDDEN); audited with the key as actor; returns the member. PT401, PT404 (organization or member), PT403, 22023.';

create function private.key_remove_member(p_key_hash text, p_org_id uuid, p_user_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_target public.organization_role;
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'members:write', 'update');
  v_target := private.member_role(p_org_id, p_user_id);
  if v_target = 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'An API key cannot remove an OWNER');
  end if;
  perform private.delete_member(p_org_id, p_user_id, v_target);
end;
$$;
comment on function private.key_remove_member(text, uuid, uuid) is
  'members:write: removes an ADMIN or MEMBER (never an OWNER: PT403 FORBIDDEN); audited with the key as actor. PT401, PT404 (organization or member), PT403.';

create function private.key_create_invitation(p_key_hash text, p_org_id uuid, p_email text, p_role text default 'member')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_email text;
  v_new public.organization_role;
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'invitations:write', 'update');
  v_new := private.parse_role(coalesce(p_role, 'member'));
  v_email := private.check_invitation_email(p_email);
  if private.is_personal_organization(p_org_id) then
    perform private.organization_error('PT403', 'FORBIDDEN', 'Nobody can be invited into a personal organization');
  end if;
  if v_new = 'owner' then
    perform private.organization_error('PT403', 'FORBIDDEN', 'An API key cannot invite an OWNER');
  end if;
  -- invited_by stays null: no user invited; the audit row names the key.
  return private.insert_invitation(p_org_id, v_email, v_new, null);
end;
$$;
comment on function private.key_create_invitation(text, uuid, text, text) is
  'invitations:write: invites an address as ADMIN or MEMBER (never OWNER: PT403 FORBIDDEN), invited_by null; audited with the key as actor; returns the invitation. PT401, PT404, PT403, PT409 CONFLICT / LIMIT_REACHED, 22023.';

create function private.key_list_invitations(p_key_hash text, p_org_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'invitations:write');
  return coalesce((
    select jsonb_agg(to_jsonb(i) order by i.created_at desc, i.id) from private.pending_invitations(p_org_id) i
  ), '[]'::jsonb);
end;
$$;
comment on function private.key_list_invitations(text, uuid) is
  'invitations:write: the pending, unexpired invitations, newest first, as list_organization_invitations answers them (as a JSON array). PT401, PT404, PT403.';

create function private.key_revoke_invitation(p_key_hash text, p_org_id uuid, p_invitation_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'invitations:write');
  return private.revoke_pending_invitation(p_org_id, p_invitation_id);
end;
$$;
comment on function private.key_revoke_invitation(text, uuid, uuid) is
  'invitations:write: revokes a pending invitation; audited with the key as actor; returns it. PT401, PT404 (organization or invitation), PT403, PT409 CONFLICT.';

create function private.key_list_audit(p_key_hash text, p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.api_key_authorize(p_key_hash, p_org_id, 'audit:read');
  return coalesce((
    select jsonb_agg(to_jsonb(a) order by a.id desc) from private.audit_page(p_org_id, p_limit, p_before) a
  ), '[]'::jsonb);
end;
$$;
comment on function private.key_list_audit(text, uuid, integer, bigint) is
  'audit:read: the audit rows as list_organization_audit answers them (as a JSON array, newest first). PT401, PT404, PT403, 22023.';

create function public.api_key_authenticate(p_key_hash text)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.api_key_authenticate(p_key_hash); $$;
comment on function public.api_key_authenticate(text) is
  'Service role only (the worker, for Authorization: Bearer eak_...): {id, organization_id, name, scopes} of the key with this hex SHA-256; PT401 TOKEN_INVALID when unknown, revoked or expired. Touches last_used_at (at most once a minute).';

create function public.key_get_organization(p_key_hash text, p_org_id uuid)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_get_organization(p_key_hash, p_org_id); $$;
comment on function public.key_get_organization(text, uuid) is
  'Service role only: GET /organizations/:orgId with an API key (organization:read); the organization, role null. PT401 TOKEN_INVALID, PT404 NOT_FOUND, PT403 FORBIDDEN.';

create function public.key_list_members(p_key_hash text, p_org_id uuid, p_limit integer default 50, p_offset integer default 0)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_list_members(p_key_hash, p_org_id, p_limit, p_offset); $$;
comment on function public.key_list_members(text, uuid, integer, integer) is
  'Service role only: GET /organizations/:orgId/members with an API key (members:read); {members, total}. PT401, PT404, PT403, 22023.';

create function public.key_change_member_role(p_key_hash text, p_org_id uuid, p_user_id uuid, p_role text)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_change_member_role(p_key_hash, p_org_id, p_user_id, p_role); $$;
comment on function public.key_change_member_role(text, uuid, uuid, text) is
  'Service role only: PATCH /organizations/:orgId/members/:userId with an API key (members:write; never to or from OWNER); the member. PT401, PT404, PT403, PT409 LAST_OWNER, 22023.';

create function public.key_remove_member(p_key_hash text, p_org_id uuid, p_user_id uuid)
returns void language sql volatile security invoker set search_path = ''
as $$ select private.key_remove_member(p_key_hash, p_org_id, p_user_id); $$;
comment on function public.key_remove_member(text, uuid, uuid) is
  'Service role only: DELETE /organizations/:orgId/members/:userId with an API key (members:write; never an OWNER). PT401, PT404, PT403.';

create function public.key_create_invitation(p_key_hash text, p_org_id uuid, p_email text, p_role text default 'member')
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_create_invitation(p_key_hash, p_org_id, p_email, p_role); $$;
comment on function public.key_create_invitation(text, uuid, text, text) is
  'Service role only: POST /organizations/:orgId/invitations with an API key (invitations:write; never the OWNER role); the invitation (invited_by null). PT401, PT404, PT403, PT409, 22023.';

create function public.key_list_invitations(p_key_hash text, p_org_id uuid)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_list_invitations(p_key_hash, p_org_id); $$;
comment on function public.key_list_invitations(text, uuid) is
  'Service role only: GET /organizations/:orgId/invitations with an API key (invitations:write); the pending invitations. PT401, PT404, PT403.';

create function public.key_revoke_invitation(p_key_hash text, p_org_id uuid, p_invitation_id uuid)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_revoke_invitation(p_key_hash, p_org_id, p_invitation_id); $$;
comment on function public.key_revoke_invitation(text, uuid, uuid) is
  'Service role only: DELETE /organizations/:orgId/invitations/:invitationId with an API key (invitations:write); the revoked invitation. PT401, PT404, PT403, PT409.';

create function public.key_list_audit(p_key_hash text, p_org_id uuid, p_limit integer default 50, p_before bigint default null)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.key_list_audit(p_key_hash, p_org_id, p_limit, p_before); $$;
comment on function public.key_list_audit(text, uuid, integer, bigint) is
  'Service role only: GET /organizations/:orgId/audit with an API key (audit:read); rows as list_organization_audit (with actor_type, actor_key_id, actor_name). PT401, PT404, PT403, 22023.';

-----------------------------------------------------------------------------------------
-- The delivery side (service_role: the worker's queue consumer and scheduled sweep)
-----------------------------------------------------------------------------------------
create function private.webhook_subscribers(p_event private.webhook_events)
returns setof public.organization_webhooks
language sql
stable
security invoker
set search_path = ''
as $$
  -- A deleted organization's webhooks are still there (no foreign key) for organization.deleted.
  select w.*
  from public.organization_webhooks w
  where w.organization_id = (p_event).organization_id
    and w.deleted_at is null
    and ((p_event).type = any (w.events) or '*' = any (w.events))
    and w.created_at <= (p_event).created_at
  order by w.created_at, w.id;
$$;
comment on function private.webhook_subscribers(private.webhook_events) is
  'The event''s targets: the webhooks of its organization, not deleted, subscribed to its type (or *), that existed when it was written.';

create function private.remove_deleted_organization_webhooks(p_organization_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  delete from public.organization_webhooks w
  where w.organization_id = p_organization_id
    and not exists (select 1 from public.organizations o where o.id = p_organization_id);
$$;
comment on function private.remove_deleted_organization_webhooks(uuid) is
  'Deletes every webhook (and so its deliveries) of an organization that no longer exists.';

create function private.dispatch_webhook_event(p_event private.webhook_events)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_targets jsonb;
begin
  update private.webhook_events e set dispatched_at = clock_timestamp() where e.id = (p_event).id;
  v_targets := coalesce((
    select jsonb_agg(jsonb_build_object('webhook_id', w.id, 'url', w.url, 'secret', w.secret) order by w.created_at, w.id)
    from private.webhook_subscribers(p_event) w
  ), '[]'::jsonb);
  -- organization.deleted with nobody to tell: the organization's webhooks can go now.
  if (p_event).type = 'organization.deleted' and v_targets = '[]'::jsonb then
    perform private.remove_deleted_organization_webhooks((p_event).organization_id);
  end if;
  return jsonb_build_object(
    'id', (p_event).id,
    'type', (p_event).type,
    'organization_id', (p_event).organization_id,
    'created_at', (p_event).created_at,
    'data', (p_event).payload,
    'targets', v_targets
  );
end;
$$;
comment on function private.dispatch_webhook_event(private.webhook_events) is
  'Marks a (locked) event dispatched and returns it as {id, type, organization_id, created_at, data, targets: [{webhook_id, url, secret}]}.';

create function private.webhook_pending_events(p_limit integer default 100, p_organization_id uuid default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_limit integer := coalesce(p_limit, 100);
  v_event private.webhook_events;
  v_items jsonb[] := '{}';
begin
  if v_limit not between 1 and 1000 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'limit must be 1-1000');
  end if;
  -- SKIP LOCKED: an event another sweep (or webhook_event_targets) is handing out is left
  -- to it; one it has handed out and committed is no longer pending when re-checked.
  for v_event in
    select e.* from private.webhook_events e
    where e.dispatched_at is null
      and (p_organization_id is null or e.organization_id = p_organization_id)
    order by e.created_at, e.id
    limit v_limit
    for update skip locked
  loop
    v_items := array_append(v_items, private.dispatch_webhook_event(v_event));
  end loop;
  return to_jsonb(v_items);
end;
$$;
comment on function private.webhook_pending_events(integer, uuid) is
  'Hands out at most p_limit (1-1000) undispatched events (of one organization when p_organization_id is given), oldest first, each with its targets (possibly none), and marks them dispatched; concurrent callers never get the same event.';

create function private.webhook_event_targets(p_event_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event private.webhook_events;
begin
  select e.* into v_event from private.webhook_events e
  where e.id = p_event_id and e.dispatched_at is null
  for update skip locked;
  if v_event.id is null then
    return null;
  end if;
  return private.dispatch_webhook_event(v_event);
end;
$$;
comment on function private.webhook_event_targets(uuid) is
  'Hands out one undispatched event with its targets and marks it dispatched; null when unknown, already dispatched or being dispatched by another caller.';

create function private.webhook_record_delivery(
  p_webhook_id uuid, p_event_id uuid, p_attempt integer, p_status text, p_response_status integer
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event private.webhook_events;
begin
  if p_status is null or p_status not in ('delivered', 'retrying', 'failed') then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'status must be delivered, retrying or failed');
  end if;
  if p_attempt is null or p_attempt < 1 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'attempt must be at least 1');
  end if;
  if p_response_status is not null and p_response_status not between 100 and 599 then
    perform private.organization_error('22023', 'VALIDATION_ERROR', 'response_status must be an HTTP status');
  end if;

  select e.* into v_event from private.webhook_events e where e.id = p_event_id;
  if v_event.id is null then
    return; -- nothing to record it against
  end if;
  if v_event.type = 'organization.deleted' then
    -- One report at a time for this event, so the last one sees all the others.
    perform 1 from private.webhook_events e where e.id = p_event_id for update;
  end if;
  if not exists (
    select 1 from public.organization_webhooks w where w.id = p_webhook_id and w.organization_id = v_event.organization_id
  ) then
    return; -- the webhook is gone (with its deliveries), or was never a target of this event
  end if;

  insert into private.webhook_deliveries (webhook_id, event_id, attempt, status, response_status)
  values (p_webhook_id, p_event_id, p_attempt, p_status, p_response_status);

  if v_event.type = 'organization.deleted' and p_status in ('delivered', 'failed')
     and not exists (
       select 1 from private.webhook_subscribers(v_event) w
       where not exists (
         select 1 from private.webhook_deliveries d
         where d.event_id = p_event_id and d.webhook_id = w.id and d.status in ('delivered', 'failed')
       )
     ) then
    perform private.remove_deleted_organization_webhooks(v_event.organization_id);
  end if;
end;
$$;
comment on function private.webhook_record_delivery(uuid, uuid, integer, text, integer) is
  'Records one delivery attempt (22023 for a bad status, attempt or response status; nothing when the event or webhook is gone or the webhook is not of the event''s organization). Once organization.deleted is delivered or failed for every target, the deleted organization''s webhooks are deleted.';

create function private.webhook_targets_alive(p_webhook_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.organization_webhooks w where w.id = p_webhook_id and w.deleted_at is null);
$$;
comment on function private.webhook_targets_alive(uuid) is 'Whether the webhook still exists and is not deleted (else its retries stop).';

create function public.webhook_pending_events(p_limit integer default 100, p_organization_id uuid default null)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.webhook_pending_events(p_limit, p_organization_id); $$;
comment on function public.webhook_pending_events(integer, uuid) is
  'Service role only: at most p_limit (1-1000) undispatched events, oldest first, now marked dispatched: [{id, type, organization_id, created_at, data, targets: [{webhook_id, url, secret}]}]. The scheduled sweep takes every organization''s; a request that changed one organization takes that one''s (p_organization_id). Concurrent callers never get the same event.';

create function public.webhook_event_targets(p_event_id uuid)
returns jsonb language sql volatile security invoker set search_path = ''
as $$ select private.webhook_event_targets(p_event_id); $$;
comment on function public.webhook_event_targets(uuid) is
  'Service role only: one event as webhook_pending_events answers it, now marked dispatched; null when already dispatched (or unknown).';

create function public.webhook_record_delivery(
  p_webhook_id uuid, p_event_id uuid, p_attempt integer, p_status text, p_response_status integer
)
returns void language sql volatile security invoker set search_path = ''
as $$ select private.webhook_record_delivery(p_webhook_id, p_event_id, p_attempt, p_status, p_response_status); $$;
comment on function public.webhook_record_delivery(uuid, uuid, integer, text, integer) is
  'Service role only: records a delivery attempt (status delivered | retrying | failed, response_status null without an answer). 22023 on bad input.';

create function public.webhook_targets_alive(p_webhook_id uuid)
returns boolean language sql stable security invoker set search_path = ''
as $$ select private.webhook_targets_alive(p_webhook_id); $$;
comment on function public.webhook_targets_alive(uuid) is
  'Service role only: whether the webhook is still there and not deleted (a retry of a deleted webhook stops).';

-----------------------------------------------------------------------------------------
-- Execute privileges
-----------------------------------------------------------------------------------------
-- Helpers and triggers: nobody (the functions that use them run as their owner).
revoke all on function private.api_key_scopes() from public, anon, authenticated, service_role;
revoke all on function private.webhook_event_types() from public, anon, authenticated, service_role;
revoke all on function private.current_api_key_id() from public, anon, authenticated, service_role;
revoke all on function private.emit_webhook_event(uuid, text, jsonb) from public, anon, authenticated, service_role;
revoke all on function private.memberships_webhook_event() from public, anon, authenticated, service_role;
revoke all on function private.invitations_webhook_event() from public, anon, authenticated, service_role;
revoke all on function private.organizations_webhook_event() from public, anon, authenticated, service_role;
revoke all on function private.api_keys_webhook_event() from public, anon, authenticated, service_role;
revoke all on function private.member_role(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.apply_role_change(uuid, uuid, public.organization_role, public.organization_role) from public, anon, authenticated, service_role;
revoke all on function private.delete_member(uuid, uuid, public.organization_role) from public, anon, authenticated, service_role;
revoke all on function private.members_page(uuid, integer, integer) from public, anon, authenticated, service_role;
revoke all on function private.check_invitation_email(text) from public, anon, authenticated, service_role;
revoke all on function private.insert_invitation(uuid, text, public.organization_role, uuid) from public, anon, authenticated, service_role;
revoke all on function private.revoke_pending_invitation(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.pending_invitations(uuid) from public, anon, authenticated, service_role;
revoke all on function private.audit_page(uuid, integer, bigint) from public, anon, authenticated, service_role;
revoke all on function private.authorize_manager(uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function private.api_key_json(public.organization_api_keys) from public, anon, authenticated, service_role;
revoke all on function private.webhook_json(public.organization_webhooks) from public, anon, authenticated, service_role;
revoke all on function private.valid_api_key(text) from public, anon, authenticated, service_role;
revoke all on function private.touch_api_key(uuid) from public, anon, authenticated, service_role;
revoke all on function private.api_key_authorize(text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function private.webhook_subscribers(private.webhook_events) from public, anon, authenticated, service_role;
revoke all on function private.remove_deleted_organization_webhooks(uuid) from public, anon, authenticated, service_role;
revoke all on function private.dispatch_webhook_event(private.webhook_events) from public, anon, authenticated, service_role;

-- The user side: authenticated only.
revoke all on function private.create_api_key(uuid, text, text[], text, text, timestamptz) from public, anon, authenticated, service_role;
revoke all on function private.list_api_keys(uuid) from public, anon, authenticated, service_role;
revoke all on function private.revoke_api_key(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.create_webhook(uuid, text, text[], text) from public, anon, authenticated, service_role;
revoke all on function private.list_webhooks(uuid) from public, anon, authenticated, service_role;
revoke all on function private.delete_webhook(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.list_webhook_deliveries(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.create_api_key(uuid, text, text[], text, text, timestamptz) from public, anon, authenticated, service_role;
revoke all on function public.list_api_keys(uuid) from public, anon, authenticated, service_role;
revoke all on function public.revoke_api_key(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.create_webhook(uuid, text, text[], text) from public, anon, authenticated, service_role;
revoke all on function public.list_webhooks(uuid) from public, anon, authenticated, service_role;
revoke all on function public.delete_webhook(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.list_webhook_deliveries(uuid, uuid) from public, anon, authenticated, service_role;

grant execute on function private.create_api_key(uuid, text, text[], text, text, timestamptz) to authenticated;
grant execute on function private.list_api_keys(uuid) to authenticated;
grant execute on function private.revoke_api_key(uuid, uuid) to authenticated;
grant execute on function private.create_webhook(uuid, text, text[], text) to authenticated;
grant execute on function private.list_webhooks(uuid) to authenticated;
grant execute on function private.delete_webhook(uuid, uuid) to authenticated;
grant execute on function private.list_webhook_deliveries(uuid, uuid) to authenticated;
grant execute on function public.create_api_key(uuid, text, text[], text, text, timestamptz) to authenticated;
grant execute on function public.list_api_keys(uuid) to authenticated;
grant execute on function public.revoke_api_key(uuid, uuid) to authenticated;
grant execute on function public.create_webhook(uuid, text, text[], text) to authenticated;
grant execute on function public.list_webhooks(uuid) to authenticated;
grant execute on function public.delete_webhook(uuid, uuid) to authenticated;
grant execute on function public.list_webhook_deliveries(uuid, uuid) to authenticated;

-- The key and delivery sides: service_role only.
revoke all on function private.api_key_authenticate(text) from public, anon, authenticated, service_role;
revoke all on function private.key_get_organization(text, uuid) from public, anon, authenticated, service_role;
revoke all on function private.key_list_members(text, uuid, integer, integer) from public, anon, authenticated, service_role;
revoke all on function private.key_change_member_role(text, uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function private.key_remove_member(text, uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.key_create_invitation(text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function private.key_list_invitations(text, uuid) from public, anon, authenticated, service_role;
revoke all on function private.key_revoke_invitation(text, uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.key_list_audit(text, uuid, integer, bigint) from public, anon, authenticated, service_role;
revoke all on function private.webhook_pending_events(integer, uuid) from public, anon, authenticated, service_role;
revoke all on function private.webhook_event_targets(uuid) from public, anon, authenticated, service_role;
revoke all on function private.webhook_record_delivery(uuid, uuid, integer, text, integer) from public, anon, authenticated, service_role;
revoke all on function private.webhook_targets_alive(uuid) from public, anon, authenticated, service_role;
revoke all on function public.api_key_authenticate(text) from public, anon, authenticated, service_role;
revoke all on function public.key_get_organization(text, uuid) from public, anon, authenticated, service_role;
revoke all on function public.key_list_members(text, uuid, integer, integer) from public, anon, authenticated, service_role;
revoke all on function public.key_change_member_role(text, uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.key_remove_member(text, uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.key_create_invitation(text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.key_list_invitations(text, uuid) from public, anon, authenticated, service_role;
revoke all on function public.key_revoke_invitation(text, uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function public.key_list_audit(text, uuid, integer, bigint) from public, anon, authenticated, service_role;
revoke all on function public.webhook_pending_events(integer, uuid) from public, anon, authenticated, service_role;
revoke all on function public.webhook_event_targets(uuid) from public, anon, authenticated, service_role;
revoke all on function public.webhook_record_delivery(uuid, uuid, integer, text, integer) from public, anon, authenticated, service_role;
revoke all on function public.webhook_targets_alive(uuid) from public, anon, authenticated, service_role;

grant execute on function private.api_key_authenticate(text) to service_role;
grant execute on function private.key_get_organization(text, uuid) to service_role;
grant execute on function private.key_list_members(text, uuid, integer, integer) to service_role;
grant execute on function private.key_change_member_role(text, uuid, uuid, text) to service_role;
grant execute on function private.key_remove_member(text, uuid, uuid) to service_role;
grant execute on function private.key_create_invitation(text, uuid, text, text) to service_role;
grant execute on function private.key_list_invitations(text, uuid) to service_role;
grant execute on function private.key_revoke_invitation(text, uuid, uuid) to service_role;
grant execute on function private.key_list_audit(text, uuid, integer, bigint) to service_role;
grant execute on function private.webhook_pending_events(integer, uuid) to service_role;
grant execute on function private.webhook_event_targets(uuid) to service_role;
grant execute on function private.webhook_record_delivery(uuid, uuid, integer, text, integer) to service_role;
grant execute on function private.webhook_targets_alive(uuid) to service_role;
grant execute on function public.api_key_authenticate(text) to service_role;
grant execute on function public.key_get_organization(text, uuid) to service_role;
grant execute on function public.key_list_members(text, uuid, integer, integer) to service_role;
grant execute on function public.key_change_member_role(text, uuid, uuid, text) to service_role;
grant execute on function public.key_remove_member(text, uuid, uuid) to service_role;
grant execute on function public.key_create_invitation(text, uuid, text, text) to service_role;
grant execute on function public.key_list_invitations(text, uuid) to service_role;
grant execute on function public.key_revoke_invitation(text, uuid, uuid) to service_role;
grant execute on function public.key_list_audit(text, uuid, integer, bigint) to service_role;
grant execute on function public.webhook_pending_events(integer, uuid) to service_role;
grant execute on function public.webhook_event_targets(uuid) to service_role;
grant execute on function public.webhook_record_delivery(uuid, uuid, integer, text, integer) to service_role;
grant execute on function public.webhook_targets_alive(uuid) to service_role;
