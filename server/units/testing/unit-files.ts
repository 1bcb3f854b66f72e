/**
 * Test helpers: copies of the shipped units directory with one fault planted, to check that importers
 * name file, row and column and change nothing. (Excluded from the build: lives under testing/.)
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedUnitsDir, UNIT_FILES, type UnitFileRole } from '../../io/units-csv.js';

/** A temporary copy of data/vn-admin. */
export function copyUnitsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openpapi-units-'));
  cpSync(shippedUnitsDir(), dir, { recursive: true });
  return dir;
}

/** CRLF lines of one file of a units directory, split into cells (the shipped files have no quotes). */
export function readCells(dir: string, role: UnitFileRole): string[][] {
  return readFileSync(join(dir, UNIT_FILES[role]), 'utf8')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

export function writeCells(dir: string, role: UnitFileRole, rows: string[][]): void {
  writeFileSync(join(dir, UNIT_FILES[role]), `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
}

/** Edits cells of one file; `row` is 1-based as in error messages (1 = header). */
export function editCells(dir: string, role: UnitFileRole, edit: (rows: string[][]) => void): void {
  const rows = readCells(dir, role);
  edit(rows);
  writeCells(dir, role, rows);
}

/** Index of a column in a file's header. */
export function columnIndex(dir: string, role: UnitFileRole, column: string): number {
  const i = readCells(dir, role)[0]!.indexOf(column);
  if (i < 0) throw new Error(`no column ${column} in ${role}`);
  return i;
}

/** One planted fault per case the importer must reject, with where it must say the fault is. */
export interface FaultCase {
  name: string;
  plant(dir: string): void;
  expect: { file: string; row: number; column?: string; message: RegExp };
}

const set = (role: UnitFileRole, row: number, column: string, value: string) => (dir: string) => {
  const c = columnIndex(dir, role, column);
  editCells(dir, role, (rows) => {
    rows[row - 1]![c] = value;
  });
};

export const FAULT_CASES: FaultCase[] = [
  {
    name: 'missing column',
    plant: (dir) => {
      const c = columnIndex(dir, 'communes', 'name_en');
      editCells(dir, 'communes', (rows) => {
        for (const r of rows) r.splice(c, 1);
      });
    },
    expect: { file: UNIT_FILES.communes, row: 1, column: 'name_en', message: /missing column "name_en"/ },
  },
  {
    name: 'wrong header',
    plant: set('provinces2025', 1, 'code', 'ma_tinh'),
    expect: { file: UNIT_FILES.provinces2025, row: 1, column: 'ma_tinh', message: /unexpected column "ma_tinh"/ },
  },
  {
    name: 'empty code',
    plant: set('communes', 5, 'code', ''),
    expect: { file: UNIT_FILES.communes, row: 5, column: 'code', message: /code is empty/ },
  },
  {
    name: 'code of wrong length (leading zero lost, as Excel does)',
    plant: set('communes', 2, 'code', '4'),
    expect: { file: UNIT_FILES.communes, row: 2, column: 'code', message: /exactly 5 digits/ },
  },
  {
    name: 'code with non-digits',
    plant: set('provinces2008', 3, 'old_code', 'HG'),
    expect: { file: UNIT_FILES.provinces2008, row: 3, column: 'old_code', message: /exactly 2 digits/ },
  },
  {
    name: 'duplicate code',
    plant: (dir) => {
      const c = columnIndex(dir, 'communes', 'code');
      editCells(dir, 'communes', (rows) => {
        rows[99]![c] = rows[1]![c]!;
      });
    },
    expect: {
      file: UNIT_FILES.communes,
      row: 100,
      column: 'code',
      message: /duplicate code "00004" \(first seen on row 2\)/,
    },
  },
  {
    name: 'commune whose province_code is unknown',
    plant: set('communes', 40, 'province_code', '99'),
    expect: {
      file: UNIT_FILES.communes,
      row: 40,
      column: 'province_code',
      message: /province_code "99" is not a province/,
    },
  },
  {
    name: 'crosswalk to an unknown province',
    plant: set('crosswalk', 7, 'new_code', '03'),
    expect: { file: UNIT_FILES.crosswalk, row: 7, column: 'new_code', message: /new_code "03" is not a province/ },
  },
  {
    name: 'unknown unit type',
    plant: set('communes', 12, 'unit_type', 'Huyện'),
    expect: { file: UNIT_FILES.communes, row: 12, column: 'unit_type', message: /unknown unit type "Huyện"/ },
  },
  {
    name: 'a row with a cell too many',
    plant: (dir) =>
      editCells(dir, 'provinces2008', (rows) => {
        rows[9]!.push('extra');
      }),
    expect: { file: UNIT_FILES.provinces2008, row: 10, message: /malformed CSV/ },
  },
  {
    name: 'non-UTF-8 bytes (a Windows-1258 export)',
    plant: (dir) => {
      const path = join(dir, UNIT_FILES.communes);
      const bytes = readFileSync(path);
      // Row 7 is "00091,Phú Thượng,…": replace the UTF-8 "ú" (C3 BA) by the single Windows-1258 byte FA.
      let lineStart = 0;
      for (let line = 1; line < 7; line++) lineStart = bytes.indexOf(0x0a, lineStart) + 1;
      const at = bytes.indexOf(Buffer.from('ú'), lineStart);
      writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xfa]), bytes.subarray(at + 2)]));
    },
    expect: { file: UNIT_FILES.communes, row: 7, column: 'name', message: /not valid UTF-8/ },
  },
];
