-- The account flows of the web app (api.md "Account flows"): the caller's own sessions
-- (GET /sessions, DELETE /sessions/:id), and telling an expired email-confirmation link
-- from a used or unknown one (POST /email/verify).
--
-- authenticated cannot read auth.sessions; these functions let the caller see and end
-- their OWN sessions only (user_id = auth.uid()), after the usual session check. Ending a
-- session deletes its auth.sessions row (its refresh tokens go with it), so its access
-- token is refused at once by private.assert_session_active(), as after logout.

-----------------------------------------------------------------------------------------
-- Sessions of the caller
-----------------------------------------------------------------------------------------
create or replace function private.caller_sessions()
returns table (id uuid, created_at timestamptz, last_active_at timestamptz, user_agent text, ip text, current boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id,
         s.created_at,
         -- GoTrue writes refreshed_at (timestamp without time zone, UTC) on every refresh.
         coalesce(s.refreshed_at at time zone 'UTC', s.updated_at, s.created_at) as last_active_at,
         s.user_agent,
         host(s.ip) as ip,
         s.id::text = (select auth.jwt() ->> 'session_id') as current
  from auth.sessions s
  where s.user_id = (select auth.uid())
    and (s.not_after is null or s.not_after > now())
    -- A session whose refresh tokens were all revoked (reuse detection) has ended.
    and coalesce((select bool_or(not rt.revoked) from auth.refresh_tokens rt where rt.session_id = s.id), true)
  order by s.created_at desc, s.id;
$$;
comment on function private.caller_sessions() is
  'The live sessions of auth.uid() only, newest first: id, created_at, last activity (refreshed_at, else updated_at, else created_at), the user agent and IP GoTrue stored, and whether it is the session of the calling token.';

create or replace function private.end_caller_session(p_session_id uuid)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  delete from auth.sessions s where s.id = p_session_id and s.user_id = (select auth.uid());
  return found;
end;
$$;
comment on function private.end_caller_session(uuid) is
  'Deletes one auth.sessions row of auth.uid() (its refresh tokens cascade). False when there is no such session of the caller: another user''s session id is treated as unknown.';

revoke all on function private.caller_sessions() from public, anon, authenticated, service_role;
revoke all on function private.end_caller_session(uuid) from public, anon, authenticated, service_role;
grant execute on function private.caller_sessions() to authenticated;
grant execute on function private.end_caller_session(uuid) to authenticated;

create or replace function public.list_my_sessions()
returns table (id uuid, created_at timestamptz, last_active_at timestamptz, user_agent text, ip text, current boolean)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return query select * from private.caller_sessions();
end;
$$;
comment on function public.list_my_sessions() is
  'For GET /sessions: the caller''s live sessions, newest first, the current one marked.';

create or replace function public.end_my_session(p_session_id uuid)
returns boolean
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.assert_session_active();
  return private.end_caller_session(p_session_id);
end;
$$;
comment on function public.end_my_session(uuid) is
  'For DELETE /sessions/:id: ends one of the caller''s own sessions; false (→ 404) for an unknown session or another user''s.';

revoke all on function public.list_my_sessions() from public, anon, authenticated, service_role;
revoke all on function public.end_my_session(uuid) from public, anon, authenticated, service_role;
grant execute on function public.list_my_sessions() to authenticated;
grant execute on function public.end_my_session(uuid) to authenticated;

-----------------------------------------------------------------------------------------
-- Expired or unknown email link
-----------------------------------------------------------------------------------------
create or replace function private.email_token_pending(p_token_hash text, p_type text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from auth.one_time_tokens t
    where t.token_hash = p_token_hash
      and t.token_type::text = any (
        case p_type
          when 'signup' then array['confirmation_token']
          when 'email_change' then array['email_change_token_new', 'email_change_token_current']
          else array[]::text[]
        end)
  );
$$;
comment on function private.email_token_pending(text, text) is
  'True when an email link of this kind (signup, email_change) with this hash exists and has not been used. Reads auth.one_time_tokens, hence security definer; returns nothing but that boolean.';

create or replace function public.email_token_pending(p_token_hash text, p_type text)
returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select private.email_token_pending(p_token_hash, p_type);
$$;
comment on function public.email_token_pending(text, text) is
  'Service role only, after Supabase Auth refused an email link: true means still pending, so it expired (401 TOKEN_EXPIRED); false means used or unknown (401 TOKEN_INVALID).';

revoke all on function private.email_token_pending(text, text) from public, anon, authenticated, service_role;
revoke all on function public.email_token_pending(text, text) from public, anon, authenticated, service_role;
grant execute on function private.email_token_pending(text, text) to service_role;
grant execute on function public.email_token_pending(text, text) to service_role;
