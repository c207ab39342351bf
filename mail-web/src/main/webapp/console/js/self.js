// The self-service page of a mail user (/console/self/): sign in with the mail address and password
// (POST /api/self/session), change the password (PUT /api/self/password), and make or revoke app passwords for
// mail clients (/api/self/app-passwords). A mail user's session reaches nothing else of the API.

import { api, onUnauthorized, setCsrfToken } from './api.js';
import { h, fill } from './dom.js';
import { field, notify, onSubmit, username } from './ui.js';
import { appPasswordsCard } from './views/app-passwords.js';

const app = document.getElementById('app');

function brand() {
  return h('span', { class: 'brand' }, h('img', { src: '../postilion.svg', alt: '' }), 'Postilion');
}

function signInPage(message) {
  setCsrfToken(null);
  const address = h('input', { name: 'address', type: 'email', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', placeholder: 'you@example.com' });
  const form = h('form', { class: 'stack' },
    field('Mail address', address),
    field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
      'Your mail password, not an app password.'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  onSubmit(form, async (data) => {
    const { data: who } = await api.post('/self/session', { address: data.get('address').trim(),
      password: data.get('password') }, { expect401: true });
    accountPage(who);
  });
  fill(app, h('main', { class: 'signin', id: 'main' }, h('div', { class: 'card' },
    brand(),
    h('h1', {}, 'Your mail account'),
    h('p', { class: 'muted' }, 'Sign in with your mail address to change your password or manage app passwords.'),
    message && h('p', { class: 'info', role: 'status' }, message),
    form,
    h('p', { class: 'small muted' }, 'An administrator? ', h('a', { href: '../' }, 'Go to the console'), '.'))));
  document.title = 'Your mail account · Postilion';
  address.focus();
}

function accountPage(who) {
  setCsrfToken(who.csrfToken);
  const password = h('form', { class: 'stack', 'aria-label': 'Change my password' },
    username(who.name),
    field('Current password', h('input', { name: 'currentPassword', type: 'password', required: true,
      autocomplete: 'current-password' })),
    field('New password', h('input', { name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password' }),
      'At least 8 characters; not your address, not a common password.'),
    field('New password again', h('input', { name: 'repeat', type: 'password', required: true, autocomplete: 'new-password' })),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Change password')));
  onSubmit(password, async (data, form) => {
    if (data.get('newPassword') !== data.get('repeat')) {
      throw new Error('The two new passwords differ.');
    }
    await api.put('/self/password', { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
    form.reset();
    const done = h('p', { class: 'info', role: 'status', 'data-password-changed': true },
      'Your password has been changed. Use the new one in your mail clients (app passwords keep working).');
    form.before(done);
    notify('Password changed.');
  });
  const signOut = async () => {
    try {
      await api.del('/self/session');
    } catch (e) {
      // signed out either way
    }
    signInPage('You have signed out.');
  };
  const heading = h('h1', { tabindex: '-1' }, 'Your mail account');
  fill(app,
    h('header', { class: 'topbar' }, brand(), h('span', { class: 'spacer' }),
      h('span', { class: 'whoami', 'data-whoami': true }, h('strong', {}, who.name)),
      h('button', { type: 'button', onclick: signOut }, 'Sign out')),
    h('main', { id: 'main', class: 'self' },
      h('div', { class: 'page-head' }, h('div', {}, heading, h('p', {}, `Signed in as ${who.name}.`))),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card' }, h('h2', {}, 'Change your password'), password),
        h('section', { class: 'card' }, h('h2', {}, 'Mail client settings'),
          h('p', {}, 'User name: your full address. Incoming: IMAP, port 993 (SSL/TLS). Outgoing: SMTP, port 465 (SSL/TLS) '
            + 'or 587 (STARTTLS). Most clients find these by themselves from your address.'))),
      appPasswordsCard({ base: '/self', owner: who.name })));
  document.title = 'Your mail account · Postilion';
  heading.focus();
}

onUnauthorized(() => signInPage('Your session has ended. Sign in again.'));

(async function boot() {
  try {
    const { data } = await api.get('/self', { expect401: true });
    accountPage(data);
  } catch (e) {
    signInPage(e.status === 401 || e.status === 403 ? null : e.message);
  }
})();
