// App passwords of one user, for an admin (/api/users/{address}/app-passwords) and for the user itself
// (/api/self/app-passwords): listed by name and protocols, made (the password is shown once), revoked.

import { api } from '../api.js';
import { h, fill, time } from '../dom.js';
import { checkbox, confirmAction, emptyState, field, notify, onSubmit, showSecret, table } from '../ui.js';

const PROTOCOLS = ['imap', 'smtp', 'pop3'];

export function appPasswordsCard({ base, owner }) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'apppw-title' });
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const create = h('form', { class: 'inline', 'aria-label': 'New app password' },
    field('Name', h('input', { name: 'name', required: true, placeholder: 'phone, laptop…' })),
    h('fieldset', {}, h('legend', {}, 'Works for'),
      h('div', { class: 'button-row' }, PROTOCOLS.map((p) => checkbox(p.toUpperCase(), { name: 'protocols', value: p,
        checked: p !== 'pop3' })))),
    h('button', { type: 'submit', class: 'primary' }, 'Create app password'));
  onSubmit(create, async (data, form) => {
    const protocols = data.getAll('protocols');
    if (!protocols.length) {
      throw new Error('Choose at least one protocol.');
    }
    const { data: issued } = await api.post(base + '/app-passwords', { name: data.get('name').trim(), protocols });
    form.reset();
    await showSecret({ title: `App password “${issued.name}”`, secret: issued.password,
      message: `Use it instead of the account password in a mail client (${issued.protocols.join(', ').toUpperCase()}).` });
    load();
  });

  async function load() {
    try {
      const { data } = await api.get(base + '/app-passwords');
      fill(list, table([
        { label: 'Name', cell: (p) => p.name },
        { label: 'Protocols', cell: (p) => p.protocols.join(', ').toUpperCase() },
        { label: 'Created', cell: (p) => time(p.createdAt) },
        { label: 'Last used', cell: (p) => time(p.lastUsedAt) },
        { label: 'Actions', class: 'actions', cell: (p) => h('button', { type: 'button', class: 'danger-outline',
          onclick: () => revoke(p) }, 'Revoke') },
      ], data, emptyState('No app passwords', 'An app password lets one mail client log in without the account '
        + 'password, for the protocols chosen, and can be revoked alone.'), 'App passwords'));
    } catch (e) {
      fill(list, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  async function revoke(p) {
    if (!await confirmAction({ title: `Revoke “${p.name}”?`, confirmLabel: 'Revoke',
      message: `The mail client using it stops logging in as ${owner}.` })) {
      return;
    }
    try {
      await api.del(`${base}/app-passwords/${p.id}`);
      notify(`App password ${p.name} revoked.`);
      load();
    } catch (e) {
      notify(e.message, true);
    }
  }

  fill(card, h('h2', { id: 'apppw-title' }, 'App passwords'), create, list);
  load();
  return card;
}
