/**
 * Who is calling: the typed value that the auth middleware puts in `c.var.auth`. A user is
 * known only after their access token has been verified locally; the service caller is the
 * holder of the Supabase service-role key (admin routes and service integrations).
 */
import type { JWTPayload } from 'jose';

/** Claims of a verified Supabase access token (the ones we read; others are kept). */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  email?: string;
  /** Always `authenticated` once verified. */
  role: string;
  /** Always present once verified. */
  session_id: string;
  aal?: string;
  is_anonymous?: boolean;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
}

/** A user authenticated by a verified access token. */
export interface UserAuth {
  kind: 'user';
  /** `sub`: the auth user's id (UUID). */
  userId: string;
  /** `email` claim, or null. */
  email: string | null;
  /** `session_id` claim. */
  sessionId: string;
  /** Every verified claim. */
  claims: AccessTokenClaims;
  /** The verified access token itself, for the RLS-scoped Supabase client. Never log it. */
  token: string;
}

/** The service integration, authenticated by the service-role key. */
export interface ServiceAuth {
  kind: 'service';
}

/** The caller of a protected route. */
export type AuthState = UserAuth | ServiceAuth;
