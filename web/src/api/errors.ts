import i18n from '../i18n';
import { ApiError } from './client';

const KNOWN = new Set([
  'network',
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'rate_limited',
  'csrf_invalid',
  'validation_failed',
  'conflict',
  'internal_error',
] as const);
type KnownCode = typeof KNOWN extends Set<infer C> ? C : never;
const isKnown = (code: string): code is KnownCode => (KNOWN as Set<string>).has(code);

/**
 * A sentence for people, in the current language: known codes get our own wording (the server's
 * English message is kept as the detail where it names a field), anything else says what happened.
 */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const where = err.path && err.path.length > 0 ? ` (${err.path.join('.')})` : '';
    const detail = `${err.message}${where}`;
    const key = isKnown(err.code) ? err.code : 'unknown';
    return i18n.t(key, { ns: 'errors', detail, code: err.code });
  }
  return i18n.t('unknown', { ns: 'errors', code: 'client', detail: err instanceof Error ? err.message : String(err) });
}
