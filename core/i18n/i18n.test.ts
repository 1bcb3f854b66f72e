import { describe, expect, it } from 'vitest';
import {
  en,
  flattenKeys,
  formatDate,
  formatDateTime,
  formatNumber,
  interpolate,
  NAMESPACES,
  resources,
  t,
  todayInVietnam,
  vi,
} from './index.js';

/** `{{name}}` placeholders of a sentence, sorted. */
function placeholders(sentence: string): string[] {
  return [...sentence.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function sentenceAt(messages: object, path: string): string {
  let node: unknown = messages;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as string;
}

describe('the i18n catalogue', () => {
  const viKeys = flattenKeys(vi);
  const enKeys = flattenKeys(en);

  it('has exactly the same keys in English as in Vietnamese', () => {
    expect(enKeys.filter((k) => !viKeys.includes(k))).toEqual([]);
    expect(viKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(viKeys.length).toBeGreaterThan(100);
  });

  it('detects a missing key (the check above can fail)', () => {
    const broken = structuredClone(en) as unknown as { home: Record<string, unknown> };
    delete broken.home.searchTitle;
    const brokenKeys = flattenKeys(broken);
    expect(viKeys.filter((k) => !brokenKeys.includes(k))).toEqual(['home.searchTitle']);
  });

  it('uses the same placeholders in both languages and no empty sentence', () => {
    for (const key of viKeys) {
      const v = sentenceAt(vi, key);
      const e = sentenceAt(en, key);
      expect(v.trim(), key).not.toBe('');
      expect(e.trim(), key).not.toBe('');
      expect(placeholders(e), key).toEqual(placeholders(v));
    }
  });

  it('stores Vietnamese in NFC (precomposed) form', () => {
    for (const key of viKeys) {
      const v = sentenceAt(vi, key);
      expect(v, key).toBe(v.normalize('NFC'));
    }
  });

  it('lists the module namespaces', () => {
    expect(NAMESPACES).toEqual(
      expect.arrayContaining(['common', 'home', 'auth', 'workspace', 'units', 'users', 'audit', 'errors']),
    );
    expect(Object.keys(resources)).toEqual(['vi', 'en']);
  });
});

describe('t (server and CLI translation)', () => {
  it('translates with namespaces, nested keys and parameters', () => {
    expect(t('vi', 'common:signIn')).toBe('Đăng nhập');
    expect(t('en', 'common:signIn')).toBe('Sign in');
    expect(t('vi', 'units:types.special_zone')).toBe('Đặc khu');
    expect(t('vi', 'home:searchEmpty', { q: 'xyz' })).toBe('Không tìm thấy đơn vị nào khớp với “xyz”.');
    expect(t('en', 'workspace:greeting', { name: 'Lan' })).toBe('Hello, Lan');
  });

  it('falls back to Vietnamese, then to the key itself', () => {
    const original = resources.en.common;
    try {
      (resources as { en: { common: unknown } }).en.common = {};
      expect(t('en', 'common:signIn')).toBe('Đăng nhập');
    } finally {
      (resources as { en: { common: unknown } }).en.common = original;
    }
    // A key that does not exist (forced past the type) is shown as is, never blank.
    expect(t('vi', 'common:noSuchKey' as 'common:signIn')).toBe('common:noSuchKey');
  });

  it('leaves unknown placeholders visible', () => {
    expect(interpolate('{{a}} and {{ b }}', { a: 1 })).toBe('1 and {{ b }}');
  });
});

describe('number and date formats', () => {
  it('uses the decimal comma and dot thousands in Vietnamese', () => {
    expect(formatNumber('vi', 1234.5)).toBe('1.234,5');
    expect(formatNumber('vi', 42.1, { minimumFractionDigits: 2 })).toBe('42,10');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
  });

  it('shows dates in Vietnam time whatever the instant', () => {
    // 17:30 UTC on 30 June is already 1 July in Vietnam (UTC+7).
    expect(formatDate('vi', new Date('2025-06-30T17:30:00Z'))).toBe('01/07/2025');
    expect(formatDate('vi', '2025-07-01')).toBe('01/07/2025');
    expect(formatDate('en', '2025-07-01')).toBe('01/07/2025');
    expect(formatDateTime('vi', '2025-06-30T17:30:00Z')).toMatch(/00:30.*01\/07\/2025|01\/07\/2025.*00:30/);
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
  });
});
