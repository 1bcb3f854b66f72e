/**
 * What the citizen form keeps on the phone (IndexedDB through idb), so nothing is lost offline or on
 * reload: the form of each token (to open it without network), the answers being typed (draft), and the
 * OUTBOX of submitted responses until the server has confirmed them.
 *
 * The database layout is shared with the service worker (web/public/survey-sw.js), which reads the outbox
 * in its Background Sync handler with plain IndexedDB: keep DB_NAME, DB_VERSION and the store names in step.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Answers, SurveyForm } from '../../../core/surveys/form';

export const DB_NAME = 'openpapi-survey';
export const DB_VERSION = 1;

/** What GET /api/s/:token answers (server/campaigns/routes.ts PublicFormDto). */
export interface PublicForm {
  campaign: {
    title: string;
    unitNameVi: string;
    unitNameEn: string;
    periodStart: string;
    periodEnd: string;
    accepting: boolean;
  };
  form: SurveyForm;
  used: boolean;
}

export interface CachedForm {
  token: string;
  data: PublicForm;
  fetchedAt: string;
}

export interface Draft {
  token: string;
  answers: Answers;
  updatedAt: string;
}

/** queued → (sending) → sent; or rejected (the server said no for good: used token, closed, invalid). */
export type OutboxStatus = 'queued' | 'sent' | 'rejected';

export interface OutboxItem {
  /** Made on the phone before queueing: the server's idempotency key (a retry is answered 200). */
  responseId: string;
  token: string;
  answers: Answers;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  /** ms since epoch of the next automatic try. */
  nextAttemptAt: number;
  receivedOn?: string;
  /** Error code of a rejection (conflict, campaign_closed, invalid_answers…) or of the last failed try. */
  error?: string;
  errorMessage?: string;
}

interface SurveySchema extends DBSchema {
  forms: { key: string; value: CachedForm };
  drafts: { key: string; value: Draft };
  outbox: { key: string; value: OutboxItem; indexes: { token: string } };
}

let dbPromise: Promise<IDBPDatabase<SurveySchema>> | undefined;

export function surveyDb(): Promise<IDBPDatabase<SurveySchema>> {
  dbPromise ??= openDB<SurveySchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('forms', { keyPath: 'token' });
      db.createObjectStore('drafts', { keyPath: 'token' });
      const outbox = db.createObjectStore('outbox', { keyPath: 'responseId' });
      outbox.createIndex('token', 'token');
    },
  });
  return dbPromise;
}

export async function saveForm(token: string, data: PublicForm): Promise<void> {
  await (await surveyDb()).put('forms', { token, data, fetchedAt: new Date().toISOString() });
}

export async function loadForm(token: string): Promise<CachedForm | undefined> {
  return (await surveyDb()).get('forms', token);
}

export async function saveDraft(token: string, answers: Answers): Promise<void> {
  await (await surveyDb()).put('drafts', { token, answers, updatedAt: new Date().toISOString() });
}

export async function loadDraft(token: string): Promise<Draft | undefined> {
  return (await surveyDb()).get('drafts', token);
}

/** Queues a response and drops the draft, in one IndexedDB transaction (never both, never neither). */
export async function enqueue(item: OutboxItem): Promise<void> {
  const db = await surveyDb();
  const tx = db.transaction(['outbox', 'drafts'], 'readwrite');
  await Promise.all([tx.objectStore('outbox').put(item), tx.objectStore('drafts').delete(item.token), tx.done]);
}

export async function outboxFor(token: string): Promise<OutboxItem | undefined> {
  const items = await (await surveyDb()).getAllFromIndex('outbox', 'token', token);
  // The latest one counts (a rejected attempt may be followed by a corrected one).
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
}

export async function pendingItems(): Promise<OutboxItem[]> {
  return (await (await surveyDb()).getAll('outbox')).filter((i) => i.status === 'queued');
}

export async function updateItem(item: OutboxItem): Promise<void> {
  await (await surveyDb()).put('outbox', item);
}

export async function getItem(responseId: string): Promise<OutboxItem | undefined> {
  return (await surveyDb()).get('outbox', responseId);
}
