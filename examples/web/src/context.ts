/**
 * What every page gets: the one client of the app, navigation, the query string, the
 * parts of a path with an id (`/organizations/<id>`), a way to name the page after what
 * it shows, and a signal that says when the visitor has left it.
 */
import type { AuthClient } from '@edge-auth/client';

/** Passed to {@link Page.render}. */
export interface PageContext {
  auth: AuthClient;
  /** Goes to `path` (with an optional message for the next page to announce). */
  navigate(path: string, options?: { flash?: string; replace?: boolean }): void;
  query: URLSearchParams;
  /** The id of a path such as `/organizations/<id>`; '' elsewhere. */
  id: string;
  /** Replaces the h1 and the document title (e.g. with the organization's name). */
  setTitle(title: string): void;
  /** Aborted when the visitor leaves the page (the next navigation): ends what the page still waits for, such as a passkey request. */
  signal: AbortSignal;
}

/** One page of the app. */
export interface Page {
  /** The h1 and the document title (until the page calls `setTitle`). */
  title: string;
  /** Needs a signed-in user (else: the sign-in page, then back here). */
  signedIn?: boolean;
  /** Only for signed-out visitors (a signed-in user goes on to `?next=` or the account page). */
  guest?: boolean;
  render(ctx: PageContext): Node | Promise<Node>;
}
