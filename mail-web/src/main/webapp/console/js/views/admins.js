// Administrators (server admins only): made with a role and, for domain admins, their domains; enabled or
// disabled (which ends their sessions and suspends their tokens); their passwords reset; removed.

import { api, seg } from '../api.js';
import { h, fill, time } from '../dom.js';
import { badge, checkbox, confirmAction, emptyState, field, formDialog, notify, onSubmit, table, username } from '../ui.js';

export async function adminsPage(page, { session, navigate }) {
  const [{ data: admins }, { data: domains }] = await Promise.all([api.get('/admins'), api.get('/domains')]);
  const reload = () => navigate(['admins']);

  const role = h('select', { name: 'role' },
    h('option', { value: 'domain-admin' }, 'Domain admin: manages the chosen domains'),
    h('option', { value: 'server-admin' }, 'Server admin: manages everything'));
  const domainBox = h('fieldset', {}, h('legend', {}, 'Domains'),
    domains.length ? h('div', { class: 'button-row' }, domains.map((d) => checkbox(d.unicodeName || d.name,
      { name: 'domains', value: d.name })))
      : h('p', { class: 'muted' }, 'No domains yet: add one before making a domain admin.'));
  role.addEventListener('change', () => { domainBox.hidden = role.value !== 'domain-admin'; });
  const create = h('form', { class: 'stack', 'aria-label': 'Add an administrator' },
    h('div', { class: 'grid-2' },
      field('Name', h('input', { name: 'name', required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' })),
      field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' }),
        'At least 8 characters, not the name, not a common password.')),
    field('Role', role),
    domainBox,
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Add administrator')));
  onSubmit(create, async (data) => {
    const r = data.get('role');
    await api.post('/admins', { name: data.get('name').trim(), password: data.get('password'), role: r,
      domains: r === 'domain-admin' ? data.getAll('domains') : [] });
    notify(`Administrator ${data.get('name').trim()} added.`);
    reload();
  });

  const toggle = async (a) => {
    if (a.enabled && !await confirmAction({ title: `Disable ${a.name}?`, confirmLabel: 'Disable',
      message: `${a.name} is signed out at once and their API tokens stop working until enabled again.` })) {
      return;
    }
    try {
      await api.put('/admins/' + seg(a.name), { enabled: !a.enabled });
      notify(`${a.name} ${a.enabled ? 'disabled' : 'enabled'}.`);
      reload();
    } catch (e) {
      notify(e.message, true);
    }
  };
  const resetPassword = async (a) => {
    if (await formDialog({ title: `New password for ${a.name}`, submitLabel: 'Reset password',
      build: (form) => form.append(username(a.name), field('New password', h('input', { name: 'newPassword', type: 'password', required: true,
        autocomplete: 'new-password' }), 'Their sessions end; tell them through another channel.')),
      action: (data) => api.put(`/admins/${seg(a.name)}/password`, { newPassword: data.get('newPassword') }) })) {
      notify(`Password of ${a.name} reset.`);
    }
  };
  const remove = async (a) => {
    if (!await confirmAction({ title: `Remove ${a.name}?`, confirmLabel: 'Remove administrator',
      message: `${a.name} is signed out and their API tokens stop working. The audit log keeps their entries.` })) {
      return;
    }
    try {
      await api.del('/admins/' + seg(a.name));
      notify(`${a.name} removed.`);
      reload();
    } catch (e) {
      notify(e.message, true);
    }
  };

  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Administrators'),
      h('p', {}, 'Who may use this console and the API. Mail users are not administrators.'))),
    table([
      { label: 'Name', cell: (a) => [a.name, a.name === session.name ? h('span', { class: 'sub' }, 'you') : null] },
      { label: 'Role', cell: (a) => (a.role === 'server-admin' ? 'server admin' : ['domain admin',
        h('span', { class: 'sub' }, a.domains.join(', ') || 'no domain')]) },
      { label: 'Status', cell: (a) => badge(a.enabled) },
      { label: 'Last sign-in', cell: (a) => time(a.lastLoginAt) },
      { label: 'Actions', class: 'actions', cell: (a) => h('div', { class: 'button-row' },
        h('button', { type: 'button', onclick: () => toggle(a), 'aria-label': `${a.enabled ? 'Disable' : 'Enable'} ${a.name}` },
          a.enabled ? 'Disable' : 'Enable'),
        h('button', { type: 'button', onclick: () => resetPassword(a), 'aria-label': `Reset the password of ${a.name}` },
          'Reset password'),
        h('button', { type: 'button', class: 'danger-outline', onclick: () => remove(a), 'aria-label': `Remove ${a.name}` },
          'Remove')) },
    ], admins, emptyState('No administrators', 'This cannot happen while you are signed in.'), 'Administrators'),
    h('section', { class: 'card' }, h('h2', {}, 'Add an administrator'), create));
}
