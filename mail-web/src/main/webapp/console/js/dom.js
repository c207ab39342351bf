// Building the page: elements from API data as DOM nodes and text, never as HTML strings (no innerHTML), so a
// display name or a subject line can never become markup. Formatting of sizes and dates.

/**
 * h('button', {class: 'primary', onclick: fn, disabled: true}, 'Save'): an element with its attributes
 * (functions under on* become listeners; true is an empty attribute; false, null and undefined are left out)
 * and children (strings become text; arrays are flattened; null and false are skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n) {
  if (n === null || n === undefined) {
    return '–';
  }
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} ${v === 1 ? 'byte' : 'bytes'}` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[i]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso) {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : dateFormat.format(d);
}

/** A <time> element showing a date in the reader's locale, the instant itself as its datetime. */
export function time(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, formatDate(iso)) : '–';
}

export const MIB = 1024 * 1024;

/** Octets as MiB for a number field ('' for none). */
export function toMiB(bytes) {
  return bytes === null || bytes === undefined ? '' : String(Math.round((bytes / MIB) * 100) / 100);
}

/** A number field's MiB as octets (null when empty). */
export function fromMiB(value) {
  const s = String(value).trim();
  return s === '' ? null : Math.round(Number(s) * MIB);
}
