-- admin_organization_exists(uuid) is superseded by admin_get_organization(uuid), which the
-- worker uses to tell an unknown organization from a personal one in one call; nothing
-- calls the old function any more.
drop function if exists public.admin_organization_exists(uuid);
