/**
 * The single i18n catalogue of OpenPAPI (Vietnamese reference, English translation), shared by the
 * web app (through i18next) and the server/CLI (through the tiny pure `t` below).
 *
 * Keys are written the i18next way: `namespace:path.to.sentence`, e.g. `t('vi', 'home:searchTitle')`.
 */
import { en, vi } from './catalogue.js';
import { DEFAULT_LANG, type Lang } from './lang.js';
import type { KeyPaths, Widen } from './types.js';
import type { viBase } from './vi.js';

export * from './lang.js';
export type { KeyPaths, Messages, Widen } from './types.js';
export { en, vi };

/** The shape every language must fill (the Vietnamese keys, any sentence). */
export type Catalogue = Widen<typeof vi>;
export type Namespace = keyof Catalogue & string;
export const NAMESPACES = Object.keys(vi) as Namespace[];
/** The namespaces every page needs: bundled with the web app's entry script. */
export type BaseNamespace = keyof typeof viBase & string;
/** The namespaces of modules/<name>.ts, which the web app loads when a page asks for them. */
export type ModuleNamespace = Exclude<Namespace, BaseNamespace>;

/** Every valid key, e.g. 'common:signIn' | 'home:steps.measure.title' | … */
export type TranslationKey = { [NS in Namespace]: `${NS}:${KeyPaths<Catalogue[NS]>}` }[Namespace];

/** i18next-shaped resources: `{ vi: { common: {...}, ... }, en: {...} }`. */
export const resources: Record<Lang, Catalogue> = { vi, en };

export type TranslationParams = Record<string, string | number>;

function lookup(catalogue: Catalogue, key: string): string | undefined {
  const colon = key.indexOf(':');
  const ns = colon >= 0 ? key.slice(0, colon) : 'common';
  const path = colon >= 0 ? key.slice(colon + 1) : key;
  let node: unknown = (catalogue as unknown as Record<string, unknown>)[ns];
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Replaces `{{name}}` (spaces allowed inside the braces) with params; unknown names stay visible. */
export function interpolate(sentence: string, params: TranslationParams = {}): string {
  return sentence.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * Pure translation for server and CLI use: the sentence in `lang`, else in Vietnamese, else the key
 * itself (so a missing sentence is visible, never blank).
 */
export function t(lang: Lang, key: TranslationKey, params?: TranslationParams): string {
  const sentence = lookup(resources[lang], key) ?? lookup(resources[DEFAULT_LANG], key);
  return sentence === undefined ? key : interpolate(sentence, params);
}

/** 'a.b.c' paths of every sentence of a nested record, sorted (used by the catalogue test). */
export function flattenKeys(messages: object, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(messages)) {
    if (typeof v === 'string') keys.push(prefix + k);
    else keys.push(...flattenKeys(v as object, `${prefix}${k}.`));
  }
  return keys.sort();
}

export * from './format.js';
