-- Organizations, memberships and profiles.
--
-- Every user has a profile (names, default organization) and exactly one personal
-- organization named 'Personal Account' of which they are the only member and owner. Team
-- organizations have any number of members with the role owner, admin or member, and always
-- at least one owner. The rules that keep this true live in the following migrations:
--   ..._organization_invariants.sql  personal organizations, last owner, user deletion
--   ..._auth_user_triggers.sql       profile and organizations created with the user
--   ..._row_level_security.sql       who may see what through the API
--   ..._api_functions.sql            the RPC functions the worker calls
--
-- Privileges: a hosted project's `public` schema grants everything to anon and
-- authenticated by default. Here the API roles get exactly what they need: authenticated
-- may read (row-level security decides which rows) and update their own names; anon gets
-- nothing; service_role (the dashboard and admin integrations) manages everything.

-- Helpers that policies and triggers use live here. The API does not expose this schema
-- (supabase/config.toml [api] schemas = ["public"]).
create schema if not exists private;
comment on schema private is
  'Helpers for policies, triggers and API functions. Not exposed by the API; authenticated and service_role may use only the functions granted to them explicitly.';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-----------------------------------------------------------------------------------------
-- Types
-----------------------------------------------------------------------------------------
create type public.organization_role as enum ('owner', 'admin', 'member');
comment on type public.organization_role is
  'Role of a user in an organization. owner: full control, at least one per organization; admin: manages members; member: regular access.';

create type public.organization_plan as enum ('free', 'pro', 'enterprise');
comment on type public.organization_plan is 'Billing plan of an organization.';

-----------------------------------------------------------------------------------------
-- organizations
-----------------------------------------------------------------------------------------
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  personal_user_id uuid references auth.users (id) on delete cascade,
  is_personal_account boolean not null generated always as (personal_user_id is not null) stored,
  plan public.organization_plan not null default 'free',
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint organizations_name_length check (
    char_length(name) between 1 and 200 and name !~ '^\s' and name !~ '\s$'
  ),
  constraint organizations_personal_user_created_it check (
    personal_user_id is null or created_by is null or created_by = personal_user_id
  )
);
comment on table public.organizations is
  'Organizations (Basejump "accounts"). Visible through the API to their members only (read only); created by the sign-up trigger or by admins (service role / dashboard). Always has at least one owner.';
comment on column public.organizations.id is 'Organization id (random UUID).';
comment on column public.organizations.name is
  'Display name, 1-200 characters, no leading/trailing whitespace (a trigger trims it). Personal organizations are named ''Personal Account''.';
comment on column public.organizations.personal_user_id is
  'Set only on personal organizations: the user it belongs to (unique: one personal organization per user; deleted with the user). Cannot be changed.';
comment on column public.organizations.is_personal_account is
  'True for a user''s personal organization (derived from personal_user_id, read only).';
comment on column public.organizations.plan is 'Billing plan: free (default), pro or enterprise. Changed by admins.';
comment on column public.organizations.created_by is
  'User who created the organization; null when created by an admin or when that user was deleted.';
comment on column public.organizations.created_at is 'When the organization was created.';
comment on column public.organizations.updated_at is 'When the organization was last changed (maintained by a trigger).';

-- One personal organization per user. NULLs never collide, so this constrains personal
-- organizations only; it also serves the foreign key's on delete cascade.
create unique index organizations_personal_user_id_key on public.organizations (personal_user_id);
create index organizations_created_by_idx on public.organizations (created_by);

-----------------------------------------------------------------------------------------
-- memberships
-----------------------------------------------------------------------------------------
create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.organization_role not null default 'member',
  joined_at timestamptz not null default now(),
  primary key (organization_id, user_id)
);
comment on table public.memberships is
  'Who belongs to which organization, with which role (Basejump "account_user"). A row is visible through the API to every member of its organization (so always to the user it belongs to); read only through the API, managed by admins.';
comment on column public.memberships.organization_id is 'The organization (memberships go with it).';
comment on column public.memberships.user_id is 'The member (auth.users id; memberships go with the user).';
comment on column public.memberships.role is 'owner, admin or member. Every organization keeps at least one owner.';
comment on column public.memberships.joined_at is
  'When the user joined. Decides succession: when the last owner''s account is deleted, the longest-standing admin (else member) becomes owner.';

-- The primary key serves lookups by organization; this one serves "my organizations" and
-- the foreign key to auth.users.
create index memberships_user_id_idx on public.memberships (user_id);

-----------------------------------------------------------------------------------------
-- profiles
-----------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  first_name text,
  last_name text,
  default_organization_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_first_name_length check (char_length(first_name) <= 100),
  constraint profiles_last_name_length check (char_length(last_name) <= 100),
  -- The default organization must be one the user belongs to; leaving it clears it.
  constraint profiles_default_membership_fkey foreign key (default_organization_id, id)
    references public.memberships (organization_id, user_id)
    on delete set null (default_organization_id)
);
comment on table public.profiles is
  'One row per user (created with the user, deleted with it). Visible to that user only; the user may change their own first and last name.';
comment on column public.profiles.id is 'The user (auth.users id); the profile goes with the user.';
comment on column public.profiles.first_name is 'At most 100 characters; from sign-up metadata first_name.';
comment on column public.profiles.last_name is 'At most 100 characters; from sign-up metadata last_name.';
comment on column public.profiles.default_organization_id is
  'Organization whose role and plan /me and /login report. Must be one of the user''s memberships; null means the personal organization.';
comment on column public.profiles.created_at is 'When the profile (and so the user) was created.';
comment on column public.profiles.updated_at is
  'When the sign-up triggers last changed the profile (names from user metadata, default organization from app metadata). Not bumped by direct updates.';

create index profiles_default_organization_id_idx on public.profiles (default_organization_id, id);

-----------------------------------------------------------------------------------------
-- Row-level security is on from the start; the policies are in ..._row_level_security.sql.
-----------------------------------------------------------------------------------------
alter table public.organizations enable row level security;
alter table public.memberships enable row level security;
alter table public.profiles enable row level security;

-----------------------------------------------------------------------------------------
-- Privileges (replacing the hosted project's defaults for public tables)
-----------------------------------------------------------------------------------------
revoke all on table public.organizations, public.memberships, public.profiles
  from public, anon, authenticated, service_role;
grant select on table public.organizations, public.memberships, public.profiles to authenticated;
grant update (first_name, last_name) on table public.profiles to authenticated;
grant select, insert, update, delete on table public.organizations, public.memberships, public.profiles
  to service_role;
