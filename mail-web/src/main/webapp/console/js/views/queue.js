// The mail queues: their depths now (GET /api/health), and the place of the outbound queue's messages, which
// arrive with remote delivery.

import { api } from '../api.js';
import { h, fill } from '../dom.js';
import { emptyState } from '../ui.js';

const WHAT = {
  'mail.inbound': 'accepted, waiting for local delivery',
  'mail.outbound': 'for other domains, waiting for remote delivery',
  'mail.outbound.deferred': 'remote delivery failed for now, to be retried',
  'mail.dlq': 'could not be delivered after every attempt (dead letters)',
};

export async function queuePage(page) {
  const { data: health } = await api.get('/health');
  const queues = Object.entries(health.queues);
  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Queue'),
      h('p', {}, 'Messages the server holds on its way to a mailbox or another server.'))),
    h('section', { class: 'card' }, h('h2', {}, 'Queue depths'),
      queues.length ? h('dl', { class: 'facts' }, queues.map(([q, n]) => [h('dt', {}, h('code', {}, q)),
        h('dd', { 'data-queue': q }, `${n} ${n === 1 ? 'message' : 'messages'}`, WHAT[q] ? h('span', { class: 'muted' }, ` · ${WHAT[q]}`) : null)]))
        : h('p', { class: 'muted' }, 'The broker reported no queues.')),
    h('section', { class: 'card', 'aria-labelledby': 'outbound-title' }, h('h2', { id: 'outbound-title' }, 'Outbound messages'),
      h('div', { 'data-empty': 'queue' }, emptyState('Outbound delivery is not built yet',
        'Mail for other domains (authenticated relaying, forwarding, aliases to elsewhere) waits on mail.outbound '
        + 'until the remote delivery agent arrives. This page will then list each queued message with its '
        + 'recipients, attempts and next retry, and let you retry or remove it.'))));
}
