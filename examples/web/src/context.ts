/**
 * What every page gets: the one client of the app, navigation, the query string, and a
 * message left by the previous page ("Password changed", "Your session has ended").
 */
import type { AuthClient } from '@edge-auth/client';

/** Passed to {@link Page.render}. */
export interface PageContext {
  auth: AuthClient;
  /** Goes to `path` (with an optional message for the next page to announce). */
  navigate(path: string, options?: { flash?: string; replace?: boolean }): void;
  query: URLSearchParams;
}

/** One page of the app. */
export interface Page {
  /** The h1 and the document title. */
  title: string;
  /** Needs a signed-in user (else: the sign-in page, then back here). */
  signedIn?: boolean;
  /** Only for signed-out visitors (a signed-in user goes to the account page). */
  guest?: boolean;
  render(ctx: PageContext): Node | Promise<Node>;
}
