/**
 * Types that keep the two catalogues in step: `Catalogue` is the Vietnamese catalogue with every
 * sentence widened to `string`, so the English one must have exactly the same keys (a missing key or
 * an extra one is a compile error, and `i18n.test.ts` checks it again at run time).
 */

/** A nested record of sentences: namespace → key → (sub-key →)… sentence. */
export interface Messages {
  readonly [key: string]: string | Messages;
}

export type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** 'a.b.c' paths to every sentence of a nested record. */
export type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
