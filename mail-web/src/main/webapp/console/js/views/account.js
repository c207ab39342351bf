// The signed-in admin's own account: changing the password (the current one is asked again), and API tokens for
// scripts (made from this session; the token is shown once; revocable).

import { api } from '../api.js';
import { h, fill, time } from '../dom.js';
import { confirmAction, emptyState, field, notify, onSubmit, showSecret, table, username } from '../ui.js';

export async function accountPage(page, { session }) {
  const password = h('form', { class: 'stack', 'aria-label': 'Change my password' },
    username(session.name),
    field('Current password', h('input', { name: 'currentPassword', type: 'password', required: true,
      autocomplete: 'current-password' })),
    field('New password', h('input', { name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password' }),
      'At least 8 characters, not your name, not a common password.'),
    field('New password again', h('input', { name: 'repeat', type: 'password', required: true, autocomplete: 'new-password' })),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Change password')));
  onSubmit(password, async (data, form) => {
    if (data.get('newPassword') !== data.get('repeat')) {
      throw new Error('The two new passwords differ.');
    }
    await api.put('/session/password', { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
    form.reset();
    notify('Password changed. Your other sessions have ended.');
  });

  const tokens = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const create = h('form', { class: 'inline', 'aria-label': 'New API token' },
    field('Token name', h('input', { name: 'name', required: true, placeholder: 'backup script' })),
    field('Expires on', h('input', { name: 'expires', type: 'date' }), 'Empty: does not expire.'),
    h('button', { type: 'submit', class: 'primary' }, 'Create token'));
  onSubmit(create, async (data, form) => {
    const expires = data.get('expires');
    const { data: issued } = await api.post('/tokens', { name: data.get('name').trim(),
      expiresAt: expires ? new Date(expires + 'T23:59:59').toISOString() : null });
    form.reset();
    await showSecret({ title: `API token “${issued.name}”`, secret: issued.token,
      message: 'Send it as Authorization: Bearer <token>. It acts with your role.' });
    load();
  });

  async function load() {
    try {
      const { data } = await api.get('/tokens');
      fill(tokens, table([
        { label: 'Name', cell: (t) => [t.name, h('span', { class: 'sub mono' }, t.prefix + '…')] },
        { label: 'Created', cell: (t) => time(t.createdAt) },
        { label: 'Expires', cell: (t) => (t.expiresAt ? time(t.expiresAt) : 'never') },
        { label: 'Last used', cell: (t) => time(t.lastUsedAt) },
        { label: 'Actions', class: 'actions', cell: (t) => h('button', { type: 'button', class: 'danger-outline',
          onclick: () => revoke(t) }, 'Revoke') },
      ], data, emptyState('No API tokens', 'Scripts and monitoring use a token instead of a password.'), 'API tokens'));
    } catch (e) {
      fill(tokens, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  async function revoke(t) {
    if (!await confirmAction({ title: `Revoke “${t.name}”?`, confirmLabel: 'Revoke token',
      message: 'Scripts using it are refused from now on.' })) {
      return;
    }
    try {
      await api.del('/tokens/' + t.id);
      notify(`Token ${t.name} revoked.`);
      load();
    } catch (e) {
      notify(e.message, true);
    }
  }

  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'My account'),
      h('p', {}, `Signed in as ${session.name} (${session.role.replace('-', ' ')}).`))),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Change my password'), password),
      h('section', { class: 'card' }, h('h2', {}, 'API tokens'), create, tokens)));
  load();
}
