// Calls to the service with the console's token. A 401 gets one refresh (shared by every
// call waiting on it) and one retry; if the refresh fails too, back to the sign-in page.
// Errors are RFC 9457 problems: thrown as ApiError with their detail and field errors.
import { session, toLogin } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `请求失败（${status}）`);
    this.status = status;
    this.code = problem?.code;
    this.errors = problem?.errors || [];
  }
}

let refreshing = null;

async function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const token = session.refreshToken();
      if (!token) return false;
      const answer = await fetch('/api/v1/auth/token/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
      if (!answer.ok) return false;
      session.store(await answer.json());
      return true;
    })().finally(() => { setTimeout(() => { refreshing = null; }, 0); });
  }
  return refreshing;
}

/** A fetch with the bearer token; the raw Response (for files and streams). */
export async function call(path, options = {}, retried = false) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', `Bearer ${session.accessToken()}`);
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    options = { ...options, body: JSON.stringify(options.json) };
  }
  const answer = await fetch(path, { ...options, headers });
  if (answer.status === 401 && !retried) {
    if (await refresh()) return call(path, options, true);
    toLogin();
    throw new ApiError(401, { detail: '登录已过期，请重新扫码登录' });
  }
  if (!answer.ok) {
    let problem = null;
    try { problem = await answer.json(); } catch { /* not a problem body */ }
    throw new ApiError(answer.status, problem);
  }
  return answer;
}

/** The JSON answer of a call (null for 204). */
export async function api(path, options = {}) {
  const answer = await call(path, options);
  if (answer.status === 204) return null;
  const type = answer.headers.get('Content-Type') || '';
  return type.includes('json') ? answer.json() : answer.text();
}

/** A query string of the set values only. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Downloads a file the API answers (posters, exports) under the name it gives. */
export async function download(path, fallbackName) {
  const answer = await call(path);
  const disposition = answer.headers.get('Content-Disposition') || '';
  // RFC 6266: filename* (UTF-8, percent-encoded) wins over filename, which for a Chinese name
  // is an RFC 2047 word (=?UTF-8?Q?…?=) no browser decodes.
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1])
    : plain && !plain[1].startsWith('=?') ? plain[1] : fallbackName;
  const url = URL.createObjectURL(await answer.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** An image the API answers (codes), as an object URL for <img>. */
export async function imageUrl(path) {
  const answer = await call(path);
  return URL.createObjectURL(await answer.blob());
}

/**
 * Server-sent events of an endpoint that needs the token: EventSource cannot send a header,
 * so the stream is read with fetch. Calls onEvent(name, data) per event; returns a function
 * that stops it. Reconnects after a dropped stream.
 */
export function events(path, onEvent, onState = () => {}) {
  let stopped = false;
  let controller = null;
  (async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const answer = await call(path, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
        onState('open');
        const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            if (data) onEvent(name, JSON.parse(data));
          }
        }
      } catch (error) {
        if (stopped) return;
      }
      onState('closed');
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  })();
  return () => { stopped = true; controller?.abort(); };
}
