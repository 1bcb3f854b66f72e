import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acceptDueDate,
  addWorkingDays,
  answeredOnTime,
  CODE_ALPHABET,
  checkCharacter,
  checkTransition,
  computeBoard,
  DEFAULT_CATEGORIES,
  DEFAULT_TRACK_CONFIG,
  FEEDBACK_DIMENSIONS,
  generateTrackingCode,
  insideVietnam,
  isOverdue,
  leadingZeroBits,
  mergeCategories,
  moderationFlags,
  parseTrackingCode,
  resolveDueDate,
  routeTo,
  trackConfigProblems,
} from './index.js';

describe('deadlines', () => {
  it('counts working days past weekends and fixed holidays', () => {
    // Fri 2026-04-24 + 7 working days: Mon 27, Tue 28, Wed 29, (Thu 30/4, Fri 1/5 holidays), Mon 4/5, Tue 5, Wed 6, Thu 7
    expect(addWorkingDays('2026-04-24', 7)).toBe('2026-05-07');
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-20', 1, new Set(['2026-11-23']))).toBe('2026-11-24');
  });

  it('applies the statutory defaults per track', () => {
    // Denunciation: 7 working days to accept (Luật Tố cáo 2018 Đ.24).
    expect(acceptDueDate(DEFAULT_TRACK_CONFIG.denunciation, '2026-11-20')).toBe('2026-12-01');
    // Complaint: 10 (calendar) days to accept (Luật Khiếu nại 2011 Đ.27).
    expect(acceptDueDate(DEFAULT_TRACK_CONFIG.complaint, '2026-11-20')).toBe('2026-11-30');
    const c = DEFAULT_TRACK_CONFIG.complaint;
    expect(resolveDueDate(c, '2026-01-01', { complex: false, remoteArea: false })).toBe('2026-01-31');
    expect(resolveDueDate(c, '2026-01-01', { complex: true, remoteArea: false })).toBe('2026-02-15');
    expect(resolveDueDate(c, '2026-01-01', { complex: false, remoteArea: true })).toBe('2026-02-15');
    // Remote and complex: 60 days (Đ.28).
    expect(resolveDueDate(c, '2026-01-01', { complex: true, remoteArea: true })).toBe('2026-03-02');
    // Denunciation: complex cases extended once by 30 days (Đ.30).
    expect(resolveDueDate(DEFAULT_TRACK_CONFIG.denunciation, '2026-01-01', { complex: true, remoteArea: false })).toBe(
      '2026-03-02',
    );
  });

  it('flags overdue items and on-time answers', () => {
    expect(isOverdue({ status: 'received', acceptDue: '2026-11-10', resolveDue: null }, '2026-11-10')).toBe(false);
    expect(isOverdue({ status: 'received', acceptDue: '2026-11-10', resolveDue: null }, '2026-11-11')).toBe(true);
    expect(isOverdue({ status: 'in_progress', acceptDue: '2026-10-01', resolveDue: '2026-11-10' }, '2026-11-11')).toBe(
      true,
    );
    expect(isOverdue({ status: 'answered', acceptDue: '2026-10-01', resolveDue: '2026-11-10' }, '2026-12-11')).toBe(
      false,
    );
    expect(answeredOnTime('2026-11-10', '2026-11-10')).toBe(true);
    expect(answeredOnTime('2026-11-10', '2026-11-11')).toBe(false);
  });

  it('rejects nonsensical configurations', () => {
    expect(trackConfigProblems(DEFAULT_TRACK_CONFIG.complaint)).toEqual([]);
    const bad = { ...DEFAULT_TRACK_CONFIG.complaint, resolveDays: 0, complexResolveDays: 20 };
    expect(trackConfigProblems(bad).map((p) => p.field)).toEqual(['resolveDays']);
    expect(trackConfigProblems({ ...DEFAULT_TRACK_CONFIG.complaint, complexResolveDays: 20 })[0]?.field).toBe(
      'complexResolveDays',
    );
  });
});

describe('status machine', () => {
  it('follows received → accepted/rejected → in progress → answered → closed', () => {
    expect(() => checkTransition('received', { to: 'accepted' })).not.toThrow();
    expect(() => checkTransition('received', { to: 'answered', answer: 'x' })).toThrow(/Cannot go/);
    expect(() => checkTransition('received', { to: 'rejected' })).toThrow(/reason/);
    expect(() => checkTransition('received', { to: 'rejected', reason: 'Không thuộc thẩm quyền' })).not.toThrow();
    expect(() => checkTransition('in_progress', { to: 'answered', answer: ' ' })).toThrow(/answer/);
    expect(() => checkTransition('answered', { to: 'closed' })).not.toThrow();
    expect(() => checkTransition('closed', { to: 'in_progress' })).toThrow(/Cannot go/);
  });
});

describe('routing', () => {
  const input = { categoryId: 'land', communeId: 'vn2025:12142', provinceId: 'vn2025:33', track: 'feedback' as const };
  it('sends to the commune by default and corruption denunciations to the province', () => {
    expect(routeTo([], input)).toBe('vn2025:12142');
    expect(routeTo([], { ...input, categoryId: 'corruption', track: 'denunciation' })).toBe('vn2025:33');
    expect(routeTo([], { ...input, categoryId: 'corruption', track: 'feedback' })).toBe('vn2025:12142');
  });
  it('lets the most specific rule win', () => {
    const rules = [
      { id: 'a', categoryId: 'land', communeId: null, track: null, target: 'province' as const, targetUnitId: null },
      {
        id: 'b',
        categoryId: 'land',
        communeId: 'vn2025:12142',
        track: null,
        target: 'unit' as const,
        targetUnitId: 'local:x',
      },
    ];
    expect(routeTo(rules, input)).toBe('local:x');
    expect(routeTo(rules, { ...input, communeId: 'vn2025:11953' })).toBe('vn2025:33');
  });
});

describe('tracking codes', () => {
  it('are 11 characters of the unambiguous alphabet with a valid check character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateTrackingCode((n) => randomBytes(n));
      expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{3}$/);
      expect(parseTrackingCode(code)).toBe(code);
      expect(parseTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(2000);
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('detect every single-character mistake and every swap of neighbours', () => {
    const code = generateTrackingCode((n) => randomBytes(n)).replace(/-/g, '');
    for (let i = 0; i < code.length; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(parseTrackingCode(typo), typo).toBeNull();
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(parseTrackingCode(swapped), swapped).toBeNull();
      }
    }
    expect(parseTrackingCode('ABCD-EFGH-JK')).toBeNull(); // too short
    expect(checkCharacter('2222222222')).toHaveLength(1);
  });
});

describe('moderation', () => {
  const flags = (title: string, description: string, duplicateOfRecent = false) =>
    moderationFlags({ title, description, duplicateOfRecent });
  it('passes an ordinary submission', () => {
    expect(
      flags('Rác thải ven đường', 'Đoạn đường thôn Đông có nhiều rác thải chưa được thu gom trong hai tuần qua.'),
    ).toEqual([]);
  });
  it('flags link spam, repeated text, shouting, profanity and duplicates', () => {
    expect(flags('Mua ngay', 'Xem http://spam.example.com và www.ban-hang.xyz giá rẻ')).toContain('links');
    expect(flags('abc', 'mua đi mua đi mua đi mua đi mua đi mua đi mua đi')).toContain('repeated_text');
    expect(flags('KHẨN CẤP', 'CÁN BỘ XÃ KHÔNG LÀM VIỆC SUỐT CẢ TUẦN NAY')).toContain('all_caps');
    expect(flags('Bức xúc', 'Cán bộ đó đúng là vcl thật sự')).toContain('profanity');
    expect(flags('Rác', 'Rác thải chưa được thu gom ở thôn Đông', true)).toEqual(['duplicate']);
    // Ordinary words that fold to short profanities are not flagged ("lớn" → "lon").
    expect(flags('Ổ gà lớn', 'Đường có ổ gà rất lớn, xe máy dễ ngã.')).toEqual([]);
  });
});

describe('board', () => {
  it('computes volume, on-time rate and satisfaction per dimension, unit and track', () => {
    const base = {
      track: 'feedback' as const,
      dimension: 'D7',
      unitId: 'u1',
      acceptDue: '2026-01-10',
      resolveDue: '2026-02-01',
      ratingResolved: null,
      ratingScore: null,
    };
    const board = computeBoard(
      [
        { ...base, status: 'answered', answeredOn: '2026-01-20', ratingResolved: true, ratingScore: 5 },
        { ...base, status: 'answered', answeredOn: '2026-02-05', ratingResolved: false, ratingScore: 2 },
        { ...base, status: 'in_progress', answeredOn: null },
        { ...base, dimension: 'D4', unitId: 'u2', track: 'denunciation', status: 'received', answeredOn: null },
      ],
      '2026-03-01',
    );
    expect(board.total).toMatchObject({ received: 4, answered: 2, answeredOnTime: 1, onTimeRate: 0.5, overdueOpen: 2 });
    expect(board.total.satisfaction).toBe(3.5);
    expect(board.total.resolvedRate).toBe(0.5);
    expect(board.byDimension.map((r) => [r.key, r.received])).toEqual([
      ['D4', 1],
      ['D7', 3],
    ]);
    expect(board.byTrack.find((r) => r.key === 'denunciation')?.onTimeRate).toBeNull();
  });
});

describe('categories, map points and proof of work', () => {
  it('tags every category to a PAPI dimension D3–D7', () => {
    expect(DEFAULT_CATEGORIES.length).toBeGreaterThanOrEqual(10);
    for (const c of DEFAULT_CATEGORIES) expect(FEEDBACK_DIMENSIONS).toContain(c.dimension);
    const merged = mergeCategories([{ ...DEFAULT_CATEGORIES[0]!, nameEn: 'Land', active: false }]);
    expect(merged[0]).toMatchObject({ nameEn: 'Land', active: false });
    expect(merged).toHaveLength(DEFAULT_CATEGORIES.length);
  });
  it('knows Vietnam from its neighbours', () => {
    expect(insideVietnam(20.65, 106.05)).toBe(true); // Hưng Yên
    expect(insideVietnam(13.75, 100.5)).toBe(false); // Bangkok
    expect(insideVietnam(0, 0)).toBe(false);
  });
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    const digest = createHash('sha256').update('x').digest();
    expect(leadingZeroBits(digest)).toBeLessThan(256);
  });
});
