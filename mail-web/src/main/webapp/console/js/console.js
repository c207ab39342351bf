// The admin console: who is signed in, the page frame, and the routes (#/domains, #/users/bob@example.com...).
//
// The page starts by asking the API who is signed in (GET /api/session); until an admin is, only the sign-in
// form is shown. Navigation that a caller may not use is not shown: domain admins see no health or
// administrators (the queue shows them their domains' messages). (The API enforces all of it; hiding is for
// clarity, not security.)

import { api, onUnauthorized, setCsrfToken } from './api.js';
import { h, fill } from './dom.js';
import { notify } from './ui.js';
import { signInPage } from './views/signin.js';
import { dashboard } from './views/dashboard.js';
import { domainsPage, domainPage } from './views/domains.js';
import { usersPage, userPage } from './views/users.js';
import { aliasesPage } from './views/aliases.js';
import { queuePage, queueMessagePage } from './views/queue.js';
import { auditPage } from './views/audit.js';
import { adminsPage } from './views/admins.js';
import { accountPage } from './views/account.js';

const SERVER_ADMIN = 'server-admin';

// path pattern, title, view, shown in the navigation, server admins only
const ROUTES = [
  { path: 'dashboard', title: 'Dashboard', view: dashboard, nav: true },
  { path: 'domains', title: 'Domains', view: domainsPage, nav: true },
  { path: 'domains/:name', title: 'Domain', view: domainPage },
  { path: 'users', title: 'Users', view: usersPage, nav: true },
  { path: 'users/:address', title: 'User', view: userPage },
  { path: 'aliases', title: 'Aliases', view: aliasesPage, nav: true },
  { path: 'queue', title: 'Queue', view: queuePage, nav: true },
  { path: 'queue/:id', title: 'Message', view: queueMessagePage },
  { path: 'audit', title: 'Audit log', view: auditPage, nav: true },
  { path: 'admins', title: 'Administrators', view: adminsPage, nav: true, serverAdmin: true },
  { path: 'account', title: 'My account', view: accountPage, nav: true },
];

const app = document.getElementById('app');
let session = null;
let main = null;
let nav = null;

function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, search = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) {
      continue;
    }
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(parts[i]), true) : p === parts[i]))) {
      return { route, params, query: new URLSearchParams(search) };
    }
  }
  return { route: null, params: {}, query: new URLSearchParams(search) };
}

/** A link to a route: link(['users', address], {q: 'x'}). */
export function href(parts, params) {
  const path = '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function navigate(parts, params) {
  const target = href(parts, params);
  if (location.hash === target) {
    render();
  } else {
    location.hash = target;
  }
}

function frame() {
  const isServerAdmin = session.role === SERVER_ADMIN;
  nav = h('ul', {}, ROUTES.filter((r) => r.nav && (!r.serverAdmin || isServerAdmin))
    .map((r) => h('li', {}, h('a', { href: '#/' + r.path, 'data-route': r.path }, r.title))));
  main = h('main', { id: 'main', tabindex: '-1' });
  const skip = h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } },
    'Skip to content');
  const role = session.role === SERVER_ADMIN ? 'server admin'
    : `domain admin of ${session.domains.join(', ') || 'no domain'}`;
  fill(app,
    skip,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/dashboard' }, h('img', { src: 'postilion.svg', alt: '' }), 'Postilion'),
      h('span', { class: 'spacer' }),
      h('span', { class: 'whoami', 'data-whoami': true }, h('strong', {}, session.name), h('br'), role),
      h('button', { type: 'button', onclick: signOut }, 'Sign out')),
    h('div', { class: 'layout' },
      h('nav', { class: 'sidebar', 'aria-label': 'Console' }, nav),
      main));
}

let renderCount = 0;

async function render() {
  if (!session) {
    return;
  }
  const { route, params, query } = parseHash();
  if (!route || (route.serverAdmin && session.role !== SERVER_ADMIN)) {
    location.replace('#/dashboard');
    return;
  }
  const top = route.path.split('/')[0];
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.route === top) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  const count = ++renderCount;
  const page = h('div', { class: 'page' }, h('p', { class: 'loading' }, 'Loading…'));
  fill(main, page);
  document.title = `${route.title} · Postilion`;
  try {
    await route.view(page, { session, params, query, navigate, href, current: () => count === renderCount });
  } catch (e) {
    fill(page, h('p', { class: 'error', role: 'alert' }, e.message));
  }
  if (count === renderCount) {
    const heading = page.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      document.title = `${heading.textContent} · Postilion`;
    }
  }
}

async function signOut() {
  try {
    await api.del('/session');
  } catch (e) {
    // signed out either way: the page forgets the session
  }
  // whoever signs in next starts at the dashboard, not on the page this admin left
  history.replaceState(null, '', location.pathname);
  showSignIn('You have signed out.');
}

function showSignIn(message) {
  session = null;
  setCsrfToken(null);
  signInPage(app, { message, signedIn: start });
}

function start(who) {
  session = who;
  setCsrfToken(who.csrfToken);
  frame();
  if (!parseHash().route) {
    location.replace('#/dashboard');
  }
  render();
}

onUnauthorized(() => {
  if (session) {
    notify('Your session has ended. Sign in again.', true);
    showSignIn('Your session has ended (30 minutes idle, a password change, or the account was disabled). Sign in again.');
  }
});

window.addEventListener('hashchange', render);

(async function boot() {
  try {
    const { data } = await api.get('/session', { expect401: true });
    if (data.kind === 'admin') {
      start(data);
      return;
    }
    showSignIn(`You are signed in as the mail user ${data.name}; the console is for administrators.`);
  } catch (e) {
    showSignIn(e.status === 401 ? null : e.message);
  }
})();
