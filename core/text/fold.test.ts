import { describe, expect, it } from 'vitest';
import { foldedWords, foldVietnamese, matchesFolded, normalizeVietnamese, stripVietnameseMarks } from './fold.js';

describe('foldVietnamese', () => {
  it.each([
    ['Hà Nội', 'ha noi'],
    ['Đà Nẵng', 'da nang'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['  Thành phố   Hồ Chí Minh ', 'thanh pho ho chi minh'],
    ['ĐẶC KHU Phú Quốc', 'dac khu phu quoc'],
    ['Ô Chợ Dừa', 'o cho dua'],
    ['Bà Rịa - Vũng Tàu', 'ba ria - vung tau'],
    ['Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô', 'u o a a e o u o a a e o'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('folds old and new tone placement to the same key ("Hoà" / "Hòa")', () => {
    expect(foldVietnamese('Hoà Bình')).toBe(foldVietnamese('Hòa Bình'));
    expect(foldVietnamese('Thanh Hoá')).toBe('thanh hoa');
  });

  it('gives the same key for NFC and NFD input', () => {
    const nfd = 'Hà Nội'.normalize('NFD');
    expect(nfd).not.toBe('Hà Nội');
    expect(foldVietnamese(nfd)).toBe('ha noi');
  });

  it('maps đ and Đ, which have no Unicode decomposition', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldVietnamese('Đồng Đăng đường')).toBe('dong dang duong');
  });
});

describe('stripVietnameseMarks', () => {
  it('keeps case and punctuation', () => {
    expect(stripVietnameseMarks('Bà Rịa - Vũng Tàu')).toBe('Ba Ria - Vung Tau');
    expect(stripVietnameseMarks('Đắk Lắk')).toBe('Dak Lak');
  });
});

describe('normalizeVietnamese', () => {
  it('returns NFC', () => {
    const s = normalizeVietnamese('Nội'.normalize('NFD'));
    expect(s).toBe('Nội');
    expect(s.length).toBe(3);
  });
});

describe('foldedWords / matchesFolded', () => {
  it('splits a query into folded words', () => {
    expect(foldedWords('  Hà   NỘI ')).toEqual(['ha', 'noi']);
    expect(foldedWords('   ')).toEqual([]);
  });
  it('matches when every word occurs, in any order', () => {
    expect(matchesFolded('Thành phố Hà Nội', 'noi ha')).toBe(true);
    expect(matchesFolded('Thành phố Hà Nội', 'ha noi xyz')).toBe(false);
    expect(matchesFolded('Đà Nẵng', 'DA NANG')).toBe(true);
  });
});
