// The admin API over fetch, for the console and the self-service page.
//
// JSON in and out. Every request that changes something carries the session's anti-forgery token
// (X-CSRF-Token, given at sign-in and by GET /api/session or /api/self); the session itself is the
// HttpOnly cookie the browser sends. An error answer is an RFC 9457 problem: it becomes an ApiError whose
// message is the problem's `detail`, written for a person to read, so views show it as it is.
// The API leaves null fields out of its JSON: views test them with `== null` (null or missing).

let csrfToken = null;
let unauthorized = () => {};

/** An answer other than 2xx: `status`, and `message` = the problem's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Remembers the session's anti-forgery token (null after sign-out). */
export function setCsrfToken(token) {
  csrfToken = token;
}

/** What to do when a session has ended (a 401 on a request that needed one). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/**
 * Sends one request to /api`path`; resolves to {data, total} (total from X-Total-Count on lists), rejects with
 * ApiError. `expect401`: the caller handles a 401 itself (sign-in forms, "who am I"). `accept`: another type than
 * JSON (the metrics' text), which comes back as the text itself.
 */
export async function request(method, path, body, { expect401 = false, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch('/api' + path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text && accept !== 'application/json' && response.ok) {
    data = text;
  } else if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = text;
    }
  }
  if (!response.ok) {
    const detail = data && typeof data === 'object' && data.detail
      ? data.detail
      : `The server answered ${response.status} ${response.statusText}.`;
    const error = new ApiError(response.status, detail);
    if (response.status === 401 && !expect401) {
      unauthorized(error);
    }
    throw error;
  }
  const total = response.headers.get('X-Total-Count');
  return { data, total: total === null ? null : Number(total) };
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body ?? {}, options),
  put: (path, body, options) => request('PUT', path, body ?? {}, options),
  del: (path, options) => request('DELETE', path, undefined, options),
};

/** A path segment: addresses and names are encoded (`bob@example.com`, `@example.com`, `bücher.example`). */
export const seg = encodeURIComponent;

/** A query string of the parameters that have a value ('' when none has). */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
