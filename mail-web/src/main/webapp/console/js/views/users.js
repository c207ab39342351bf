// Users: search and paging (q, domain, X-Total-Count), adding one; a user's page with storage against its quota,
// settings (display name, enabled, forwarding), quota, password reset, app passwords (shown once), the INBOX's
// messages, last logins, and removal.

import { api, seg, query } from '../api.js';
import { h, fill, formatBytes, time, toMiB, fromMiB } from '../dom.js';
import { badge, checkbox, confirmAction, count, emptyState, field, notify, onSubmit, pager, table, usage, username }
  from '../ui.js';
import { appPasswordsCard } from './app-passwords.js';

const PAGE = 50;

export async function usersPage(page, { href, navigate, query: params }) {
  const q = params.get('q') || '';
  const domain = params.get('domain') || '';
  const offset = Number(params.get('offset') || 0);
  const [{ data: domains }, { data: users, total }] = await Promise.all([
    api.get('/domains'),
    api.get('/users' + query({ q, domain, offset, limit: PAGE })),
  ]);

  const search = h('form', { class: 'inline', role: 'search', 'aria-label': 'Find users' },
    field('Search', h('input', { type: 'search', name: 'q', value: q, placeholder: 'address or display name' })),
    field('Domain', h('select', { name: 'domain' }, h('option', { value: '' }, 'All domains'),
      domains.map((d) => h('option', { value: d.name, selected: d.name === domain }, d.unicodeName || d.name)))),
    h('button', { type: 'submit' }, 'Search'));
  onSubmit(search, async (data) => navigate(['users'], { q: data.get('q').trim(), domain: data.get('domain') }));

  const create = h('form', { class: 'inline', 'aria-label': 'Add a user' },
    field('New user\'s address', h('input', { name: 'address', required: true, autocapitalize: 'none', autocomplete: 'off',
      spellcheck: 'false', placeholder: domain ? `name@${domain}` : 'name@example.com' })),
    field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' }),
      'At least 8 characters; not the address, not a common password.'),
    h('button', { type: 'submit', class: 'primary' }, 'Add user'));
  onSubmit(create, async (data) => {
    const { data: u } = await api.post('/users', { address: data.get('address').trim(), password: data.get('password') });
    notify(`User ${u.address} added.`);
    navigate(['users', u.address]);
  });

  const columns = [
    { label: 'Address', cell: (u) => [h('a', { href: href(['users', u.address]) }, u.unicodeAddress || u.address),
      u.displayName ? h('span', { class: 'sub' }, u.displayName) : null] },
    { label: 'Status', cell: (u) => [badge(u.enabled), u.forwardTo ? h('span', { class: 'sub' }, `→ ${u.forwardTo}`) : null] },
    { label: 'Storage', cell: (u) => usage(u.usedBytes, u.quotaLimitBytes) },
    { label: 'Created', cell: (u) => time(u.createdAt) },
  ];
  const none = q
    ? emptyState('No user matches', 'Nothing matches this search. Try part of the address, or all domains.')
    : domain ? emptyState(`No users in ${domain} yet`, 'Add the first user above: an address in this domain and a password.')
    : emptyState('No users yet', domains.length
      ? 'Add the first user above: an address in one of your domains and a password.'
      : 'Add a domain first; users are addresses in a hosted domain.',
    domains.length ? null : h('a', { class: 'button primary', href: href(['domains']) }, 'Go to domains'));
  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Users'),
      h('p', {}, 'Mail accounts: each has an INBOX, a password, and may have app passwords.'))),
    h('section', { class: 'card' }, search),
    domains.length ? h('section', { class: 'card' }, create) : null,
    users.length ? count(total, 'user', 'users') : null,
    table(columns, users, none, 'Users'),
    pager({ offset, limit: PAGE, total, go: (o) => navigate(['users'], { q, domain, offset: o }) }));
}

export async function userPage(page, { params, href, navigate }) {
  const path = '/users/' + seg(params.address);
  const [{ data: u }, messages] = await Promise.all([
    api.get(path),
    api.get(path + '/messages?limit=' + PAGE).catch((e) => ({ error: e })),
  ]);
  const name = u.unicodeAddress || u.address;

  const settings = h('form', { class: 'stack', 'aria-labelledby': 'user-settings' },
    field('Display name', h('input', { name: 'displayName', value: u.displayName ?? '' })),
    checkbox('Enabled: may log in and receives mail', { name: 'enabled', checked: u.enabled }),
    field('Forward to', h('input', { name: 'forwardTo', value: u.forwardTo ?? '', placeholder: 'someone@elsewhere.example',
      autocapitalize: 'none', spellcheck: 'false' }), 'Everything the user receives also goes there. Empty: no forwarding.'),
    checkbox('Keep a copy in the mailbox when forwarding', { name: 'keepCopy', checked: u.keepCopy }),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Save')));
  onSubmit(settings, async (data) => {
    const forwardTo = data.get('forwardTo').trim();
    await api.put(path, {
      displayName: data.get('displayName').trim() || null,
      enabled: data.get('enabled') === 'on',
      forwardTo: forwardTo || null,
      keepCopy: data.get('keepCopy') === 'on',
    });
    notify(`${name} saved.`);
    navigate(['users', u.address]);
  });

  const quota = h('form', { class: 'inline', 'aria-label': 'Quota' },
    field('Own quota (MiB)', h('input', { name: 'quota', type: 'number', min: 0, step: 'any', value: toMiB(u.quotaBytes),
      placeholder: 'domain default' }), 'Empty: the domain\'s default quota applies.'),
    h('button', { type: 'submit' }, 'Set quota'));
  onSubmit(quota, async (data) => {
    await api.put(path + '/quota', { bytes: fromMiB(data.get('quota')) });
    notify(`Quota of ${name} set.`);
    navigate(['users', u.address]);
  });

  const password = h('form', { class: 'stack', 'aria-label': 'Reset password' },
    username(u.address),
    field('New password', h('input', { name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password' }),
      'At least 8 characters; not the address, not a common password.'),
    h('div', { class: 'button-row' }, h('button', { type: 'submit' }, 'Reset password')));
  onSubmit(password, async (data, form) => {
    await api.put(path + '/password', { newPassword: data.get('newPassword') });
    form.reset();
    notify(`Password of ${name} reset. Tell the user through another channel.`);
  });

  const remove = async () => {
    if (!await confirmAction({ title: `Delete ${name}?`,
      message: `The user, its mailboxes and every message in them (${formatBytes(u.usedBytes)}) are removed. `
        + 'Mail to the address is refused afterwards. This cannot be undone.',
      confirmLabel: 'Delete user' })) {
      return;
    }
    try {
      await api.del(path);
      notify(`User ${name} deleted.`);
      navigate(['users'], { domain: u.address.split('@')[1] });
    } catch (e) {
      notify(e.message, true);
    }
  };

  const logins = Object.entries(u.lastLogins || {});
  fill(page,
    h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: href(['users']) }, 'Users'), ' / ',
          h('a', { href: href(['domains', u.address.split('@')[1]]) }, u.address.split('@')[1])),
        h('h1', {}, name),
        h('p', {}, badge(u.enabled), u.displayName ? ` ${u.displayName} ·` : '', ' created ', time(u.createdAt)))),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Storage'),
        h('div', { 'data-usage': true }, usage(u.usedBytes, u.quotaLimitBytes)),
        h('p', { class: 'small muted' }, u.quotaBytes == null ? 'The domain\'s default quota applies.' : 'The user has its own quota.'),
        quota),
      h('section', { class: 'card' }, h('h2', {}, 'Last logins'),
        logins.length ? h('dl', { class: 'facts' }, logins.map(([p, at]) => [h('dt', {}, p.toUpperCase()), h('dd', {}, time(at))]))
          : h('p', { class: 'muted' }, 'Never logged in (IMAP, SMTP, POP3 or the web).'))),
    messagesCard(messages, u, path),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', { id: 'user-settings' }, 'Settings'), settings),
      h('section', { class: 'card' }, h('h2', {}, 'Reset password'),
        h('p', { class: 'small muted' }, 'Users can change their own password on the ',
          h('a', { href: 'self/' }, 'self-service page'), '.'), password)),
    appPasswordsCard({ base: path, owner: name }),
    h('section', { class: 'card danger-zone' }, h('h2', {}, 'Delete this user'),
      h('p', {}, 'Removes the account with its mailboxes and messages.'),
      h('button', { type: 'button', class: 'danger-outline', onclick: remove }, 'Delete user…')));
}

function messagesCard(result, u, path) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'inbox-title' }, h('h2', { id: 'inbox-title' }, 'INBOX'));
  if (result.error) {
    card.append(h('p', { class: 'error', role: 'alert' }, result.error.message));
    return card;
  }
  const { data: messages, total } = result;
  card.append(
    h('p', { class: 'muted small', 'data-message-count': total }, `${total} ${total === 1 ? 'message' : 'messages'}`
      + (total > messages.length ? `, the first ${messages.length} shown` : '')),
    table([
      { label: 'UID', class: 'num', cell: (m) => String(m.uid) },
      { label: 'From', cell: (m) => m.from || '–' },
      { label: 'Subject', cell: (m) => h('a', { href: `/api${path}/messages/${m.uid}`, download: `${u.address}-${m.uid}.eml` },
        m.subject || '(no subject)') },
      { label: 'Size', class: 'num', cell: (m) => formatBytes(m.size) },
      { label: 'Received', cell: (m) => time(m.internalDate) },
      { label: 'Flags', cell: (m) => m.flags.join(' ') },
    ], messages, emptyState('The INBOX is empty', 'Messages delivered to this user appear here.'), 'INBOX'));
  return card;
}
