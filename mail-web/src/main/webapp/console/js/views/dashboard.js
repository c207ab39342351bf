// The dashboard: the node's health (GET /api/health, server admins) with the queues' depths, what the domains
// hold (GET /api/domains), the outbound queue (GET /api/queue/counts: deferred messages; server admins also the
// remote recipients delivered, deferred and bounced since the server started, from GET /api/metrics), and the
// outbound messages per hour of the last 24 hours, counted from the queue's list (GET /api/queue, newest first).

import { api, query } from '../api.js';
import { h, append, fill, formatBytes } from '../dom.js';
import { emptyState, loadFailed } from '../ui.js';

// the chart counts at most this many of the latest messages (one request)
const CHART_LIMIT = 1000;
const HOURS = 24;

export async function dashboard(page, { session, href }) {
  const serverAdmin = session.role === 'server-admin';
  const since = new Date(Date.now() - HOURS * 3600 * 1000);
  const [domains, health, counts, metrics, recent] = await Promise.allSettled([
    api.get('/domains'),
    serverAdmin ? api.get('/health') : Promise.resolve(null),
    api.get('/queue/counts'),
    serverAdmin ? api.get('/metrics', { accept: 'text/plain' }) : Promise.resolve(null),
    api.get('/queue' + query({ limit: CHART_LIMIT })),
  ]);
  if (domains.status === 'rejected') {
    throw domains.reason;
  }
  const list = domains.value.data;
  const sum = (key) => list.reduce((n, d) => n + (d.counts ? d.counts[key] : 0), 0);
  const queue = counts.status === 'fulfilled' ? counts.value.data : null;
  const outcomes = metrics.status === 'fulfilled' && metrics.value ? recipientOutcomes(metrics.value.data) : null;
  fill(page,
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Dashboard'),
        h('p', {}, serverAdmin ? 'This node and the domains it hosts.' : 'The domains you manage.'))),
    h('section', { class: 'grid', 'aria-label': 'Counts' },
      stat('Domains', list.length, href(['domains'])),
      stat('Users', sum('users'), href(['users'])),
      stat('Aliases', sum('aliases'), href(['aliases'])),
      stat('Storage used', formatBytes(sum('storageBytes'))),
      queue ? stat('Deferred', queue.DEFERRED ?? 0, href(['queue'], { state: 'deferred' }),
        'messages waiting for a retry', (queue.DEFERRED ?? 0) > 0 ? 'warn' : null) : null,
      outcomes ? stat('Bounced', outcomes.bounced, null, 'remote recipients since the server started',
        outcomes.bounced > 0 ? 'bad' : null) : null),
    h('div', { class: 'grid-2' },
      serverAdmin ? healthCard(health) : null,
      outboundCard(queue, outcomes, href, counts.status === 'rejected' ? counts.reason : null),
      chartCard(recent, since)),
    list.length === 0 ? emptyState('No domains yet',
      'Postilion receives mail only for the domains it hosts. Add the first one to create users and aliases.',
      serverAdmin ? h('a', { class: 'button primary', href: href(['domains']) }, 'Add a domain') : null) : null);
}

/** The remote recipients' outcomes since the server started: postilion_outbound_recipients_total{status}. */
function recipientOutcomes(text) {
  const found = { delivered: 0, deferred: 0, bounced: 0 };
  const line = /^postilion_outbound_recipients_total\{[^}]*status="(\w+)"[^}]*\}\s+(\S+)/gm;
  for (const [, status, value] of String(text).matchAll(line)) {
    if (status in found) {
      found[status] = Math.round(Number(value)) || 0;
    }
  }
  return found;
}

function outboundCard(queue, outcomes, href, error) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'outbound-title' },
    h('h2', { id: 'outbound-title' }, 'Outbound queue'));
  if (error) {
    card.append(loadFailed(error));
    return card;
  }
  append(card, [
    h('dl', { class: 'facts' },
      [['ACTIVE', 'active', 'Active'], ['DEFERRED', 'deferred', 'Deferred'], ['DONE', 'done', 'Done']]
        .map(([key, state, label]) => [h('dt', {}, label),
          h('dd', { 'data-queue-state': key }, h('a', { href: href(['queue'], { state }) },
            `${queue[key] ?? 0} ${(queue[key] ?? 0) === 1 ? 'message' : 'messages'}`))])),
    outcomes ? [h('h3', { class: 'spaced' }, 'Remote recipients since the server started'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Delivered'), h('dd', { 'data-outcome': 'delivered' }, String(outcomes.delivered)),
        h('dt', {}, 'Deferred (attempts)'), h('dd', { 'data-outcome': 'deferred' }, String(outcomes.deferred)),
        h('dt', {}, 'Bounced'), h('dd', { 'data-outcome': 'bounced' }, String(outcomes.bounced)))] : null]);
  return card;
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) {
      el.append(c);
    }
  }
  return el;
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Outbound messages per hour of the last 24 hours, by when they were accepted; those with a bounce in red. */
function chartCard(result, since) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'chart-title' },
    h('h2', { id: 'chart-title' }, 'Messages per hour'));
  if (result.status === 'rejected') {
    card.append(loadFailed(result.reason));
    return card;
  }
  const messages = result.value.data;
  const total = result.value.total ?? messages.length;
  // hour slots ending with the current hour
  const end = new Date();
  end.setMinutes(0, 0, 0);
  const first = end.getTime() - (HOURS - 1) * 3600 * 1000;
  const slots = Array.from({ length: HOURS }, (_, i) => ({ start: new Date(first + i * 3600 * 1000), all: 0, bounced: 0 }));
  let counted = 0;
  for (const m of messages) {
    const at = new Date(m.receivedAt).getTime();
    const i = Math.floor((at - first) / 3600000);
    if (at < since.getTime() || i < 0 || i >= HOURS) {
      continue;
    }
    counted++;
    slots[i].all++;
    if (m.recipients.some((r) => r.status === 'BOUNCED')) {
      slots[i].bounced++;
    }
  }
  const note = 'Messages sent to other servers, by the hour they were accepted (the queue\'s list); mail delivered '
    + 'to local mailboxes is counted in /api/metrics (Prometheus).';
  if (counted === 0) {
    card.append(h('div', { class: 'chart-empty', 'data-empty': 'chart' },
      emptyState('No outbound mail in the last 24 hours', note)));
    return card;
  }
  const max = Math.max(...slots.map((s) => s.all));
  const busiest = slots.find((s) => s.all === max);
  const truncated = messages.length < total
    && new Date(messages[messages.length - 1].receivedAt).getTime() >= since.getTime();
  const W = 10;
  const chart = svg('svg', { viewBox: `0 0 ${HOURS * W} 100`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': `${counted} outbound messages in the last 24 hours; the busiest hour, from ${hourFormat.format(busiest.start)}, had ${max}.` },
  svg('line', { class: 'axis', x1: 0, y1: 99.5, x2: HOURS * W, y2: 99.5 }),
  slots.map((s, i) => {
    const height = (s.all / max) * 96;
    const bounced = (s.bounced / max) * 96;
    const title = svg('title', {}, `${hourFormat.format(s.start)}: ${s.all} ${s.all === 1 ? 'message' : 'messages'}`
      + (s.bounced ? `, ${s.bounced} with a bounce` : ''));
    return svg('g', {}, title,
      s.all ? svg('rect', { class: 'bar', x: i * W + 1, y: 99 - height, width: W - 2, height }) : null,
      s.bounced ? svg('rect', { class: 'bar bounced', x: i * W + 1, y: 99 - bounced, width: W - 2, height: bounced }) : null);
  }));
  card.append(
    h('div', { class: 'chart', 'data-chart': counted }, chart,
      h('div', { class: 'chart-legend', 'aria-hidden': 'true' },
        h('span', {}, hourFormat.format(slots[0].start)), h('span', {}, `busiest hour: ${max}`), h('span', {}, 'now'))),
    h('p', { class: 'muted small' }, `${counted} in the last 24 hours${truncated ? ` (the latest ${messages.length} counted)` : ''}; `
      + 'red: with a bounced recipient. ', note));
  return card;
}

function stat(label, value, link, note, tone) {
  const body = [h('div', { class: 'label' }, label), h('div', { class: 'value', 'data-stat': label }, String(value)),
    note ? h('div', { class: 'note' }, note) : null];
  return h('div', { class: tone ? `stat ${tone}` : 'stat' }, link ? h('a', { href: link, class: 'plain-link' }, body) : body);
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
