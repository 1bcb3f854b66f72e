import { rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { copyUnitsDir, FAULT_CASES } from '../units/testing/unit-files.js';
import { firstInvalidUtf8, readUnitFiles, UNIT_FILES } from './units-csv.js';

const dirs: string[] = [];
const tempCopy = () => {
  const d = copyUnitsDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function inputErrorOf(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`);
  return err;
}

describe('readUnitFiles on the shipped data/vn-admin', () => {
  it('reads 63 old provinces, 34 provinces, 3,321 communes and 63 crosswalk rows', async () => {
    const f = await readUnitFiles();
    expect(f.provinces2008).toHaveLength(63);
    expect(f.provinces2025).toHaveLength(34);
    expect(f.communes).toHaveLength(3321);
    expect(f.crosswalk).toHaveLength(63);
  });

  it('keeps codes as strings with their leading zeros and maps unit types', async () => {
    const f = await readUnitFiles();
    expect(f.communes[0]).toEqual({
      row: 2,
      code: '00004',
      name: 'Ba Đình',
      fullName: 'Phường Ba Đình',
      unitType: 'ward',
      provinceCode: '01',
      nameEn: 'Ba Dinh',
      fullNameEn: 'Ba Dinh Ward',
    });
    const counts = { commune: 0, ward: 0, special_zone: 0 } as Record<string, number>;
    for (const c of f.communes) counts[c.unitType] = (counts[c.unitType] ?? 0) + 1;
    expect(counts).toEqual({ commune: 2611, ward: 697, special_zone: 13 });
  });

  it('uses the current status of provinces (Đồng Nai: centrally-run city since 2026-04-30)', async () => {
    const f = await readUnitFiles();
    const dongNai = f.provinces2025.find((p) => p.code === '75')!;
    expect(dongNai).toMatchObject({ fullName: 'Thành phố Đồng Nai', unitType: 'centrally_run_city' });
    expect(f.provinces2025.filter((p) => p.unitType === 'centrally_run_city')).toHaveLength(7);
  });

  it('normalises names to NFC', async () => {
    const f = await readUnitFiles();
    for (const c of f.communes) expect(c.name).toBe(c.name.normalize('NFC'));
  });
});

describe('readUnitFiles rejects malformed files with file, row and column', () => {
  it.each(FAULT_CASES)('$name', async ({ plant, expect: where }) => {
    const dir = tempCopy();
    plant(dir);
    const err = await inputErrorOf(readUnitFiles(dir));
    expect(err.location.file).toBe(join(dir, where.file));
    expect(err.location.row).toBe(where.row);
    if (where.column) expect(err.location.column).toBe(where.column);
    expect(err.message).toMatch(where.message);
    // The one-line form the CLI prints.
    expect(err.toString()).toContain(`${where.file}, row ${where.row}`);
  });

  it('names a missing file', async () => {
    const dir = tempCopy();
    unlinkSync(join(dir, UNIT_FILES.crosswalk));
    const err = await inputErrorOf(readUnitFiles(dir));
    expect(err.location.file).toBe(join(dir, UNIT_FILES.crosswalk));
    expect(err.message).toBe('file not found');
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x41, 0x42], -1],
    [[...Buffer.from('Hà Nội')], -1],
    [[0x41, 0xe0, 0x41], 1], // Latin-1 "à" alone
    [[0xc0, 0x80], 0], // overlong NUL
    [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
    [[0xf0, 0x9f, 0x98], 0], // truncated 4-byte sequence
    [[0xf0, 0x9f, 0x98, 0x80], -1], // 😀
    [[0xff, 0xfe, 0x41, 0x00], 0], // UTF-16 BOM
  ])('%j → %i', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
    // Cross-check against the platform's strict decoder.
    let strictOk = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      strictOk = false;
    }
    expect(strictOk).toBe(expected === -1);
  });
});
