// The outbound queue (the product's mailq): messages on their way to other servers, counted per state
// (GET /api/queue/counts) as tabs, filtered by sender, recipient and domain, paged (GET /api/queue, X-Total-Count,
// newest first), each with its recipients' status and last reply; a message's page (#/queue/<id>) with its envelope,
// recipients and trace (GET /api/queue/<id>). The filters live in the page's address, so a view can be bookmarked.
// Domain admins see the messages whose sender or a recipient is in their domains; server admins also see the
// broker's queue depths (GET /api/health). On a message's page, the actions that apply to its state: retry now,
// hold, release, and removal (silent or with a bounce to the sender, each after a confirmation).

import { api, seg, query, ApiError } from '../api.js';
import { h, fill, formatBytes, time } from '../dom.js';
import { confirmAction, emptyState, errorBox, clearError, field, loadFailed, notify, onSubmit, pager, showError, table } from '../ui.js';

const PAGE = 50;
const FILTERS = ['sender', 'recipient', 'domain'];

// the tabs: the API's state parameter, its label, the counts' key
const STATES = [
  { state: '', label: 'All', key: null },
  { state: 'active', label: 'Active', key: 'ACTIVE' },
  { state: 'deferred', label: 'Deferred', key: 'DEFERRED' },
  { state: 'held', label: 'Held', key: 'HELD' },
  { state: 'done', label: 'Done', key: 'DONE' },
];

const WHAT = {
  'mail.inbound': 'accepted, waiting for local delivery',
  'mail.outbound': 'for other domains, waiting for their first attempt',
  'mail.outbound.deferred': 'remote delivery failed for now, waiting for a retry',
  'mail.dlq': 'could not be delivered after every attempt (dead letters)',
};

const RECIPIENT_STATUS = {
  PENDING: ['neutral', 'pending'],
  DEFERRED: ['warn', 'deferred'],
  DELIVERED: ['ok', 'delivered'],
  BOUNCED: ['off', 'bounced'],
  DELETED: ['neutral', 'deleted'],
};

const MESSAGE_STATE = {
  ACTIVE: ['info', 'active'],
  DEFERRED: ['warn', 'deferred'],
  HELD: ['neutral', 'held'],
  DONE: ['ok', 'done'],
};

const EVENTS = {
  queued: ['neutral', 'queued', 'Accepted for remote delivery'],
  delivered: ['ok', 'delivered', 'The remote server took it'],
  deferred: ['warn', 'deferred', 'Failed for now; retried later'],
  bounced: ['off', 'bounced', 'Failed for good'],
  'dsn-failure': ['off', 'failure notice', 'A bounce went to the sender'],
  'dsn-delay': ['warn', 'delay warning', 'The sender was told the message still waits'],
  retry: ['info', 'retry now', 'An administrator asked for the next attempt now'],
  hold: ['neutral', 'held', 'An administrator held it: no attempt until released'],
  release: ['info', 'released', 'An administrator released it: attempted at once'],
  delete: ['neutral', 'removed', 'An administrator removed its waiting recipients, without a notice'],
  bounce: ['off', 'removed with bounce', 'An administrator removed its waiting recipients; they bounce to the sender'],
};

// a trace's events are seconds apart: its times have seconds
const traceFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function traceTime(iso) {
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, isNaN(d) ? String(iso) : traceFormat.format(d));
}

/** A recipient's status as a badge: delivered, deferred, bounced, deleted, pending. */
export function recipientBadge(status) {
  const [kind, label] = RECIPIENT_STATUS[status] || ['neutral', String(status).toLowerCase()];
  return h('span', { class: `badge ${kind}`, 'data-status': status }, label);
}

function stateBadge(state) {
  const [kind, label] = MESSAGE_STATE[state] || ['neutral', String(state).toLowerCase()];
  return h('span', { class: `badge ${kind}`, 'data-state': state }, label);
}

/** The envelope sender as Postfix shows it: the null sender is <>. */
function sender(s) {
  return s ? s : h('span', { class: 'muted', title: 'the null sender: a bounce or notice' }, '<>');
}

/** "42 s", "3 min", "2 h 5 min", "4 d 3 h": how long from `from` to `to`. */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m} min`;
  }
  const hours = Math.floor(m / 60);
  if (hours < 24) {
    return m % 60 ? `${hours} h ${m % 60} min` : `${hours} h`;
  }
  const d = Math.floor(hours / 24);
  return hours % 24 ? `${d} d ${hours % 24} h` : `${d} d`;
}

function age(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, duration(Date.now() - new Date(iso).getTime())) : '–';
}

function nextAttempt(iso) {
  if (!iso) {
    return '–';
  }
  const wait = new Date(iso).getTime() - Date.now();
  return h('time', { datetime: iso, title: iso }, wait >= 1000 ? `in ${duration(wait)}` : 'due now');
}

function remote(host, ip) {
  if (!host && !ip) {
    return null;
  }
  return host && ip ? `${host}[${ip}]` : host || `[${ip}]`;
}

/** The box that opens a message by its queue id, on the queue page and a message's page. */
function findBox(navigate) {
  const form = h('form', { class: 'inline find', role: 'search', 'aria-label': 'Find a message by queue id' },
    field('Queue id', h('input', { name: 'queueId', required: true, autocomplete: 'off', autocapitalize: 'none',
      spellcheck: 'false', class: 'mono', placeholder: 'as in the log: 2P7B…' })),
    h('button', { type: 'submit' }, 'Open'));
  onSubmit(form, async (data) => {
    const id = String(data.get('queueId') || '').trim().replace(/:$/, '');
    if (id) {
      navigate(['queue', id]);
    }
  });
  return form;
}

export async function queuePage(page, { session, href, navigate, query: params }) {
  const serverAdmin = session.role === 'server-admin';
  const state = STATES.some((s) => s.state === params.get('state')) ? params.get('state') : '';
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || '']));
  const offset = Number(params.get('offset') || 0);
  const [list, counts, domains, health] = await Promise.all([
    api.get('/queue' + query({ state, ...filters, offset, limit: PAGE })),
    api.get('/queue/counts'),
    api.get('/domains').catch(() => ({ data: [] })),
    serverAdmin ? api.get('/health').then((r) => r.data, (e) => ({ error: e })) : Promise.resolve(null),
  ]);
  const { data: messages, total } = list;
  const n = counts.data;
  const all = Object.values(n).reduce((a, b) => a + b, 0);

  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Queue states' }, h('ul', {}, STATES.map((s) => {
    const c = s.key ? n[s.key] ?? 0 : all;
    return h('li', {}, h('a', {
      href: href(['queue'], { state: s.state, ...filters }),
      'aria-current': s.state === state ? 'page' : null,
      'data-state-tab': s.state || 'all',
      class: s.key === 'DEFERRED' && c > 0 ? 'attention' : null,
    }, s.label, ' ', h('span', { class: 'count', 'data-count': c }, String(c))));
  })));

  const filterForm = h('form', { class: 'inline', role: 'search', 'aria-label': 'Filter the queue' },
    field('Sender contains', h('input', { name: 'sender', value: filters.sender, autocapitalize: 'none',
      spellcheck: 'false', placeholder: 'alice@' })),
    field('Recipient contains', h('input', { name: 'recipient', value: filters.recipient, autocapitalize: 'none',
      spellcheck: 'false', placeholder: 'example.net' })),
    field('Domain', h('select', { name: 'domain' },
      h('option', { value: '' }, serverAdmin ? 'Any domain' : 'All my domains'),
      domains.data.map((d) => h('option', { value: d.name, selected: d.name === filters.domain }, d.unicodeName || d.name)),
      // a domain typed into the address that is not hosted (the queue's other side): kept as it is
      filters.domain && !domains.data.some((d) => d.name === filters.domain)
        ? h('option', { value: filters.domain, selected: true }, filters.domain) : null)),
    h('div', { class: 'button-row' },
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('button', { type: 'button', onclick: () => navigate(['queue'], { state }) }, 'Clear')));
  onSubmit(filterForm, async (data) => {
    const next = { state };
    for (const f of FILTERS) {
      next[f] = String(data.get(f) || '').trim();
    }
    navigate(['queue'], next);
  });

  const columns = [
    { label: 'Queue id', cell: (m) => [h('a', { href: href(['queue', m.queueId]), class: 'mono', 'data-queue-id': m.queueId },
      m.queueId), h('span', { class: 'sub' }, stateBadge(m.state))] },
    { label: 'Age', cell: (m) => [age(m.receivedAt), h('span', { class: 'sub' }, `${m.attempts} ${m.attempts === 1 ? 'attempt' : 'attempts'}`)] },
    { label: 'Size', class: 'num', cell: (m) => formatBytes(m.sizeBytes) },
    { label: 'Sender', cell: (m) => h('span', { class: 'address' }, sender(m.sender)) },
    { label: 'Recipients', cell: (m) => h('ul', { class: 'plain recipients' }, m.recipients.map((r) =>
      h('li', { 'data-recipient': r.address }, h('span', { class: 'address' }, r.address), ' ', recipientBadge(r.status))) ) },
    { label: 'Last reply', class: 'reply', cell: (m) => {
      const replies = m.recipients.filter((r) => r.lastReply);
      return replies.length ? h('ul', { class: 'plain replies' }, replies.map((r) => h('li', {},
        m.recipients.length > 1 ? h('span', { class: 'sub' }, r.address) : null,
        h('span', { class: 'reply-text' }, r.lastReply)))) : '–';
    } },
    { label: 'Next attempt', cell: (m) => m.state === 'HELD' ? h('span', { class: 'muted' }, 'held') : nextAttempt(m.nextAttemptAt) },
  ];

  const filtered = FILTERS.some((f) => filters[f]);
  const whose = serverAdmin ? '' : ' from or to your domains';
  const none = filtered
    ? emptyState('No message matches', 'Nothing in the queue matches these filters. Widen them, or clear them.',
      h('button', { type: 'button', onclick: () => navigate(['queue'], { state }) }, 'Clear filters'))
    : state === 'deferred' ? emptyState('Nothing is deferred', `No message${whose} waits for a retry: every remote server reached has answered.`)
    : state === 'active' ? emptyState('Nothing is active', `No message${whose} is being delivered right now.`)
    : state === 'held' ? emptyState('Nothing is held', `No message${whose} is held. A held message waits, without attempts, until it is released.`)
    : state === 'done' ? emptyState('Nothing done yet', `Messages${whose} whose every recipient was delivered, bounced or removed are listed here.`)
    : emptyState('The queue is empty', `No message${whose} has been sent to another server yet. Mail for other `
      + 'domains (submitted by users, forwarded, or sent to an alias that points elsewhere) is listed here with each '
      + 'recipient\'s status, the remote server\'s last reply and the next retry, and stays listed once done.');

  fill(page,
    h('div', { class: 'page-head with-find' },
      h('div', {}, h('h1', {}, 'Queue'),
        h('p', {}, serverAdmin ? 'Mail on its way to other servers: each recipient\'s status, the remote server\'s last reply, and the next retry.'
          : 'Mail from or to your domains on its way to other servers.')),
      findBox(navigate)),
    tabs,
    h('section', { class: 'card' }, filterForm),
    h('div', { class: 'list-head' },
      h('p', { class: 'muted small', 'data-total': total }, `${total} ${total === 1 ? 'message' : 'messages'}${filtered ? ' match' : ''}`),
      h('button', { type: 'button', onclick: () => navigate(['queue'], { state, ...filters, offset: offset || null }) }, 'Refresh')),
    table(columns, messages, h('div', { 'data-empty': 'queue' }, none), 'Outbound queue'),
    pager({ offset, limit: PAGE, total, go: (o) => navigate(['queue'], { state, ...filters, offset: o }) }),
    serverAdmin ? depthsCard(health) : null);
}

/** The broker's queues and how many messages each holds now (server admins). */
function depthsCard(health) {
  const card = h('details', { class: 'card depths' },
    h('summary', {}, h('h2', {}, 'Broker queue depths')));
  if (health.error) {
    card.append(loadFailed(health.error));
    return card;
  }
  const queues = Object.entries(health.queues);
  card.append(queues.length
    ? h('dl', { class: 'facts' }, queues.map(([q, c]) => [h('dt', {}, h('code', {}, q)),
      h('dd', { 'data-queue': q }, `${c} ${c === 1 ? 'message' : 'messages'}`, WHAT[q] ? h('span', { class: 'muted' }, ` · ${WHAT[q]}`) : null)]))
    : h('p', { class: 'muted' }, 'The broker reported no queues.'));
  if ((health.queues['mail.outbound.deferred'] ?? 0) > 0 || (health.queues['mail.dlq'] ?? 0) > 0) {
    card.open = true;
  }
  return card;
}

/**
 * The actions that apply to message `m` in its state: DONE none; HELD release and removal; ACTIVE and DEFERRED
 * retry, hold and removal. Each is {action, label, run, confirm?, danger?, primary?}; `run` sends the request.
 */
function actionsFor(m) {
  const id = seg(m.queueId);
  const who = m.sender ? ` and ${m.sender} is told nothing` : '';
  const remove = {
    action: 'delete', label: 'Remove', danger: true, run: () => api.del('/queue/' + id),
    confirm: { title: `Remove message ${m.queueId}?`, confirmLabel: 'Remove',
      message: `Its recipients still waiting are given up without a notice: no further attempt is made${who}. `
        + 'The message stays listed as done, with its trace.' },
  };
  const bounce = {
    action: 'bounce', label: 'Remove and bounce to sender', danger: true, run: () => api.del('/queue/' + id + '?bounce=true'),
    confirm: { title: `Remove message ${m.queueId} and bounce it?`, confirmLabel: 'Remove and bounce',
      message: 'Its recipients still waiting are given up and bounce: a failure notice goes to the sender'
        + `${m.sender ? ` (${m.sender})` : ''}. The message stays listed as done, with its trace.` },
  };
  switch (m.state) {
    case 'DONE':
      return [];
    case 'HELD':
      return [
        { action: 'release', label: 'Release', primary: true, run: () => api.post(`/queue/${id}/release`) },
        remove, bounce];
    default:
      return [
        { action: 'retry', label: 'Retry now', primary: true, run: () => api.post(`/queue/${id}/retry`) },
        { action: 'hold', label: 'Hold', run: () => api.post(`/queue/${id}/hold`) },
        remove, bounce];
  }
}

const DONE_NOTICE = {
  retry: 'Its next attempt is now.',
  hold: 'Held: no attempt until it is released.',
  release: 'Released: it is attempted at once.',
  delete: 'Removed: its waiting recipients end without a notice.',
  bounce: 'Removed: its waiting recipients bounce to the sender.',
};

/** The message's action buttons, and the box for the API's problem when one is refused. */
function actionBar(m, reload) {
  const box = errorBox();
  box.setAttribute('data-action-error', '');
  const buttons = actionsFor(m).map((a) => {
    const button = h('button', { type: 'button', 'data-action': a.action,
      class: a.danger ? 'danger' : a.primary ? 'primary' : null }, a.label);
    button.addEventListener('click', async () => {
      clearError(box);
      if (a.confirm && !(await confirmAction(a.confirm))) {
        return;
      }
      buttons.forEach((b) => { b.disabled = true; });
      try {
        await a.run();
        notify(`Message ${m.queueId}: ${DONE_NOTICE[a.action]}`);
        reload();
      } catch (e) {
        showError(box, e);
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
    return button;
  });
  return { buttons, box };
}

export async function queueMessagePage(page, { params, href, navigate }) {
  const id = params.id;
  let data;
  try {
    ({ data } = await api.get('/queue/' + seg(id)));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) {
      throw e;
    }
    fill(page,
      h('p', { class: 'crumbs' }, h('a', { href: href(['queue']) }, '← Queue')),
      h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Message not found'),
        h('p', {}, 'No message in the queue has this id, or it is not from or to one of your domains.'))),
      h('p', { class: 'error', role: 'alert', 'data-not-found': id }, e.message),
      h('section', { class: 'card' }, findBox(navigate)));
    return;
  }
  const m = data.message;
  const trace = data.trace || [];

  const envelope = h('dl', { class: 'facts' },
    h('dt', {}, 'Queue id'), h('dd', { class: 'mono', 'data-queue-id': m.queueId }, m.queueId),
    h('dt', {}, 'State'), h('dd', {}, stateBadge(m.state)),
    h('dt', {}, 'Sender'), h('dd', { class: 'address', 'data-sender': m.sender }, sender(m.sender)),
    h('dt', {}, 'Size'), h('dd', {}, formatBytes(m.sizeBytes)),
    h('dt', {}, 'Received'), h('dd', {}, time(m.receivedAt), h('span', { class: 'muted' }, ' · ', age(m.receivedAt), ' ago')),
    h('dt', {}, 'Attempts'), h('dd', { 'data-attempts': m.attempts }, String(m.attempts)),
    h('dt', {}, 'Next attempt'), h('dd', {}, m.state === 'HELD' ? 'none while held: release it to attempt it'
      : m.nextAttemptAt ? [time(m.nextAttemptAt), h('span', { class: 'muted' }, ' · ', nextAttempt(m.nextAttemptAt))]
      : m.state === 'DONE' ? 'none: every recipient is delivered, bounced or removed' : '–'));

  const recipients = table([
    { label: 'Recipient', cell: (r) => h('span', { class: 'address', 'data-recipient': r.address }, r.address) },
    { label: 'Status', cell: (r) => [recipientBadge(r.status), r.dsnStatus ? h('span', { class: 'sub mono' }, r.dsnStatus) : null] },
    { label: 'Attempts', class: 'num', cell: (r) => String(r.attempts) },
    { label: 'Remote server', cell: (r) => remote(r.remoteHost, r.remoteIp) ?? '–' },
    { label: 'Last reply', class: 'reply', cell: (r) => r.lastReply ? h('span', { class: 'reply-text' }, r.lastReply) : '–' },
  ], m.recipients, emptyState('No remote recipients', 'This message has no recipient on another server.'), 'Recipients');

  const timeline = trace.length
    ? h('ol', { class: 'timeline', 'data-trace': trace.length }, trace.map((e) => {
      const [kind, label, meaning] = EVENTS[e.event] || ['neutral', e.event, ''];
      const where = remote(e.remoteHost, e.remoteIp);
      return h('li', { class: `event ${kind}`, 'data-event': e.event },
        h('div', { class: 'event-head' },
          traceTime(e.at),
          h('span', { class: `badge ${kind}`, title: meaning }, label),
          e.recipient ? h('span', { class: 'address' }, e.recipient) : null),
        where || e.tls ? h('dl', { class: 'facts small' },
          where ? [h('dt', {}, 'Remote server'), h('dd', { class: 'mono' }, where)] : null,
          where || e.tls ? [h('dt', {}, 'TLS'), h('dd', {}, e.tls ? h('span', { class: 'mono' }, e.tls) : 'none')] : null) : null,
        e.detail ? h('pre', { class: 'detail' }, e.detail) : null);
    }))
    : emptyState('No trace yet', 'Nothing has been recorded for this message yet.');

  // after an action: the page again, with the message as it is now and its trace
  const actions = actionBar(m, () => navigate(['queue', m.queueId]));
  fill(page,
    h('p', { class: 'crumbs' }, h('a', { href: href(['queue']) }, '← Queue')),
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, `Message ${m.queueId}`),
        h('p', {}, 'Its envelope, each recipient\'s status, and everything that happened to it.')),
      h('div', { class: 'button-row', 'data-actions': m.state },
        actions.buttons,
        h('button', { type: 'button', onclick: () => navigate(['queue', m.queueId]) }, 'Refresh'))),
    actions.box,
    h('div', { class: 'grid-2' },
      h('section', { class: 'card', 'aria-labelledby': 'envelope-title' }, h('h2', { id: 'envelope-title' }, 'Envelope'), envelope),
      h('section', { class: 'card', 'aria-labelledby': 'find-title' }, h('h2', { id: 'find-title' }, 'Another message'), findBox(navigate))),
    h('section', { class: 'card', 'aria-labelledby': 'recipients-title' }, h('h2', { id: 'recipients-title' }, 'Recipients'), recipients),
    h('section', { class: 'card', 'aria-labelledby': 'trace-title' }, h('h2', { id: 'trace-title' }, 'Trace'),
      h('p', { class: 'muted small' }, 'Oldest first: when it was queued, each attempt\'s outcome per recipient with the '
        + 'remote server and TLS, and the notices sent to the sender.'),
      timeline));
}
