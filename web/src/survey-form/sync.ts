/**
 * Sending queued responses: when online, on the `online` event, when the page becomes visible, on a
 * timer with exponential backoff, and through Background Sync where the browser has it (the service
 * worker sends the same outbox then, even with the page closed). Sending twice is harmless: the
 * response UUID makes the server answer a repeat with 200 and store nothing (server/campaigns).
 */
import { getItem, type OutboxItem, pendingItems, updateItem } from './store';

export const SYNC_TAG = 'survey-outbox';
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s … up to 5 min, plus up to 1 s of jitter so a village's phones do not all retry at once. */
export function backoffDelay(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1)) + Math.floor(Math.random() * 1000);
}

/** A v4 UUID, also on plain-http pages where crypto.randomUUID is missing (a LAN server in a commune). */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let csrf: string | undefined;

async function csrfToken(refresh = false): Promise<string> {
  if (!csrf || refresh) {
    const res = await fetch('/api/auth/csrf', { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new Error(`csrf ${res.status}`);
    csrf = ((await res.json()) as { token: string }).token;
  }
  return csrf;
}

/**
 * Gets the CSRF cookie while the page is online, before anything is queued: later sends from the page
 * and from the service worker then sign with the same secret instead of racing to create it.
 */
export async function prepareSending(): Promise<void> {
  try {
    await csrfToken();
  } catch {
    // Offline: the first send fetches it.
  }
}

/** Final answers of the server: the item will never be accepted, retrying is pointless. */
const FINAL = new Set([400, 404, 409, 410, 413, 422]);

const inFlight = new Map<string, Promise<OutboxItem>>();

/** One try for one item; the outcome is written to IndexedDB and returned. */
export function sendItem(responseId: string): Promise<OutboxItem> {
  const running = inFlight.get(responseId);
  if (running) return running;
  const run = (async () => {
    const item = await getItem(responseId);
    if (!item) throw new Error(`no queued response ${responseId}`);
    if (item.status !== 'queued') return item;
    let next: OutboxItem;
    try {
      const post = async (token: string) =>
        fetch(`/api/s/${encodeURIComponent(item.token)}/responses`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({ responseId: item.responseId, answers: item.answers }),
        });
      let res = await post(await csrfToken());
      if (res.status === 403) res = await post(await csrfToken(true)); // the CSRF cookie may have expired
      const body = (await res.json().catch(() => ({}))) as { receivedOn?: string; code?: string; message?: string };
      if (res.status === 200 || res.status === 201) {
        next = { ...item, status: 'sent', receivedOn: body.receivedOn, error: undefined, errorMessage: undefined };
      } else if (FINAL.has(res.status)) {
        next = { ...item, status: 'rejected', error: body.code ?? String(res.status), errorMessage: body.message };
      } else {
        next = retryLater(item, body.code ?? `http_${res.status}`);
      }
    } catch {
      // No network (or it dropped mid-request): the answers stay queued.
      next = retryLater(item, 'network');
    }
    // The service worker may have sent it meanwhile: never downgrade a sent item.
    const now = await getItem(responseId);
    if (now?.status === 'sent') return now;
    await updateItem(next);
    return next;
  })().finally(() => inFlight.delete(responseId));
  inFlight.set(responseId, run);
  return run;
}

function retryLater(item: OutboxItem, error: string): OutboxItem {
  const attempts = item.attempts + 1;
  return { ...item, attempts, error, nextAttemptAt: Date.now() + backoffDelay(attempts) };
}

/** Sends every queued item whose time has come (or all of them when `force`). */
export async function flushOutbox(force = false): Promise<void> {
  const due = (await pendingItems()).filter((i) => force || i.nextAttemptAt <= Date.now());
  await Promise.all(due.map((i) => sendItem(i.responseId)));
}

/** Asks the service worker to send the outbox when connectivity returns (Chromium's Background Sync). */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const reg = await navigator.serviceWorker?.getRegistration('/s/');
    const sync = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)
      ?.sync;
    await sync?.register(SYNC_TAG);
  } catch {
    // Not supported or not allowed: the page's own triggers still send it.
  }
}

/**
 * Keeps the outbox moving while the page is open; `onChange` is called after every try and when the
 * service worker reports it sent something. Returns the function that stops it.
 */
export function startSync(onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = async () => {
    if (stopped) return;
    clearTimeout(timer);
    const pending = await pendingItems();
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((i) => i.nextAttemptAt));
    timer = setTimeout(() => void tick(false), Math.max(0, next - Date.now()));
  };
  const tick = async (force: boolean) => {
    if (stopped) return;
    if (navigator.onLine) await flushOutbox(force);
    onChange();
    await schedule();
  };
  const onOnline = () => void tick(true);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void tick(true);
  };
  const onMessage = (e: MessageEvent) => {
    if ((e.data as { type?: string } | null)?.type === 'outbox-changed') onChange();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  void tick(false);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
  };
}

/** Wakes the loop now (after queueing). */
export function nudge(): Promise<void> {
  return navigator.onLine ? flushOutbox(true) : Promise.resolve();
}
