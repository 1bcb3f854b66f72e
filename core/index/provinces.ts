/**
 * Provinces as the index engine sees them: a code in a code system (vn2008 = the 63 provinces before
 * 2025-07-01, vn2025 = the 34 after), names, and the socio-economic region (vùng kinh tế – xã hội) used for peers.
 */
import { InputError } from '../errors.js';
import { foldVietnamese } from '../text/fold.js';

export type CodeSystem = 'vn2008' | 'vn2025';

export interface ProvinceRef {
  /** Two-digit GSO code as a string ("01", "22"). Codes were reused in 2025, so always read with codeSystem. */
  code: string;
  codeSystem: CodeSystem;
  nameVi: string;
  nameEn: string;
  /** Region id from data/papi/regions.csv, e.g. "red-river-delta". */
  region?: string;
}

export interface RegionRef {
  id: string;
  nameVi: string;
  nameEn: string;
}

/** Two-digit code from "1", "01" or 1. */
export function normaliseProvinceCode(code: string | number): string {
  const s = String(code).trim();
  return /^\d$/.test(s) ? `0${s}` : s;
}

/** Folding key for search: NFD, strip marks, đ→d, lower case, collapse spaces and punctuation. */
export function foldKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const PREFIXES = /^(tinh|thanh pho|tp|province|city)\s+/;

/**
 * Find a province by code ("22"), Vietnamese or English name, diacritics-insensitively ("quang ninh",
 * "TP. Hồ Chí Minh", "Ho Chi Minh"). Throws InputError listing close names when nothing or several match.
 */
export function matchProvince(query: string, provinces: readonly ProvinceRef[]): ProvinceRef {
  const q = query.trim();
  if (/^\d{1,2}$/.test(q)) {
    const byCode = provinces.find((p) => p.code === normaliseProvinceCode(q));
    if (byCode) return byCode;
    throw new InputError(`no province with code ${q}`, { path: ['province'] });
  }
  const key = foldKey(q).replace(PREFIXES, '');
  const keys = (p: ProvinceRef) => [foldKey(p.nameVi), foldKey(p.nameEn)].map((k) => k.replace(PREFIXES, ''));
  const exact = provinces.filter((p) => keys(p).includes(key));
  if (exact.length === 1) return exact[0]!;
  const compact = key.replace(/ /g, '');
  const loose = provinces.filter((p) =>
    keys(p).some((k) => k.replace(/ /g, '') === compact || k.startsWith(key) || ` ${k} `.includes(` ${key} `)),
  );
  if (loose.length === 1) return loose[0]!;
  const candidates = (loose.length > 0 ? loose : exact).map((p) => p.nameVi).join(', ');
  throw new InputError(
    candidates ? `"${query}" matches several provinces: ${candidates}` : `no province matches "${query}"`,
    { path: ['province'] },
  );
}
