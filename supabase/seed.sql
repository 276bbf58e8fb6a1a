-- Development data for `npm run dev` / `supabase db reset` (never applied in tests or
-- production). Every user signs in with the password `password123`.
--
--   email               user id                                role(s)
--   owner@acme.test     10000000-0000-4000-8000-000000000001   owner of Acme Corp
--   admin@acme.test     10000000-0000-4000-8000-000000000002   admin of Acme Corp
--   member@acme.test    10000000-0000-4000-8000-000000000003   member of Acme Corp and of Globex
--   owner@globex.test   10000000-0000-4000-8000-000000000004   owner of Globex
--   solo@example.test   10000000-0000-4000-8000-000000000005   personal organization only
--
--   organization   id                                     slug     plan
--   Acme Corp      20000000-0000-4000-8000-000000000001   acme     pro
--   Globex         20000000-0000-4000-8000-000000000002   globex   free
--
--   invitation     id                                     to                  role     by
--   Acme Corp      30000000-0000-4000-8000-000000000001   solo@example.test   member   owner@acme.test
--   (pending, valid 7 days from the seed; solo@ sees it under GET /invitations)
--
-- Every user also has a 'Personal Account' organization (created by the sign-up trigger,
-- random id: `select id from organizations where personal_user_id = '<user id>'`).
-- Users are inserted the way the auth server inserts them, so the triggers in
-- supabase/migrations create their profiles and organizations.

-- One statement, so it is atomic however it is run (an organization must have an owner
-- when its transaction commits).
do $seed$
declare
  v_user record;
  v_acme constant uuid := '20000000-0000-4000-8000-000000000001';
  v_globex constant uuid := '20000000-0000-4000-8000-000000000002';
begin
  -- Users as GoTrue stores them: confirmed email, bcrypt (cost 10) password, app metadata
  -- {"provider": "email", "providers": ["email"]} plus what an admin passed. The trigger
  -- creates each profile and personal organization. admin@ and member@acme.test are
  -- created "into" Acme Corp the way the admin API does it (organization_id /
  -- organization_role in app metadata), so Acme Corp and its owner come first.
  for v_user in
    select * from (values
      (1, '10000000-0000-4000-8000-000000000001'::uuid, 'owner@acme.test', 'Olivia', 'Owner', '{}'::jsonb),
      (2, '10000000-0000-4000-8000-000000000004'::uuid, 'owner@globex.test', 'Gus', 'Globex', '{}'::jsonb),
      (3, '10000000-0000-4000-8000-000000000005'::uuid, 'solo@example.test', 'Sam', 'Solo', '{}'::jsonb),
      (5, '10000000-0000-4000-8000-000000000002'::uuid, 'admin@acme.test', 'Ada', 'Admin',
       jsonb_build_object('organization_id', v_acme, 'organization_role', 'admin')),
      (6, '10000000-0000-4000-8000-000000000003'::uuid, 'member@acme.test', 'Max', 'Member',
       jsonb_build_object('organization_id', v_acme, 'organization_role', 'member'))
    ) as u (ord, id, email, first_name, last_name, app_meta)
    order by ord
  loop
    if v_user.ord = 5 then
      -- The team organizations, with fixed ids, and their owners.
      insert into public.organizations (id, name, slug, plan, created_by) values
        (v_acme, 'Acme Corp', 'acme', 'pro', '10000000-0000-4000-8000-000000000001'),
        (v_globex, 'Globex', 'globex', 'free', '10000000-0000-4000-8000-000000000004');
      insert into public.memberships (organization_id, user_id, role) values
        (v_acme, '10000000-0000-4000-8000-000000000001', 'owner'),
        (v_globex, '10000000-0000-4000-8000-000000000004', 'owner');
      update public.profiles set default_organization_id = v_acme
      where id = '10000000-0000-4000-8000-000000000001';
      update public.profiles set default_organization_id = v_globex
      where id = '10000000-0000-4000-8000-000000000004';
    end if;

    insert into auth.users (
      instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
      confirmation_token, recovery_token, email_change_token_new, email_change,
      raw_app_meta_data, raw_user_meta_data, created_at, updated_at
    ) values (
      '00000000-0000-0000-0000-000000000000', v_user.id, 'authenticated', 'authenticated', v_user.email,
      extensions.crypt('password123', extensions.gen_salt('bf', 10)), now(),
      -- Empty, not NULL: GoTrue scans these into Go strings, and a NULL makes every sign-in
      -- of the user fail with 500 "Database error querying schema" (supabase/auth#1940).
      '', '', '', '',
      '{"provider": "email", "providers": ["email"]}'::jsonb || v_user.app_meta,
      jsonb_build_object('first_name', v_user.first_name, 'last_name', v_user.last_name),
      now(), now()
    );

    -- The email identity GoTrue keeps for each user (password sign-in needs it).
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (
      v_user.id::text, v_user.id,
      jsonb_build_object('sub', v_user.id::text, 'email', v_user.email, 'email_verified', true, 'phone_verified', false),
      'email', now(), now(), now()
    );
  end loop;

  -- member@acme.test also belongs to Globex, so /users/:id/organizations answers Acme and
  -- Globex members differently.
  insert into public.memberships (organization_id, user_id, role)
  values (v_globex, '10000000-0000-4000-8000-000000000003', 'member');

  -- One pending invitation (as create_invitation() makes it, with its audit row), so the
  -- invitation pages have something to show: solo@example.test is invited into Acme Corp.
  insert into public.invitations (id, organization_id, email, role, invited_by, expires_at)
  values ('30000000-0000-4000-8000-000000000001', v_acme, 'solo@example.test', 'member',
          '10000000-0000-4000-8000-000000000001', now() + interval '7 days');
  insert into public.organization_audit_log (organization_id, action, actor_id, target_email, details)
  values (v_acme, 'invitation.created', '10000000-0000-4000-8000-000000000001', 'solo@example.test',
          jsonb_build_object('invitation_id', '30000000-0000-4000-8000-000000000001', 'role', 'member'));
end
$seed$;
