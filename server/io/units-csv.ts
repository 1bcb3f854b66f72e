/**
 * Reads the shipped units of government (data/vn-admin, see its SOURCE.md): four UTF-8 CSV files with
 * CRLF line ends whose codes are strings with leading zeros. Everything is validated before anything is
 * returned — encoding, header, every cell (zod), then the references between files — and the first fault
 * is thrown as an InputError naming file, row (header = row 1) and column.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { normalizeVietnamese } from '../../core/text/fold.js';
import type { UnitType } from '../units/types.js';

/** The four files of a units directory, by role. */
export const UNIT_FILES = {
  provinces2008: 'provinces_63_old.csv',
  provinces2025: 'provinces_34.csv',
  communes: 'communes_3321.csv',
  crosswalk: 'province_mapping_old_to_new.csv',
} as const;
export type UnitFileRole = keyof typeof UNIT_FILES;

/** data/vn-admin shipped with the package, found from source (server/io) or compiled (dist/server/io). */
export function shippedUnitsDir(): string {
  for (const rel of ['../../data/vn-admin', '../../../data/vn-admin']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, UNIT_FILES.provinces2025))) return dir;
  }
  return fileURLToPath(new URL('../../data/vn-admin', import.meta.url));
}

/** A province of the 63-province map (valid until 2025-06-30). */
export interface OldProvinceRecord {
  row: number;
  code: string;
  name: string;
  fullName: string;
  unitType: UnitType;
  /** Code of the 2025 province it went into. */
  newCode: string;
}

/** A province-level unit of the 34-province map (valid from 2025-07-01). */
export interface ProvinceRecord {
  row: number;
  code: string;
  name: string;
  /** Current full name and type (Đồng Nai became "Thành phố Đồng Nai" on 2026-04-30). */
  fullName: string;
  unitType: UnitType;
  nameEn: string;
  fullNameEn: string;
}

/** A commune-level unit (xã, phường, đặc khu) of the 2025 map. */
export interface CommuneRecord {
  row: number;
  code: string;
  name: string;
  fullName: string;
  unitType: UnitType;
  provinceCode: string;
  nameEn: string;
  fullNameEn: string;
}

/** Old province → new province (sáp nhập). */
export interface CrosswalkRecord {
  row: number;
  oldCode: string;
  newCode: string;
  kind: 'full' | 'partial';
  /** The new province kept the old one's code. */
  codeReused: boolean;
}

export interface UnitFiles {
  provinces2008: OldProvinceRecord[];
  provinces2025: ProvinceRecord[];
  communes: CommuneRecord[];
  crosswalk: CrosswalkRecord[];
}

// ---- cell rules -------------------------------------------------------------------------------

const text = z
  .string()
  .transform((s) => normalizeVietnamese(s.trim()))
  .pipe(z.string().min(1, { error: 'is empty' }));

const code = (digits: number, example: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'code is empty' })
        .regex(new RegExp(`^\\d{${digits}}$`), {
          error: (issue) =>
            `code "${String(issue.input)}" must be exactly ${digits} digits, leading zeros kept (e.g. "${example}")`,
        }),
    );

function label<const K extends string>(map: Record<K, UnitType>) {
  const keys = Object.keys(map) as K[];
  return z
    .string()
    .transform((s) => normalizeVietnamese(s.trim()))
    .pipe(
      z.enum(keys as [K, ...K[]], {
        error: (issue) => `unknown unit type "${String(issue.input)}"; expected one of: ${keys.join(', ')}`,
      }),
    )
    .transform((k) => map[k]);
}

const provinceLevelType = label({ Tỉnh: 'province', 'Thành phố trực thuộc trung ương': 'centrally_run_city' });
const communeLevelType = label({ Xã: 'commune', Phường: 'ward', 'Đặc khu': 'special_zone' });
const code2 = code(2, '01');
const code5 = code(5, '00004');

const OldProvinceRow = z.object({
  old_code: code2,
  old_name: text,
  old_full_name: text,
  old_unit_type: provinceLevelType,
  new_code: code2,
  new_full_name: text,
});

const ProvinceRow = z.object({
  code: code2,
  name: text,
  full_name_2025_07_01: text,
  unit_type_2025_07_01: provinceLevelType,
  full_name_current: text,
  unit_type_current: provinceLevelType,
  name_en: text,
  full_name_en_current: text,
  merged_from_old_codes: z.string(),
  merged_from_old_names: z.string(),
});

const CommuneRow = z.object({
  code: code5,
  name: text,
  full_name: text,
  unit_type: communeLevelType,
  province_code: code2,
  name_en: text,
  full_name_en: text,
});

const CrosswalkRow = z.object({
  old_code: code2,
  old_name: text,
  new_code: code2,
  new_name: text,
  merge_type: z.enum(['full', 'partial'], { error: 'must be "full" or "partial"' }),
  old_code_reused_as_new_code: z.enum(['yes', 'no'], { error: 'must be "yes" or "no"' }),
});

// ---- generic table reading --------------------------------------------------------------------

interface Parsed<T> {
  row: number;
  value: T;
}

/** Byte offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return new TextDecoder('utf-8').decode(bytes);
  // Name the row and (counting separators naively) the column of the first bad byte.
  let row = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      row++;
      lineStart = i + 1;
    }
  }
  let commas = 0;
  for (let i = lineStart; i < bad; i++) if (bytes[i] === 0x2c) commas++;
  const firstLineEnd = bytes.indexOf(0x0a);
  const headerLine = new TextDecoder('utf-8').decode(bytes.subarray(0, firstLineEnd < 0 ? bytes.length : firstLineEnd));
  const column = headerLine.replace(/\r$/, '').split(',')[commas];
  throw new InputError(
    `not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save the file as UTF-8 CSV`,
    { file, row, column },
    'invalid_encoding',
  );
}

function readTable<S extends z.ZodObject>(bytes: Uint8Array, file: string, schema: S): Parsed<z.output<S>>[] {
  const content = decodeUtf8(bytes, file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const lines = typeof err.lines === 'number' ? err.lines : undefined;
      throw new InputError(`malformed CSV: ${err.message}`, { file, row: lines }, 'invalid_csv');
    }
    throw err;
  }
  const expected = Object.keys(schema.shape);
  const header = (records[0]?.record ?? []).map((h) => h.trim());
  if (header.length === 0) throw new InputError(`empty file; expected header ${expected.join(',')}`, { file, row: 1 });
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new InputError(`column "${h}" appears twice in the header`, { file, row: 1, column: h });
    seen.add(h);
    if (!expected.includes(h)) {
      throw new InputError(`unexpected column "${h}"; expected columns: ${expected.join(', ')}`, {
        file,
        row: 1,
        column: h,
      });
    }
  }
  for (const col of expected) {
    if (!seen.has(col)) {
      throw new InputError(`missing column "${col}"; expected columns: ${expected.join(', ')}`, {
        file,
        row: 1,
        column: col,
      });
    }
  }
  const out: Parsed<z.output<S>>[] = [];
  for (const { record, info } of records.slice(1)) {
    const cells: Record<string, string> = {};
    header.forEach((h, i) => {
      cells[h] = record[i] ?? '';
    });
    const result = schema.safeParse(cells);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const column = String(issue.path[0] ?? '');
      throw new InputError(issue.message, { file, row: info.lines, column }, 'invalid_value');
    }
    out.push({ row: info.lines, value: result.data });
  }
  return out;
}

function requireUnique<T>(rows: Parsed<T>[], key: (v: T) => string, file: string, column: string): Map<string, number> {
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const k = key(r.value);
    const prev = firstRow.get(k);
    if (prev !== undefined) {
      throw new InputError(`duplicate code "${k}" (first seen on row ${prev})`, { file, row: r.row, column });
    }
    firstRow.set(k, r.row);
  }
  return firstRow;
}

// ---- the four files ---------------------------------------------------------------------------

/** Validates the contents of the four files (already read) and returns typed records. Pure but for errors. */
export function parseUnitFiles(
  contents: Record<UnitFileRole, Uint8Array>,
  fileNames: Record<UnitFileRole, string>,
): UnitFiles {
  const f = fileNames;
  const short = (role: UnitFileRole) => basename(f[role]);
  const old = readTable(contents.provinces2008, f.provinces2008, OldProvinceRow);
  const provinces = readTable(contents.provinces2025, f.provinces2025, ProvinceRow);
  const communes = readTable(contents.communes, f.communes, CommuneRow);
  const mapping = readTable(contents.crosswalk, f.crosswalk, CrosswalkRow);

  const oldCodes = requireUnique(old, (v) => v.old_code, f.provinces2008, 'old_code');
  const newCodes = requireUnique(provinces, (v) => v.code, f.provinces2025, 'code');
  requireUnique(communes, (v) => v.code, f.communes, 'code');
  requireUnique(mapping, (v) => v.old_code, f.crosswalk, 'old_code');

  for (const r of old) {
    if (!newCodes.has(r.value.new_code)) {
      throw new InputError(`new_code "${r.value.new_code}" is not a province in ${short('provinces2025')}`, {
        file: f.provinces2008,
        row: r.row,
        column: 'new_code',
      });
    }
  }
  for (const r of communes) {
    if (!newCodes.has(r.value.province_code)) {
      throw new InputError(`province_code "${r.value.province_code}" is not a province in ${short('provinces2025')}`, {
        file: f.communes,
        row: r.row,
        column: 'province_code',
      });
    }
  }
  const oldNewCode = new Map(old.map((r) => [r.value.old_code, r.value.new_code]));
  for (const r of mapping) {
    const m = r.value;
    if (!oldCodes.has(m.old_code)) {
      throw new InputError(`old_code "${m.old_code}" is not a province in ${short('provinces2008')}`, {
        file: f.crosswalk,
        row: r.row,
        column: 'old_code',
      });
    }
    if (!newCodes.has(m.new_code)) {
      throw new InputError(`new_code "${m.new_code}" is not a province in ${short('provinces2025')}`, {
        file: f.crosswalk,
        row: r.row,
        column: 'new_code',
      });
    }
    if (oldNewCode.get(m.old_code) !== m.new_code) {
      throw new InputError(
        `new_code "${m.new_code}" disagrees with ${short('provinces2008')}, which maps ${m.old_code} to "${oldNewCode.get(m.old_code)}"`,
        { file: f.crosswalk, row: r.row, column: 'new_code' },
      );
    }
    if (m.old_code_reused_as_new_code === 'yes' && m.old_code !== m.new_code) {
      throw new InputError(`says the code was reused but old_code ${m.old_code} ≠ new_code ${m.new_code}`, {
        file: f.crosswalk,
        row: r.row,
        column: 'old_code_reused_as_new_code',
      });
    }
  }
  const mapped = new Set(mapping.map((r) => r.value.old_code));
  for (const r of old) {
    if (!mapped.has(r.value.old_code)) {
      throw new InputError(`old province "${r.value.old_code}" has no row in ${short('crosswalk')}`, {
        file: f.provinces2008,
        row: r.row,
        column: 'old_code',
      });
    }
  }

  return {
    provinces2008: old.map(({ row, value: v }) => ({
      row,
      code: v.old_code,
      name: v.old_name,
      fullName: v.old_full_name,
      unitType: v.old_unit_type,
      newCode: v.new_code,
    })),
    provinces2025: provinces.map(({ row, value: v }) => ({
      row,
      code: v.code,
      name: v.name,
      fullName: v.full_name_current,
      unitType: v.unit_type_current,
      nameEn: v.name_en,
      fullNameEn: v.full_name_en_current,
    })),
    communes: communes.map(({ row, value: v }) => ({
      row,
      code: v.code,
      name: v.name,
      fullName: v.full_name,
      unitType: v.unit_type,
      provinceCode: v.province_code,
      nameEn: v.name_en,
      fullNameEn: v.full_name_en,
    })),
    crosswalk: mapping.map(({ row, value: v }) => ({
      row,
      oldCode: v.old_code,
      newCode: v.new_code,
      kind: v.merge_type,
      codeReused: v.old_code_reused_as_new_code === 'yes',
    })),
  };
}

/** Reads and validates a units directory (default: the shipped data/vn-admin). */
export async function readUnitFiles(dir: string = shippedUnitsDir()): Promise<UnitFiles> {
  const roles = Object.keys(UNIT_FILES) as UnitFileRole[];
  const fileNames = Object.fromEntries(roles.map((r) => [r, join(dir, UNIT_FILES[r])])) as Record<UnitFileRole, string>;
  const contents = {} as Record<UnitFileRole, Uint8Array>;
  for (const role of roles) {
    try {
      contents[role] = await readFile(fileNames[role]);
    } catch (err) {
      const reason = err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'file not found' : String(err);
      throw new InputError(reason, { file: fileNames[role] }, 'file_not_found');
    }
  }
  return parseUnitFiles(contents, fileNames);
}
