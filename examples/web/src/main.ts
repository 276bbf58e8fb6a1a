/**
 * The reference web app: one client (session in localStorage, shared by the tabs), a
 * table of pages by path (and of pages by path with an id, such as
 * `/organizations/<id>`), and a router on the History API. Each navigation renders the
 * page into <main>, sets the title and moves focus to the page's heading so screen
 * readers announce it; a message for the next page ("flash") is announced there.
 */
import { createAuthClient, localStorageAdapter, type Session } from '@edge-auth/client';
import type { Page, PageContext } from './context.ts';
import { accountPage } from './pages/account.ts';
import { invitationPage, invitationsPage } from './pages/invitations.ts';
import { organizationPage } from './pages/organization.ts';
import { organizationsPage } from './pages/organizations.ts';
import { forgotPage, resetPage } from './pages/password.ts';
import { registerPage } from './pages/register.ts';
import { signInPage } from './pages/sign-in.ts';
import { verifyPage } from './pages/verify.ts';
import { describeError, h, localPath, messageRegion } from './ui.ts';

// Same origin: the app's server passes /api/* to the worker (examples/web/server.ts).
const auth = createAuthClient({ storage: localStorageAdapter() });

const pages: Record<string, Page> = {
  '/login': signInPage,
  '/register': registerPage,
  '/forgot-password': forgotPage,
  '/reset-password': resetPage,
  '/verify-email': verifyPage,
  '/account': accountPage,
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
  nav.replaceChildren(
    h('a', { href: '/account' }, 'Account'),
    h('a', { href: '/organizations' }, 'Organizations'),
    h('a', { href: '/invitations' }, 'Invitations'),
    signOut,
  );
}

/** Renders the page of the current path; `focus` moves focus to its heading (not on the first load). */
async function render(focus: boolean): Promise<void> {
  const turn = ++rendering;
  const { pathname, search } = location;
  const session = await auth.session();
  if (pathname === '/') return navigate(session ? '/account' : '/login', { replace: true });
  const { page = notFound, id } = route(pathname);
  const query = new URLSearchParams(search);
  if (page.signedIn && !session) return navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true, flash });
  if (page.guest && session) return navigate(localPath(query.get('next')), { replace: true });
  renderNav(session);
  const heading = h('h1', { tabindex: '-1' });
  const setTitle = (title: string) => {
    if (turn !== rendering) return;
    heading.textContent = title;
    document.title = `${title} · Edge Auth`;
  };
  setTitle(page.title);
  const message = messageRegion('status', flash);
  flash = '';
  const ctx: PageContext = { auth, navigate, query, id, setTitle };
  let content: Node;
  try {
    content = await page.render(ctx);
  } catch (err) {
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
