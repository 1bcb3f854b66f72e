/** The languages of OpenPAPI, without any sentence (so importing this costs the web app nothing). */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
/** Vietnamese is both the default and the fallback language. */
export const DEFAULT_LANG: Lang = 'vi';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
