// Aliases: addresses that forward to other addresses (here or elsewhere), and catch-alls (@example.com, for every
// address of the domain that is neither a user nor an alias). Listed per domain, added, their targets edited,
// removed.

import { api, seg, query } from '../api.js';
import { h, fill } from '../dom.js';
import { confirmAction, count, emptyState, field, formDialog, notify, onSubmit, pager, table } from '../ui.js';

const PAGE = 100;

/** Targets typed one per line, or separated by commas or spaces. */
function targets(text) {
  return text.split(/[\s,;]+/).map((t) => t.trim()).filter(Boolean);
}

export async function aliasesPage(page, { href, navigate, query: params }) {
  const domain = params.get('domain') || '';
  const offset = Number(params.get('offset') || 0);
  const [{ data: domains }, { data: aliases, total }] = await Promise.all([
    api.get('/domains'),
    api.get('/aliases' + query({ domain, offset, limit: PAGE })),
  ]);
  const reload = () => navigate(['aliases'], { domain, offset });

  const filter = h('form', { class: 'inline', 'aria-label': 'Show the aliases of' },
    field('Domain', h('select', { name: 'domain' }, h('option', { value: '' }, 'All domains'),
      domains.map((d) => h('option', { value: d.name, selected: d.name === domain }, d.unicodeName || d.name)))),
    h('button', { type: 'submit' }, 'Show'));
  onSubmit(filter, async (data) => navigate(['aliases'], { domain: data.get('domain') }));

  const create = h('form', { class: 'stack', 'aria-label': 'Add an alias' },
    h('div', { class: 'grid-2' },
      field('Alias address', h('input', { name: 'address', required: true, autocapitalize: 'none', spellcheck: 'false',
        placeholder: domain ? `sales@${domain}` : 'sales@example.com' }),
      `Or @${domain || 'example.com'} for the domain's catch-all.`),
      field('Targets', h('textarea', { name: 'targets', required: true, rows: 2, autocapitalize: 'none', spellcheck: 'false',
        placeholder: 'bob@example.com' }), 'One or more addresses, here or elsewhere; one per line or separated by commas.')),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Add alias')));
  onSubmit(create, async (data) => {
    const { data: a } = await api.post('/aliases', { address: data.get('address').trim(), targets: targets(data.get('targets')) });
    notify(`Alias ${a.address} added.`);
    reload();
  });

  const edit = async (a) => {
    const changed = await formDialog({
      title: `Targets of ${a.address}`,
      submitLabel: 'Save targets',
      build: (form) => form.append(field('Targets', h('textarea', { name: 'targets', required: true, rows: 4,
        autocapitalize: 'none', spellcheck: 'false' }, a.targets.join('\n')), 'One address per line.')),
      action: async (data) => api.put('/aliases/' + seg(a.address), { targets: targets(data.get('targets')) }),
    });
    if (changed) {
      notify(`Alias ${a.address} saved.`);
      reload();
    }
  };
  const remove = async (a) => {
    if (!await confirmAction({ title: `Remove ${a.address}?`, confirmLabel: 'Remove alias',
      message: a.address.startsWith('@')
        ? `Mail to unknown addresses of ${a.address.slice(1)} will be refused instead of going to ${a.targets.join(', ')}.`
        : `Mail to ${a.address} will be refused instead of going to ${a.targets.join(', ')}.` })) {
      return;
    }
    try {
      await api.del('/aliases/' + seg(a.address));
      notify(`Alias ${a.address} removed.`);
      reload();
    } catch (e) {
      notify(e.message, true);
    }
  };

  const columns = [
    { label: 'Alias', cell: (a) => a.address.startsWith('@')
      ? [h('code', {}, a.address), h('span', { class: 'sub' }, 'catch-all')] : h('code', {}, a.address) },
    { label: 'Targets', cell: (a) => h('ul', { class: 'plain' }, a.targets.map((t) => h('li', {}, t))) },
    { label: 'Actions', class: 'actions', cell: (a) => h('div', { class: 'button-row' },
      h('button', { type: 'button', onclick: () => edit(a), 'aria-label': `Edit ${a.address}` }, 'Edit'),
      h('button', { type: 'button', class: 'danger-outline', onclick: () => remove(a), 'aria-label': `Remove ${a.address}` },
        'Remove')) },
  ];
  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Aliases'),
      h('p', {}, 'Addresses that forward to others, and catch-alls.'))),
    h('section', { class: 'card' }, filter),
    domains.length ? h('section', { class: 'card' }, h('h2', {}, 'Add an alias'), create) : null,
    aliases.length ? count(total, 'alias', 'aliases') : null,
    table(columns, aliases, emptyState('No aliases yet', domains.length
      ? 'An alias such as sales@ delivers to one or more users, or forwards elsewhere.'
      : 'Add a domain first.', domains.length ? null : h('a', { class: 'button primary', href: href(['domains']) }, 'Go to domains')),
    'Aliases'),
    pager({ offset, limit: PAGE, total, go: (o) => navigate(['aliases'], { domain, offset: o }) }));
}
