/**
 * The per-request context of the worker: the variables every request carries
 * (`c.var.requestId`, `c.var.config`, `c.var.auth`, ...) and who is calling. A user is
 * known only after their access token has been verified locally (src/auth/); the service
 * caller is the holder of the project's secret key (admin routes and service
 * integrations). Types only, shared by every layer, so no layer needs to import another
 * one upwards for them.
 */
import type { Bindings, Config } from '../env.ts';

/** Claims of a verified Supabase access token (the ones we read; others are kept). */
export interface AccessTokenClaims {
  iss: string;
  aud: string | string[];
  exp: number;
  iat?: number;
  nbf?: number;
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
  [claim: string]: unknown;
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

/**
 * An organization API key (`Bearer eak_…`, integrations.md): only its SHA-256 hash is kept;
 * the database decides which organization and scopes it has, on every call.
 */
export interface KeyAuth {
  kind: 'key';
  /** Hex SHA-256 of the presented key. Never log it. */
  keyHash: string;
}

/** The caller of a protected route. */
export type AuthState = UserAuth | ServiceAuth | KeyAuth;

/** Variables every request has (`c.var.requestId`, `c.var.config`, ...). */
export interface AppVariables {
  /** The request id echoed in `X-Request-Id`. */
  requestId: string;
  /** The validated configuration. */
  config: Config;
  /** The caller, once an auth middleware has run (undefined on public routes). */
  auth: AuthState | undefined;
  /** What went wrong, for the request's log line (set by onError). */
  logError: Record<string, unknown> | undefined;
}

/** The Hono environment of the app. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: AppVariables;
}
