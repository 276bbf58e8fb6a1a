-- Rules the organization data must obey, enforced by the database whatever writes it
-- (sign-up trigger, admin functions, the dashboard, SQL):
--
-- 1. Organization names are stored trimmed; updated_at is maintained.
-- 2. A personal organization belongs to one user for good (personal_user_id is fixed), has
--    exactly one member -- that user, as owner -- and cannot be deleted while the user exists.
-- 3. A membership's organization and user never change (delete and insert instead).
-- 4. Every organization keeps at least one owner. Removing or demoting the last owner fails
--    with 'An organization must keep at least one owner' (SQLSTATE 23514). The check locks
--    the organization row, so two sessions demoting the last two owners at once cannot both
--    succeed: the second waits for the first, then sees its change and fails. (This holds in
--    READ COMMITTED, the isolation PostgREST and the dashboard use, and in SERIALIZABLE.)
--    The check runs at the end of each statement; `set constraints
--    memberships_keep_an_owner deferred` moves it to commit, e.g. to demote an owner before
--    promoting the successor. A new organization must have an owner by the end of its
--    transaction.
-- 5. Deleting a user (auth.users) deletes their profile, memberships and personal
--    organization (foreign keys, on delete cascade). For each team organization they were
--    the last owner of:
--      - no members left: the organization is deleted;
--      - otherwise the longest-standing admin, else the longest-standing member (by
--        joined_at, then user id), becomes owner.
--    Team organizations they created keep existing with created_by set to null.

-----------------------------------------------------------------------------------------
-- 1 + 2: organizations
-----------------------------------------------------------------------------------------
create or replace function private.organizations_before_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Names are stored without leading/trailing whitespace (the check constraint rejects
  -- what is empty or longer than 200 characters after this).
  new.name := regexp_replace(new.name, '^\s+|\s+$', '', 'g');
  if tg_op = 'UPDATE' then
    if new.personal_user_id is distinct from old.personal_user_id then
      raise exception 'The owner of a personal organization cannot be changed'
        using errcode = '23514';
    end if;
    new.updated_at := now();
  end if;
  return new;
end;
$$;
comment on function private.organizations_before_write() is
  'Trigger: trims organization names, keeps updated_at, and refuses to change personal_user_id.';

create trigger organizations_before_write
  before insert or update on public.organizations
  for each row execute function private.organizations_before_write();

create or replace function private.organizations_before_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.personal_user_id is not null
     and exists (select 1 from auth.users u where u.id = old.personal_user_id) then
    raise exception 'A personal organization cannot be deleted while its user exists'
      using errcode = '23514',
            hint = 'Delete the user instead; their personal organization goes with them.';
  end if;
  return old;
end;
$$;
comment on function private.organizations_before_delete() is
  'Trigger: a personal organization is deleted only together with its user.';

create trigger organizations_before_delete
  before delete on public.organizations
  for each row execute function private.organizations_before_delete();

-----------------------------------------------------------------------------------------
-- 2 + 3: memberships
-----------------------------------------------------------------------------------------
create or replace function private.memberships_before_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_personal_user_id uuid;
begin
  if tg_op = 'UPDATE'
     and (new.organization_id <> old.organization_id or new.user_id <> old.user_id) then
    raise exception 'A membership''s organization and user cannot be changed'
      using errcode = '23514', hint = 'Delete the membership and insert a new one.';
  end if;

  select o.personal_user_id into v_personal_user_id
  from public.organizations o
  where o.id = new.organization_id;

  if v_personal_user_id is not null then
    if new.user_id <> v_personal_user_id then
      raise exception 'A personal organization has exactly one member'
        using errcode = '23514',
              detail = format('Organization %s is the personal organization of user %s.', new.organization_id, v_personal_user_id);
    end if;
    if new.role <> 'owner' then
      raise exception 'The member of a personal organization is its owner'
        using errcode = '23514';
    end if;
  end if;
  return new;
end;
$$;
comment on function private.memberships_before_write() is
  'Trigger: only the user of a personal organization may be its member, as owner; membership keys are immutable.';

create trigger memberships_before_write
  before insert or update on public.memberships
  for each row execute function private.memberships_before_write();

-----------------------------------------------------------------------------------------
-- 4 + 5: at least one owner, and succession when an owner's account is deleted
-----------------------------------------------------------------------------------------
create or replace function private.ensure_organization_owner(p_organization_id uuid, p_departed_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_successor uuid;
begin
  -- Serialize owner changes per organization: a concurrent transaction changing owners of
  -- the same organization waits here until this one ends, and then (READ COMMITTED) its
  -- next statement sees the outcome. A deleted organization needs no owner.
  perform 1 from public.organizations o where o.id = p_organization_id for no key update;
  if not found then
    return;
  end if;

  if exists (
    select 1 from public.memberships m
    where m.organization_id = p_organization_id and m.role = 'owner'
  ) then
    return;
  end if;

  -- No owner left. If that is because the last owner's account was deleted, hand the
  -- organization on (or delete it when nobody is left).
  if p_departed_user_id is not null
     and not exists (select 1 from auth.users u where u.id = p_departed_user_id) then
    -- Lock the successor's row: a membership being removed concurrently (a non-owner
    -- leaving takes no organization lock) is waited for and then skipped, instead of
    -- being "promoted" by an update that finds no row and leaves the organization
    -- without an owner.
    select m.user_id into v_successor
    from public.memberships m
    where m.organization_id = p_organization_id
    order by (m.role = 'admin') desc, m.joined_at, m.user_id
    limit 1
    for no key update of m;

    if v_successor is null then
      delete from public.organizations o where o.id = p_organization_id;
    else
      update public.memberships m
      set role = 'owner'
      where m.organization_id = p_organization_id and m.user_id = v_successor;
    end if;
    return;
  end if;

  raise exception 'An organization must keep at least one owner'
    using errcode = '23514',
          detail = format('Organization %s would have no owner.', p_organization_id),
          hint = 'Make another member owner first, or delete the organization.';
end;
$$;
comment on function private.ensure_organization_owner(uuid, uuid) is
  'Locks the organization and raises 23514 when it has no owner; when the owner left because their account was deleted, promotes the longest-standing admin/member or deletes the emptied organization.';

create or replace function private.memberships_keep_an_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Only losing an owner can break the rule.
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner') then
    return null;
  end if;
  perform private.ensure_organization_owner(old.organization_id, old.user_id);
  return null;
end;
$$;
comment on function private.memberships_keep_an_owner() is
  'Constraint trigger: after an owner is demoted or removed, the organization must still have an owner (see private.ensure_organization_owner).';

create constraint trigger memberships_keep_an_owner
  after update or delete on public.memberships
  deferrable initially immediate
  for each row execute function private.memberships_keep_an_owner();

create or replace function private.organizations_need_an_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.ensure_organization_owner(new.id, null);
  return null;
end;
$$;
comment on function private.organizations_need_an_owner() is
  'Constraint trigger: a new organization must have an owner by the end of its transaction.';

create constraint trigger organizations_need_an_owner
  after insert on public.organizations
  deferrable initially deferred
  for each row execute function private.organizations_need_an_owner();

-----------------------------------------------------------------------------------------
-- Nobody calls these directly (trigger functions cannot be called anyway).
-----------------------------------------------------------------------------------------
revoke all on function private.organizations_before_write() from public, anon, authenticated, service_role;
revoke all on function private.organizations_before_delete() from public, anon, authenticated, service_role;
revoke all on function private.memberships_before_write() from public, anon, authenticated, service_role;
revoke all on function private.ensure_organization_owner(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function private.memberships_keep_an_owner() from public, anon, authenticated, service_role;
revoke all on function private.organizations_need_an_owner() from public, anon, authenticated, service_role;
