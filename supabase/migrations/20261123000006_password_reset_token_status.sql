-- Telling an expired password-reset link from a used or unknown one.
--
-- Supabase Auth answers the same `otp_expired` ("Email link is invalid or has expired")
-- for a reset token that is unknown, already used, or expired. The API contract wants
-- 401 TOKEN_EXPIRED for the last case and TOKEN_INVALID for the others, so after Auth
-- refuses a token the worker asks whether that token hash is still waiting to be used:
-- a refused token that is still pending can only have expired (a used token is deleted).
--
-- Only the service role may ask (the worker asks with the service key, as part of the
-- password reset it performs for the user); it returns that boolean and nothing else.

create or replace function private.reset_token_pending(p_token_hash text)
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
      and t.token_type = 'recovery_token'
  );
$$;
comment on function private.reset_token_pending(text) is
  'True when a password-reset (recovery) token with this hash exists and has not been used. Reads auth.one_time_tokens, hence security definer; returns nothing but that boolean.';

revoke all on function private.reset_token_pending(text) from public, anon, authenticated, service_role;
grant execute on function private.reset_token_pending(text) to service_role;

create or replace function public.password_reset_token_pending(p_token_hash text)
returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select private.reset_token_pending(p_token_hash);
$$;
comment on function public.password_reset_token_pending(text) is
  'Called by the worker after Supabase Auth refused a reset token: true means the token is still pending, so it was refused because it expired (401 TOKEN_EXPIRED); false means used or unknown (401 TOKEN_INVALID).';

revoke all on function public.password_reset_token_pending(text) from public, anon, authenticated, service_role;
grant execute on function public.password_reset_token_pending(text) to service_role;
