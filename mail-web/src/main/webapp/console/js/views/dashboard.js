// The dashboard: the node's health (GET /api/health, server admins) with the queues' depths, what the domains
// hold (GET /api/domains), and the place of the messages-per-hour chart, empty until outbound tracing exists.

import { api } from '../api.js';
import { h, fill, formatBytes } from '../dom.js';
import { emptyState, loadFailed } from '../ui.js';

export async function dashboard(page, { session, href }) {
  const serverAdmin = session.role === 'server-admin';
  const [domains, health] = await Promise.allSettled([
    api.get('/domains'),
    serverAdmin ? api.get('/health') : Promise.resolve(null),
  ]);
  if (domains.status === 'rejected') {
    throw domains.reason;
  }
  const list = domains.value.data;
  const sum = (key) => list.reduce((n, d) => n + (d.counts ? d.counts[key] : 0), 0);
  fill(page,
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Dashboard'),
        h('p', {}, serverAdmin ? 'This node and the domains it hosts.' : 'The domains you manage.'))),
    h('section', { class: 'grid', 'aria-label': 'Counts' },
      stat('Domains', list.length, href(['domains'])),
      stat('Users', sum('users'), href(['users'])),
      stat('Aliases', sum('aliases'), href(['aliases'])),
      stat('Storage used', formatBytes(sum('storageBytes')))),
    h('div', { class: 'grid-2' },
      serverAdmin ? healthCard(health) : null,
      h('section', { class: 'card', 'aria-labelledby': 'chart-title' },
        h('h2', { id: 'chart-title' }, 'Messages per hour'),
        h('div', { class: 'chart-empty', 'data-empty': 'chart' },
          emptyState('No data yet',
            'Outbound trace data is not available yet: this chart fills in once remote delivery records each '
            + 'message\'s path. Accepted and delivered counts are in /api/metrics (Prometheus) meanwhile.')))),
    list.length === 0 ? emptyState('No domains yet',
      'Postilion receives mail only for the domains it hosts. Add the first one to create users and aliases.',
      serverAdmin ? h('a', { class: 'button primary', href: href(['domains']) }, 'Add a domain') : null) : null);
}

function stat(label, value, link) {
  const body = [h('div', { class: 'label' }, label), h('div', { class: 'value', 'data-stat': label }, String(value))];
  return h('div', { class: 'stat' }, link ? h('a', { href: link, class: 'plain-link' }, body) : body);
}

function healthCard(result) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'health-title' }, h('h2', { id: 'health-title' }, 'Health'));
  if (result.status === 'rejected') {
    card.append(loadFailed(result.reason));
    return card;
  }
  const health = result.value.data;
  card.append(
    h('p', {}, h('span', { class: health.up ? 'badge ok' : 'badge off', 'data-health': health.up ? 'up' : 'down' },
      health.up ? 'Ready: every check passes' : 'Not ready: a check fails')),
    h('ul', { class: 'plain checks' }, health.checks.map((c) => h('li', {},
      h('h3', {}, h('span', { class: c.up ? 'badge ok' : 'badge off' }, c.up ? 'up' : 'down'), ' ', c.name),
      // the queues' depths follow under their own heading
      c.name === 'mail-queues' ? null
        : h('dl', { class: 'facts small' }, Object.entries(c.data || {}).map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]))))),
    h('h3', {}, 'Queue depths'),
    Object.keys(health.queues).length
      ? h('dl', { class: 'facts' }, Object.entries(health.queues).map(([q, n]) => [h('dt', {}, h('code', {}, q)),
        h('dd', { 'data-queue': q }, `${n} ${n === 1 ? 'message' : 'messages'}`)]))
      : h('p', { class: 'muted' }, 'The broker reported no queues.'));
  return card;
}
