import { describe, expect, it } from 'vitest';
import { compareVi, sortVi, vietnameseCollator } from './collate.js';

describe('Vietnamese collation', () => {
  it('orders the letters of the Vietnamese alphabet: a ă â b c d đ e ê … o ô ơ … u ư', () => {
    // The 29-letter alphabet as taught in Vietnamese schools (Bảng chữ cái tiếng Việt).
    const alphabet = 'a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y'.split(' ');
    const shuffled = [...alphabet].reverse();
    expect(shuffled.sort(compareVi)).toEqual(alphabet);
  });

  it('places "Ân Thi" after the "An …" names and before "Ba …"', () => {
    const names = ['Ba Đình', 'Ân Thi', 'An Giang', 'Bà Rịa', 'Anh Sơn', 'Ăn Thịt', 'An Khê'];
    const sorted = sortVi(names, (s) => s);
    expect(sorted).toEqual(['An Giang', 'An Khê', 'Anh Sơn', 'Ăn Thịt', 'Ân Thi', 'Ba Đình', 'Bà Rịa']);
    // A plain code-point sort gets this wrong (Â and Ă sort after B), which is why we collate.
    expect([...names].sort().indexOf('Ân Thi')).toBeGreaterThan([...names].sort().indexOf('Ba Đình'));
  });

  it('sorts Đ after all D words, and Ư after U ("Duy" < "Dương")', () => {
    expect(sortVi(['Đà Nẵng', 'Dương Kinh', 'Điện Biên', 'Duy Tiên'], (s) => s)).toEqual([
      'Duy Tiên',
      'Dương Kinh',
      'Đà Nẵng',
      'Điện Biên',
    ]);
  });

  it('is stable and does not mutate its input', () => {
    const input = [
      { n: 'B', i: 1 },
      { n: 'A', i: 2 },
      { n: 'B', i: 3 },
    ];
    const out = sortVi(input, (x) => x.n);
    expect(out.map((x) => x.i)).toEqual([2, 1, 3]);
    expect(input.map((x) => x.i)).toEqual([1, 2, 3]);
  });

  it('exposes the shared vi collator', () => {
    expect(vietnameseCollator.resolvedOptions().locale).toBe('vi');
  });
});
