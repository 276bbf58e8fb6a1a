-- Row-level security: who sees which rows through the API.
--
--   table          authenticated (a signed-in user)                      anon      service_role
--   organizations  read: organizations they are a member of              nothing   everything
--   memberships    read: memberships of organizations they belong to     nothing   everything
--                  (their own memberships included)
--   profiles       read + update first/last name: their own profile      nothing   everything
--
-- There are no insert/update/delete policies for organizations and memberships: through the
-- API they are read only. Admins change them with the service role or in the dashboard.
-- anon has no table privileges at all (permission denied), see ..._organizations.sql.
--
-- Performance (Supabase RLS guide): auth.uid() is wrapped in a sub-select so it is evaluated
-- once per query, not per row; the set of the caller's organizations comes from one call of
-- a stable security definer function (one index scan on memberships(user_id)), evaluated
-- once per query as an array; `column = any (array(...))` is an index condition, so the
-- policies filter through the primary keys (organizations.id, memberships.organization_id)
-- even when a table is read without any other filter. test/db/plans.test.ts checks this.

create or replace function private.current_user_organization_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
rows 10
as $$
  select m.organization_id
  from public.memberships m
  where m.user_id = (select auth.uid());
$$;
comment on function private.current_user_organization_ids() is
  'Ids of the organizations the calling user (auth.uid()) belongs to. Security definer so policies on memberships can use it without recursing into their own policy.';

revoke all on function private.current_user_organization_ids() from public, anon, authenticated, service_role;
-- Policies run it with the caller's privileges.
grant execute on function private.current_user_organization_ids() to authenticated;

-----------------------------------------------------------------------------------------
-- organizations
-----------------------------------------------------------------------------------------
create policy "Members can view their organizations"
  on public.organizations
  for select
  to authenticated
  using (id = any (array(select private.current_user_organization_ids())));
comment on policy "Members can view their organizations" on public.organizations is
  'A signed-in user sees the organizations they are a member of. Nobody writes through the API.';

-----------------------------------------------------------------------------------------
-- memberships
-----------------------------------------------------------------------------------------
create policy "Members can view memberships of their organizations"
  on public.memberships
  for select
  to authenticated
  using (organization_id = any (array(select private.current_user_organization_ids())));
comment on policy "Members can view memberships of their organizations" on public.memberships is
  'A signed-in user sees every membership of the organizations they belong to, which includes each of their own memberships. Nobody writes through the API.';

-----------------------------------------------------------------------------------------
-- profiles
-----------------------------------------------------------------------------------------
create policy "Users can view their own profile"
  on public.profiles
  for select
  to authenticated
  using (id = (select auth.uid()));
comment on policy "Users can view their own profile" on public.profiles is
  'A signed-in user sees only their own profile.';

create policy "Users can update their own names"
  on public.profiles
  for update
  to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
comment on policy "Users can update their own names" on public.profiles is
  'A signed-in user may update their own profile; column privileges limit this to first_name and last_name.';
