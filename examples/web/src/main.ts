/**
 * The reference web app: one client in cookie mode (the client's default in browsers: the
 * refresh token is an HttpOnly cookie the app never sees, the access token lives in memory
 * and is shared by the tabs over a BroadcastChannel; nothing is kept in localStorage, and a
 * reload signs back in by POST /refresh with the cookie), a
 * table of pages by path (and of pages by path with an id, such as
 * `/organizations/<id>`), and a router on the History API. Each navigation renders the
 * page into <main>, sets the title and moves focus to the page's heading so screen
 * readers announce it; a message for the next page ("flash") is announced there. The page
 * left behind has its `signal` aborted (a passkey request it still waits for ends).
 *
 * The second factor (second-factor.ts): while a session waits for its code step, every
 * page that needs a signed-in user leads to /sign-in/code (then back), and the menu offers
 * only "Sign out". A 403 MFA_REQUIRED from a page or a control leads there too, or — for a
 * user without a factor, such as a member of an organization that requires one — to
 * enrolment at /account/security.
 */
import { AuthApiError, assuranceOf, createAuthClient, type Session } from '@edge-auth/client';
import type { Page, PageContext } from './context.ts';
import { accountPage } from './pages/account.ts';
import { invitationPage, invitationsPage } from './pages/invitations.ts';
import { organizationPage } from './pages/organization.ts';
import { organizationsPage } from './pages/organizations.ts';
import { forgotPage, resetPage } from './pages/password.ts';
import { registerPage } from './pages/register.ts';
import { securityPage } from './pages/security.ts';
import { signInPage } from './pages/sign-in.ts';
import { signInCodePage } from './pages/sign-in-code.ts';
import { signInEmailPage } from './pages/sign-in-email.ts';
import { verifyPage } from './pages/verify.ts';
import { codeStepDue, codeStepPath, enrolmentPath } from './second-factor.ts';
import { describeError, h, localPath, messageRegion, onSecondFactorDue } from './ui.ts';

// Same origin: the app's server passes /api/* to the worker, Set-Cookie included
// (examples/web/server.ts). Cookie mode, memory shared by the tabs: the client's defaults here.
const auth = createAuthClient({ session: 'cookie' });

const pages: Record<string, Page> = {
  '/login': signInPage,
  '/sign-in/code': signInCodePage,
  '/sign-in/email': signInEmailPage,
  '/register': registerPage,
  '/forgot-password': forgotPage,
  '/reset-password': resetPage,
  '/verify-email': verifyPage,
  '/account': accountPage,
  '/account/security': securityPage,
  '/organizations': organizationsPage,
  '/invitations': invitationsPage,
};

/** Pages whose path ends in an id (a UUID): `/organizations/<id>`, `/invitations/<id>` (the invitation email's link). */
const pagesWithId: Record<string, Page> = {
  '/organizations/': organizationPage,
  '/invitations/': invitationPage,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of `pathname` and the id in it, if any. */
function route(pathname: string): { page: Page | undefined; id: string } {
  const exact = pages[pathname];
  if (exact) return { page: exact, id: '' };
  const slash = pathname.lastIndexOf('/') + 1;
  const id = pathname.slice(slash);
  const page = pagesWithId[pathname.slice(0, slash)];
  return page && UUID.test(id) ? { page, id: id.toLowerCase() } : { page: undefined, id: '' };
}

const notFound: Page = {
  title: 'Page not found',
  render: () => h('p', {}, 'There is nothing here. ', h('a', { href: '/' }, 'Go to the start page')),
};

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let flash = '';
let rendering = 0;
let signingOut = false;
/** Aborted when the page it was made for is left. */
let leaving = new AbortController();

function navigate(path: string, options: { flash?: string; replace?: boolean } = {}): void {
  flash = options.flash ?? '';
  history[options.replace ? 'replaceState' : 'pushState'](null, '', path);
  void render(true);
}

function renderNav(session: Session | null): void {
  if (!session) {
    nav.replaceChildren(h('a', { href: '/login' }, 'Sign in'), h('a', { href: '/register' }, 'Create an account'));
    return;
  }
  // Waiting for the code step: nothing else would open yet.
  const pending = assuranceOf(session).pending;
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    signingOut = true;
    try {
      await auth.logout();
    } catch {
      // Signed out here all the same; the server ends the session when it can.
    } finally {
      signingOut = false;
    }
    navigate('/login', { flash: 'You have been signed out.' });
  });
  if (pending) return void nav.replaceChildren(signOut);
  nav.replaceChildren(
    h('a', { href: '/account' }, 'Account'),
    h('a', { href: '/organizations' }, 'Organizations'),
    h('a', { href: '/invitations' }, 'Invitations'),
    signOut,
  );
}

/**
 * A request answered 403 MFA_REQUIRED: to the code step when this session waits for one
 * (true: taken over); otherwise the caller shows the refusal (false).
 */
async function toCodeStep(): Promise<boolean> {
  if (!(await codeStepDue(auth))) return false;
  navigate(codeStepPath(location.pathname + location.search), { replace: true });
  return true;
}
onSecondFactorDue(toCodeStep);

/** Renders the page of the current path; `focus` moves focus to its heading (not on the first load). */
async function render(focus: boolean): Promise<void> {
  const turn = ++rendering;
  leaving.abort();
  leaving = new AbortController();
  const { signal } = leaving;
  const { pathname, search } = location;
  // This turn's message, taken before anything is awaited: a newer navigation brings its own.
  const note = flash;
  flash = '';
  const session = await auth.session();
  if (pathname === '/') return navigate(session ? '/account' : '/login', { replace: true });
  const { page = notFound, id } = route(pathname);
  const query = new URLSearchParams(search);
  if (page.signedIn && !session) return navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true, flash: note });
  if (page.guest && session) return navigate(localPath(query.get('next')), { replace: true });
  if (page.signedIn && page !== signInCodePage && session && assuranceOf(session).pending) {
    return navigate(codeStepPath(pathname + search), { replace: true, flash: note });
  }
  renderNav(session);
  const heading = h('h1', { tabindex: '-1' });
  const setTitle = (title: string) => {
    if (turn !== rendering) return;
    heading.textContent = title;
    document.title = `${title} · Edge Auth`;
  };
  setTitle(page.title);
  const message = messageRegion('status', note);
  const ctx: PageContext = { auth, navigate, query, id, setTitle, signal };
  let content: Node;
  try {
    content = await page.render(ctx);
  } catch (err) {
    if (err instanceof AuthApiError && err.code === 'MFA_REQUIRED' && turn === rendering) {
      // The code step when one is due; else a factor is missing (say, an organization requires one).
      if (await toCodeStep()) return;
      if (turn !== rendering) return;
      return navigate(enrolmentPath(pathname + search), {
        replace: true,
        flash: 'That page needs two-factor authentication. Set up an authenticator app to continue.',
      });
    }
    content = messageRegion('alert', describeError(err));
  }
  if (turn !== rendering) return; // a newer navigation won
  main.replaceChildren(heading, message, content);
  if (focus) heading.focus();
}

// Links inside the app navigate without a reload.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.origin !== location.origin || link.target || link.hasAttribute('download')) return;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.hash && link.pathname === location.pathname) return; // in-page anchors (the skip link)
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', () => void render(true));

// The session ended elsewhere (signed out on another device, password reset, this device
// signed out from the sessions list) or in another tab: back to sign-in where it matters.
auth.onChange((session) => {
  renderNav(session);
  if (session || signingOut) return;
  if (route(location.pathname).page?.signedIn) {
    navigate('/login', { flash: 'Your session has ended. Please sign in again.', replace: true });
  }
});

void render(false);
