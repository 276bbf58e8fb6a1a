-- Triggers on auth.users: a new user gets their profile and organizations in the same
-- transaction that creates them.
--
-- These run in the auth server's own connection (role supabase_auth_admin on a hosted
-- project), which has no rights on public tables: the functions are security definer,
-- owned by postgres, with an empty search_path. An exception here aborts the auth
-- server's insert, so the user is not created ("Database error saving new user").
--
-- Sign-up (raw_user_meta_data = sign-up options.data, chosen by the user):
--   first_name, last_name -> the profile (blank -> null; at most 100 characters)
--   organization_name     -> a team organization with the user as owner, made the default
--                            (trimmed; 1-200 characters or the sign-up fails)
--   always                -> the personal organization 'Personal Account', user as owner
--
-- Admin-created users (raw_app_meta_data = app_metadata, settable only with the service
-- role key; never read from user metadata):
--   organization_id   (uuid) -> an existing organization the user joins, made the default
--   organization_role        -> 'owner' | 'admin' | 'member' (default 'member')
-- GoTrue's admin createUser inserts the user first and writes app_metadata with an UPDATE
-- in the same transaction, so the join also happens when these keys appear or change on
-- update (which also lets an admin add an existing user to an organization). An unknown
-- organization raises, and the user is not created / not updated.
--
-- Later changes of first_name / last_name in user metadata (supabase.auth.updateUser or
-- admin updateUserById) are copied to the profile.

-----------------------------------------------------------------------------------------
-- Join an organization named in app metadata
-----------------------------------------------------------------------------------------
create or replace function private.join_organization_from_app_metadata(p_user_id uuid, p_app_metadata jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_org_text text := p_app_metadata ->> 'organization_id';
  v_role_text text := coalesce(p_app_metadata ->> 'organization_role', 'member');
  v_org_id uuid;
begin
  if v_org_text is null then
    return;
  end if;
  if v_org_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'app_metadata.organization_id must be a UUID' using errcode = '22023';
  end if;
  if v_role_text not in ('owner', 'admin', 'member') then
    raise exception 'app_metadata.organization_role must be owner, admin or member' using errcode = '22023';
  end if;
  v_org_id := v_org_text::uuid;

  if not exists (select 1 from public.organizations o where o.id = v_org_id) then
    raise exception 'Organization % does not exist', v_org_id using errcode = '23503';
  end if;

  insert into public.memberships (organization_id, user_id, role)
  values (v_org_id, p_user_id, v_role_text::public.organization_role)
  on conflict (organization_id, user_id) do update set role = excluded.role;

  update public.profiles p
  set default_organization_id = v_org_id, updated_at = now()
  where p.id = p_user_id;
end;
$$;
comment on function private.join_organization_from_app_metadata(uuid, jsonb) is
  'Adds (or updates) the membership named by app_metadata.organization_id / organization_role and makes it the user''s default organization; raises for an unknown organization.';

-----------------------------------------------------------------------------------------
-- New user
-----------------------------------------------------------------------------------------
create or replace function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  v_first_name text := nullif(btrim(v_meta ->> 'first_name'), '');
  v_last_name text := nullif(btrim(v_meta ->> 'last_name'), '');
  v_organization_name text := v_meta ->> 'organization_name';
  v_personal_id uuid;
  v_team_id uuid;
begin
  insert into public.organizations (name, personal_user_id, created_by)
  values ('Personal Account', new.id, new.id)
  returning id into v_personal_id;

  insert into public.memberships (organization_id, user_id, role)
  values (v_personal_id, new.id, 'owner');

  -- A present organization_name must be valid (the name check rejects '' and > 200).
  if v_organization_name is not null then
    insert into public.organizations (name, created_by)
    values (v_organization_name, new.id)
    returning id into v_team_id;

    insert into public.memberships (organization_id, user_id, role)
    values (v_team_id, new.id, 'owner');
  end if;

  insert into public.profiles (id, first_name, last_name, default_organization_id)
  values (new.id, v_first_name, v_last_name, coalesce(v_team_id, v_personal_id));

  perform private.join_organization_from_app_metadata(new.id, new.raw_app_meta_data);
  return null;
end;
$$;
comment on function private.handle_new_user() is
  'Trigger on auth.users insert: creates the profile, the personal organization, the optional team organization (organization_name) and the optional membership named in app metadata, all in the user''s transaction.';

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

-----------------------------------------------------------------------------------------
-- Updated user
-----------------------------------------------------------------------------------------
create or replace function private.handle_user_app_metadata_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.join_organization_from_app_metadata(new.id, new.raw_app_meta_data);
  return null;
end;
$$;
comment on function private.handle_user_app_metadata_change() is
  'Trigger on auth.users update: joins the organization named in app metadata when organization_id or organization_role was added or changed.';

create trigger on_auth_user_app_metadata_changed
  after update of raw_app_meta_data on auth.users
  for each row
  when (
    (old.raw_app_meta_data -> 'organization_id') is distinct from (new.raw_app_meta_data -> 'organization_id')
    or (old.raw_app_meta_data -> 'organization_role') is distinct from (new.raw_app_meta_data -> 'organization_role')
  )
  execute function private.handle_user_app_metadata_change();

create or replace function private.handle_user_names_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles p
  set first_name = nullif(btrim(new.raw_user_meta_data ->> 'first_name'), ''),
      last_name = nullif(btrim(new.raw_user_meta_data ->> 'last_name'), ''),
      updated_at = now()
  where p.id = new.id;
  return null;
end;
$$;
comment on function private.handle_user_names_change() is
  'Trigger on auth.users update: copies changed first_name / last_name from user metadata to the profile.';

create trigger on_auth_user_names_changed
  after update of raw_user_meta_data on auth.users
  for each row
  when (
    (old.raw_user_meta_data -> 'first_name') is distinct from (new.raw_user_meta_data -> 'first_name')
    or (old.raw_user_meta_data -> 'last_name') is distinct from (new.raw_user_meta_data -> 'last_name')
  )
  execute function private.handle_user_names_change();

revoke all on function private.join_organization_from_app_metadata(uuid, jsonb) from public, anon, authenticated, service_role;
revoke all on function private.handle_new_user() from public, anon, authenticated, service_role;
revoke all on function private.handle_user_app_metadata_change() from public, anon, authenticated, service_role;
revoke all on function private.handle_user_names_change() from public, anon, authenticated, service_role;
