// The audit log: who changed what, newest first, filtered by actor, action (exact, or a family such as "user."),
// target, domain and a time range, and paged (X-Total-Count). The filters live in the page's address, so a
// filtered view can be bookmarked or sent to a colleague.

import { api, query } from '../api.js';
import { h, fill, time } from '../dom.js';
import { emptyState, field, onSubmit, pager, table } from '../ui.js';

const PAGE = 50;
const FILTERS = ['actor', 'action', 'target', 'domain', 'since', 'until'];

/** A datetime-local value (the reader's time zone) as an ISO-8601 instant, and back. */
function toInstant(local) {
  return local ? new Date(local).toISOString() : '';
}

function toLocal(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (isNaN(d)) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function json(text) {
  if (!text) {
    return null;
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

export async function auditPage(page, { navigate, query: params }) {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || '']));
  const offset = Number(params.get('offset') || 0);
  const { data: entries, total } = await api.get('/audit' + query({ ...filters, offset, limit: PAGE }));

  const form = h('form', { class: 'inline', role: 'search', 'aria-label': 'Filter the audit log' },
    field('Actor', h('input', { name: 'actor', value: filters.actor, placeholder: 'admin name' })),
    field('Action', h('input', { name: 'action', value: filters.action, placeholder: 'user. or user.create' })),
    field('Target contains', h('input', { name: 'target', value: filters.target })),
    field('Domain', h('input', { name: 'domain', value: filters.domain, placeholder: 'example.com' })),
    field('Since', h('input', { name: 'since', type: 'datetime-local', value: toLocal(filters.since) })),
    field('Until', h('input', { name: 'until', type: 'datetime-local', value: toLocal(filters.until) })),
    h('div', { class: 'button-row' },
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('button', { type: 'button', onclick: () => navigate(['audit']) }, 'Clear')));
  onSubmit(form, async (data) => {
    const next = {};
    for (const f of FILTERS) {
      const v = String(data.get(f) || '').trim();
      next[f] = f === 'since' || f === 'until' ? toInstant(v) : v;
    }
    navigate(['audit'], next);
  });

  const filtered = FILTERS.some((f) => filters[f]);
  fill(page,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Audit log'),
      h('p', {}, 'Every change made through the API or this console: who, how, from where, and the state before and after.'))),
    h('section', { class: 'card' }, form),
    h('p', { class: 'muted small', 'data-total': total }, `${total} ${total === 1 ? 'entry' : 'entries'}${filtered ? ' match' : ''}`),
    table([
      { label: 'When', cell: (e) => time(e.at) },
      { label: 'Actor', cell: (e) => [e.actor, h('span', { class: 'sub' }, `${e.via} · ${e.clientAddress ?? ''}`)] },
      { label: 'Action', cell: (e) => h('code', {}, e.action) },
      { label: 'Target', cell: (e) => [e.target ?? '–', e.domain ? h('span', { class: 'sub' }, e.domain) : null] },
      { label: 'Change', cell: (e) => (e.before || e.after ? h('details', {}, h('summary', {}, 'Before / after'),
        e.before ? [h('strong', {}, 'Before'), h('pre', {}, json(e.before))] : null,
        e.after ? [h('strong', {}, 'After'), h('pre', {}, json(e.after))] : null) : '–') },
    ], entries, emptyState(filtered ? 'No entry matches' : 'Nothing has been changed yet',
      filtered ? 'Widen the filters, or clear them.' : 'Changes made through the API appear here.'), 'Audit log'),
    pager({ offset, limit: PAGE, total, go: (o) => navigate(['audit'], { ...filters, offset: o }) }));
}
