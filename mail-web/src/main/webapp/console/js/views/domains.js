// Domains: the list with what each holds, adding one (server admins), and one domain's page: its settings
// (enabled, default quota, user limit, plus-addressing; server admins change them), its catch-all, and its
// removal (with everything in it only after typing its name).

import { api, seg } from '../api.js';
import { h, fill, formatBytes, time, toMiB, fromMiB } from '../dom.js';
import { badge, checkbox, confirmAction, emptyState, field, notify, onSubmit, table } from '../ui.js';

/** The name to show: the Unicode form of an internationalized domain, with its A-label beside it. */
export function domainLabel(d) {
  return d.unicodeName && d.unicodeName !== d.name ? [d.unicodeName, h('span', { class: 'sub' }, d.name)] : d.name;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

export async function domainsPage(page, { session, href, navigate }) {
  const serverAdmin = session.role === 'server-admin';
  const { data: domains } = await api.get('/domains');
  const columns = [
    { label: 'Domain', cell: (d) => h('a', { href: href(['domains', d.name]) }, domainLabel(d)) },
    { label: 'Status', cell: (d) => badge(d.enabled) },
    { label: 'Users', class: 'num', cell: (d) => h('a', { href: href(['users'], { domain: d.name }) }, String(d.counts.users)) },
    { label: 'Aliases', class: 'num', cell: (d) => h('a', { href: href(['aliases'], { domain: d.name }) }, String(d.counts.aliases)) },
    { label: 'Storage', class: 'num', cell: (d) => formatBytes(d.counts.storageBytes) },
    { label: 'Default quota', class: 'num', cell: (d) => (d.defaultQuotaBytes == null ? 'none' : formatBytes(d.defaultQuotaBytes)) },
    { label: 'Max users', class: 'num', cell: (d) => (d.maxUsers == null ? 'no limit' : String(d.maxUsers)) },
  ];
  let create = null;
  if (serverAdmin) {
    create = h('form', { class: 'inline', 'aria-label': 'Add a domain' },
      field('New domain', h('input', { name: 'name', required: true, placeholder: 'example.com',
        autocapitalize: 'none', spellcheck: 'false' }), 'A host name; internationalized names (bücher.example) are fine.'),
      h('button', { type: 'submit', class: 'primary' }, 'Add domain'));
    onSubmit(create, async (data) => {
      const { data: d } = await api.post('/domains', { name: data.get('name').trim() });
      notify(`Domain ${d.unicodeName || d.name} added.`);
      navigate(['domains', d.name]);
    });
  }
  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Domains'),
      h('p', {}, serverAdmin ? 'The domains this server receives mail for.' : 'The domains granted to you.'))),
    create && h('section', { class: 'card' }, create),
    table(columns, domains, emptyState('No domains yet',
      serverAdmin ? 'Add a domain above; then create its users and aliases.'
        : 'No domain is granted to you yet. Ask a server admin.'), 'Domains'));
}

export async function domainPage(page, { session, params, href, navigate }) {
  const serverAdmin = session.role === 'server-admin';
  const { data: d } = await api.get('/domains/' + seg(params.name));
  const label = d.unicodeName || d.name;

  const enabled = checkbox('Enabled: receives mail, its users can log in', { name: 'enabled', checked: d.enabled,
    disabled: !serverAdmin });
  const plus = checkbox('Plus-addressing: user+tag@ reaches user@', { name: 'plusAddressing', checked: d.plusAddressing,
    disabled: !serverAdmin });
  const quota = h('input', { name: 'defaultQuotaBytes', type: 'number', min: 0, step: 'any', value: toMiB(d.defaultQuotaBytes),
    disabled: !serverAdmin, placeholder: 'none' });
  const maxUsers = h('input', { name: 'maxUsers', type: 'number', min: 0, step: 1, value: d.maxUsers ?? '',
    disabled: !serverAdmin, placeholder: 'no limit' });
  const settings = h('form', { class: 'stack', 'aria-labelledby': 'settings-title' },
    enabled, plus,
    field('Default quota (MiB)', quota, 'For users without their own quota. Empty: no quota.'),
    field('Maximum number of users', maxUsers, 'Empty: no limit.'),
    serverAdmin ? h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Save settings'))
      : h('p', { class: 'muted small' }, 'Only a server admin changes a domain\'s settings.'));
  if (serverAdmin) {
    onSubmit(settings, async (data) => {
      await api.put('/domains/' + seg(d.name), {
        enabled: data.get('enabled') === 'on',
        plusAddressing: data.get('plusAddressing') === 'on',
        defaultQuotaBytes: fromMiB(data.get('defaultQuotaBytes')),
        maxUsers: data.get('maxUsers') === '' ? null : Number(data.get('maxUsers')),
      });
      notify(`Settings of ${label} saved.`);
      navigate(['domains', d.name]);
    });
  }

  const holds = d.counts.users + d.counts.aliases;
  const remove = async () => {
    const force = holds > 0;
    const ok = await confirmAction({
      title: `Remove ${label}?`,
      message: force
        ? `${label} has ${plural(d.counts.users, 'user', 'users')} and ${plural(d.counts.aliases, 'alias', 'aliases')}. `
          + 'Removing it removes them too, with '
          + `every mailbox and message (${formatBytes(d.counts.storageBytes)}). This cannot be undone.`
        : `${label} holds no users or aliases. Mail for it will be refused.`,
      confirmLabel: force ? 'Remove domain and everything in it' : 'Remove domain',
      typeToConfirm: force ? d.name : null,
    });
    if (!ok) {
      return;
    }
    try {
      await api.del('/domains/' + seg(d.name) + (force ? '?force=true' : ''));
      notify(`Domain ${label} removed.`);
      navigate(['domains']);
    } catch (e) {
      notify(e.message, true);
    }
  };

  fill(page,
    h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: href(['domains']) }, 'Domains'), ' / '),
        h('h1', {}, label),
        h('p', {}, badge(d.enabled), ' added ', time(d.createdAt), d.unicodeName ? [' · A-label ', h('code', {}, d.name)] : null)),
      h('div', { class: 'button-row' },
        h('a', { class: 'button', href: href(['users'], { domain: d.name }) }, `Users (${d.counts.users})`),
        h('a', { class: 'button', href: href(['aliases'], { domain: d.name }) }, `Aliases (${d.counts.aliases})`))),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', { id: 'settings-title' }, 'Settings'), settings),
      h('section', { class: 'card' }, h('h2', {}, 'What it holds'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Users'), h('dd', { 'data-count': 'users' }, String(d.counts.users)),
          h('dt', {}, 'Aliases'), h('dd', { 'data-count': 'aliases' }, String(d.counts.aliases)),
          h('dt', {}, 'Storage used'), h('dd', { 'data-count': 'storage' }, formatBytes(d.counts.storageBytes)),
          h('dt', {}, 'Catch-all'), h('dd', {}, d.catchAll ? d.catchAll.join(', ')
            : h('span', { class: 'muted' }, 'none (unknown addresses are refused)'))),
        h('p', { class: 'small muted' }, 'A catch-all is the alias ', h('code', {}, '@' + d.name), '; set it on the ',
          h('a', { href: href(['aliases'], { domain: d.name }) }, 'aliases page'), '.'))),
    serverAdmin && h('section', { class: 'card danger-zone' }, h('h2', {}, 'Remove this domain'),
      h('p', {}, holds > 0 ? 'Removes the domain with all its users, aliases, mailboxes and messages.'
        : 'The domain is empty; removing it stops mail for it.'),
      h('button', { type: 'button', class: 'danger-outline', onclick: remove }, 'Remove domain…')));
}
