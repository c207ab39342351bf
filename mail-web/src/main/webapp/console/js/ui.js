// The console's shared parts: form fields with labels, forms that show the API's problem detail, confirmation
// and one-time-secret dialogs (<dialog>: modal, focus kept inside, Escape cancels), tables, empty states,
// pagers, and short notices in a live region for screen readers.

import { h, fill, formatBytes } from './dom.js';
import { ApiError } from './api.js';

let ids = 0;

function nextId(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled input: field('Name', h('input', {name: 'name'}), 'a hint'). */
export function field(label, input, hint) {
  if (!input.id) {
    input.id = nextId('f');
  }
  const parts = [h('label', { for: input.id }, label), input];
  if (hint) {
    const hintId = input.id + '-hint';
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A checkbox with its label beside it. */
export function checkbox(label, attrs) {
  const input = h('input', { type: 'checkbox', id: nextId('c'), ...attrs });
  return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
}

/** "3 users": how many a list holds in all. */
export function count(total, one, many) {
  return h('p', { class: 'muted small', 'data-total': total }, `${total} ${total === 1 ? one : many}`);
}

/** A hidden user name for a password form, so that password managers know whose password it is. */
export function username(name) {
  return h('input', { type: 'text', name: 'username', autocomplete: 'username', value: name, hidden: true,
    tabindex: '-1', 'aria-hidden': 'true' });
}

/** A paragraph for a form's error: role=alert, hidden until there is one. */
export function errorBox() {
  return h('p', { class: 'error', role: 'alert', hidden: true });
}

export function showError(box, error) {
  box.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

export function clearError(box) {
  box.hidden = true;
  box.textContent = '';
}

/**
 * Wires a form: on submit, `action(formData)` runs with the submit button disabled; an ApiError's detail (or any
 * error's message) is shown in the form's error box, and its first field is not cleared.
 */
export function onSubmit(form, action) {
  let box = form.querySelector('.error');
  if (!box) {
    box = errorBox();
    form.prepend(box);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button[type=submit]');
    clearError(box);
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action(new FormData(form), form);
    } catch (e) {
      showError(box, e);
      if (!(e instanceof ApiError)) {
        console.error(e);
      }
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

/** A short notice at the corner, read out by screen readers. */
export function notify(message, bad = false) {
  const box = document.getElementById('toasts');
  if (!box) {
    return;
  }
  const toast = h('div', { class: bad ? 'toast bad' : 'toast' }, message);
  box.append(toast);
  // the latest two at most; each for a few seconds (errors a little longer)
  while (box.children.length > 2) {
    box.firstElementChild.remove();
  }
  setTimeout(() => toast.remove(), bad ? 8000 : 4000);
}

function modal(build) {
  const dialog = h('dialog', {});
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue);
    });
    build(dialog);
    dialog.showModal();
  });
}

/**
 * Asks before a destructive action; resolves true when confirmed. With `typeToConfirm`, the button only works
 * once that text is typed (for actions that remove much, such as a domain with its users).
 */
export function confirmAction({ title, message, confirmLabel = 'Delete', typeToConfirm = null }) {
  return modal((dialog) => {
    const titleId = nextId('d');
    dialog.setAttribute('aria-labelledby', titleId);
    const confirm = h('button', { type: 'submit', value: 'yes', class: 'danger', 'data-confirm': true }, confirmLabel);
    const cancel = h('button', { type: 'button', onclick: () => dialog.close('no') }, 'Cancel');
    let typed = null;
    if (typeToConfirm) {
      typed = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', name: 'confirm-text' });
      confirm.disabled = true;
      typed.addEventListener('input', () => { confirm.disabled = typed.value.trim() !== typeToConfirm; });
    }
    const form = h('form', { method: 'dialog' },
      h('h2', { id: titleId }, title),
      h('p', {}, message),
      typed && field(`Type ${typeToConfirm} to confirm`, typed),
      h('div', { class: 'button-row' }, cancel, confirm));
    fill(dialog, form);
    setTimeout(() => (typed || cancel).focus(), 0);
  }).then((value) => value === 'yes');
}

/** Shows a secret that the server gives once (an API token, an app password) with a copy button. */
export function showSecret({ title, message, secret }) {
  return modal((dialog) => {
    const titleId = nextId('d');
    dialog.setAttribute('aria-labelledby', titleId);
    const value = h('input', { type: 'text', readonly: true, class: 'secret', value: secret, 'data-secret': true,
      'aria-label': title });
    const copy = h('button', { type: 'button', onclick: async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(secret);
        copy.textContent = 'Copied';
      } catch (e) {
        copy.textContent = 'Press Ctrl+C to copy';
      }
    } }, 'Copy');
    fill(dialog, h('form', { method: 'dialog' },
      h('h2', { id: titleId }, title),
      h('p', {}, message),
      h('p', { class: 'notice' }, 'It is shown this once: copy it now. It cannot be shown again, only revoked.'),
      h('div', { class: 'secret-row' }, value, copy),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', value: 'done', class: 'primary' }, 'Done'))));
    setTimeout(() => value.select(), 0);
  });
}

/** A dialog with a form; `build(form)` adds its fields, `action(formData)` runs on submit and closes it. */
export function formDialog({ title, submitLabel, build, action }) {
  return modal((dialog) => {
    const titleId = nextId('d');
    dialog.setAttribute('aria-labelledby', titleId);
    const form = h('form', { class: 'stack' }, h('h2', { id: titleId }, title));
    build(form);
    form.append(h('div', { class: 'button-row' },
      h('button', { type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, submitLabel)));
    onSubmit(form, async (data) => {
      await action(data);
      dialog.close('done');
    });
    fill(dialog, form);
    setTimeout(() => form.querySelector('input, textarea, select')?.focus(), 0);
  }).then((value) => value === 'done');
}

/**
 * A table: columns are {label, cell(row) -> node|string, class}; an empty list shows `empty` instead.
 */
export function table(columns, rows, empty, caption) {
  if (!rows.length) {
    return empty;
  }
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption && h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(row))))))));
}

/** An empty state: what is missing, why, and what to do. */
export function emptyState(title, text, ...actions) {
  return h('div', { class: 'empty' }, h('h3', {}, title), h('p', {}, text),
    actions.length ? h('div', { class: 'button-row' }, actions) : null);
}

/** Previous/next for a paged list (X-Total-Count). */
export function pager({ offset, limit, total, go }) {
  if (total === null || (total <= limit && offset === 0)) {
    return null;
  }
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('span', { class: 'muted' }, `${first}–${last} of ${total}`),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, '← Previous'),
      h('button', { type: 'button', disabled: last >= total, onclick: () => go(offset + limit) }, 'Next →')));
}

export function badge(on, yes = 'Enabled', no = 'Disabled') {
  return h('span', { class: on ? 'badge ok' : 'badge off' }, on ? yes : no);
}

/** A user's storage: a meter of used against the limit, or the usage alone when there is no limit. */
export function usage(used, limit) {
  const text = limit ? `${formatBytes(used)} of ${formatBytes(limit)}` : `${formatBytes(used ?? 0)} (no limit)`;
  if (!limit) {
    return h('div', { class: 'usage' }, h('span', {}, text));
  }
  return h('div', { class: 'usage' },
    h('meter', { min: 0, max: limit, low: limit * 0.8, high: limit * 0.95, optimum: 0, value: used ?? 0,
      'aria-label': `Storage used: ${text}` }),
    h('span', { class: 'small' }, text));
}

/** A load failure in place of a page's content. */
export function loadFailed(error) {
  return h('p', { class: 'error', role: 'alert' }, error.message);
}
