/**
 * Vietnamese sort order (A < Ă < Â, D < Đ, O < Ô < Ơ, U < Ư, then tones), from ICU through
 * Intl.Collator('vi'). Databases cannot do this portably (better-sqlite3 cannot register collations),
 * so lists are sorted in code with these helpers.
 */

/** One shared collator: constructing one is costly, comparing with it is cheap. */
export const vietnameseCollator: Intl.Collator = new Intl.Collator('vi');

/** Compares two strings in Vietnamese order; usable directly as an Array.prototype.sort comparator. */
export function compareVi(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

/** A new array sorted in Vietnamese order by the given key (stable: equal keys keep their order). */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => vietnameseCollator.compare(key(x), key(y)));
}
