-- Sign-in codes and magic links (strong-auth.md "Sign-in codes and magic links"): telling an
-- expired code or link from a used or unknown one, as for sign-up links.
--
-- Supabase Auth keeps the code of a sign-in email in auth.one_time_tokens as the hash of the
-- address and the code (the link carries that hash): as `recovery_token` for a confirmed
-- user (GoTrue sends magic links through the recovery token), `confirmation_token` for one
-- who has not confirmed yet. A pending row after Supabase refused the code means it expired.

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
          when 'magiclink' then array['recovery_token', 'confirmation_token']
          else array[]::text[]
        end)
  );
$$;
comment on function private.email_token_pending(text, text) is
  'True when an email link or code of this kind (signup, email_change, magiclink) with this hash exists and has not been used. Reads auth.one_time_tokens, hence security definer; returns nothing but that boolean.';
