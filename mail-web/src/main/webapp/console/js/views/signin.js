// Signing an administrator in (POST /api/session), and the first start's setup while no admin exists
// (GET/POST /api/setup with the one-time token from the server log).

import { api } from '../api.js';
import { h, fill } from '../dom.js';
import { field, onSubmit } from '../ui.js';

export function signInPage(app, { message, signedIn }) {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, autocapitalize: 'none',
    spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'stack', 'aria-labelledby': 'signin-title' },
    field('Name', name),
    field('Password', password),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  onSubmit(form, async (data) => {
    const { data: who } = await api.post('/session', { name: data.get('name'), password: data.get('password') },
      { expect401: true });
    signedIn(who);
  });
  const setup = h('div', {});
  const main = h('main', { class: 'signin', id: 'main' },
    h('div', { class: 'card' },
      h('div', { class: 'brand' }, h('img', { src: 'postilion.svg', alt: '' }), 'Postilion'),
      h('h1', { id: 'signin-title' }, 'Sign in to the console'),
      message && h('p', { class: 'info', role: 'status' }, message),
      form,
      setup,
      h('p', { class: 'small muted' }, 'A mail user? ', h('a', { href: 'self/' }, 'Change your mail password here'), '.')));
  fill(app, main);
  document.title = 'Sign in · Postilion';
  name.focus();
  showSetupIfOpen(setup, signedIn);
}

async function showSetupIfOpen(box, signedIn) {
  let open = false;
  try {
    open = (await api.get('/setup', { expect401: true })).data.open;
  } catch (e) {
    return;
  }
  if (!open) {
    return;
  }
  const form = h('form', { class: 'stack' },
    field('Setup token', h('input', { name: 'token', required: true, autocomplete: 'off', spellcheck: 'false' }),
      'Printed in the server log at the first start.'),
    field('Your admin name', h('input', { name: 'name', required: true, autocomplete: 'username' })),
    field('Your password', h('input', { name: 'password', type: 'password', required: true,
      autocomplete: 'new-password' }), 'At least 8 characters, not a common password.'),
    h('button', { type: 'submit', class: 'primary' }, 'Create the first administrator'));
  onSubmit(form, async (data) => {
    await api.post('/setup', { token: data.get('token').trim(), name: data.get('name'), password: data.get('password') },
      { expect401: true });
    const { data: who } = await api.post('/session', { name: data.get('name'), password: data.get('password') },
      { expect401: true });
    signedIn(who);
  });
  fill(box, h('hr'), h('h2', {}, 'First start'),
    h('p', {}, 'No administrator exists yet. Make the first server admin with the one-time setup token from the server log.'),
    form);
}
