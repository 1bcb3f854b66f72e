/**
 * Folding keys for Vietnamese text: what search compares, so "ha noi" finds "Hà Nội" and "da nang"
 * finds "Đà Nẵng". Pure functions, no I/O.
 *
 * Why not Intl.Collator('vi', { sensitivity: 'base' })? In Vietnamese collation ă, â, ê, ô, ơ, ư and đ are
 * letters of their own, so 'Hà Nội' and 'ha noi' differ at base strength. And đ has no Unicode
 * decomposition, so NFD + strip marks alone leaves it: we map it by hand.
 */

/** Canonical storage form: NFC (precomposed), as the official lists are published. */
export function normalizeVietnamese(text: string): string {
  return text.normalize('NFC');
}

/** Removes tone marks and vowel marks and maps đ→d, Đ→D, keeping case and spacing: "Bà Rịa - Vũng Tàu" → "Ba Ria - Vung Tau". */
export function stripVietnameseMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * The search key: NFD, strip combining marks, đ→d, Đ→D, lower case, collapse white space, trim.
 * Also absorbs old and new tone placement ("Hoà" / "Hòa" both → "hoa").
 */
export function foldVietnamese(text: string): string {
  return stripVietnameseMarks(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query, folded; every word must occur in the folded text for a match. */
export function foldedWords(query: string): string[] {
  const folded = foldVietnamese(query);
  return folded === '' ? [] : folded.split(' ');
}

/** True when every folded word of `query` occurs in `text` (diacritics- and case-insensitive). */
export function matchesFolded(text: string, query: string): boolean {
  const haystack = foldVietnamese(text);
  return foldedWords(query).every((w) => haystack.includes(w));
}
