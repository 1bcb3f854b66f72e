/**
 * `openpapi units import|list|show`: load the units of government (data/vn-admin) and look them up
 * from the command line, on the same database the server uses (DATABASE_URL or var/data by default).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../../server/audit/actor.js';
import { importUnits } from '../../server/commands/unitsImporter.js';
import { loadConfig } from '../../server/config.js';
import { type DbHandle, openDatabase } from '../../server/db/connection.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { todayIso } from '../../server/db/time.js';
import { presentCrosswalk, presentUnit, type UnitDto } from '../../server/presenters/unit.js';
import { countChildren, findAncestors, findUnit, listCrosswalk, listUnits } from '../../server/units/repository.js';
import { isUnitType, UNIT_TYPES, type UnitType } from '../../server/units/types.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Opens and migrates the database named by --database, or the configured one. */
export async function openCliDatabase(url: string | undefined): Promise<DbHandle> {
  const handle = openDatabase(url ?? loadConfig().databaseUrl);
  await migrateToLatest(handle);
  return handle;
}

async function withDatabase<T>(url: string | undefined, work: (h: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openCliDatabase(url);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const AsOf = z.iso.date();
function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayIso();
  if (!AsOf.safeParse(value).success) throw new InputError(`--as-of must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

function parseTypes(value: string | undefined): UnitType[] | undefined {
  if (value === undefined) return undefined;
  const types = value.split(',').map((t) => t.trim());
  const bad = types.find((t) => !isUnitType(t));
  if (bad !== undefined) throw new InputError(`--type "${bad}" is not one of ${UNIT_TYPES.join(', ')}`);
  return types as UnitType[];
}

function parseCount(flag: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`${flag} must be a whole number, got "${value}"`);
  return n;
}

/** Validity as one short text: "2025-07-01 →", "→ 2025-06-30", "always". */
const validity = (u: UnitDto) =>
  u.validFrom || u.validTo ? `${u.validFrom ?? ''} → ${u.validTo ?? ''}`.trim() : 'always';

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  for (const r of rows)
    out(
      r
        .map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length))
        .join('  ')
        .trimEnd(),
    );
}

export function registerUnits(program: Command): void {
  const units = program.command('units').description('Units of government (đơn vị hành chính): import, list, show');

  units
    .command('import')
    .description('Load or refresh the 63 + 34 provinces, 3,321 communes and the 2025 crosswalk (idempotent)')
    .option('--dir <dir>', 'directory with the four CSV files (default: the shipped data/vn-admin)')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .action(async (opts: { dir?: string; database?: string }) => {
      const r = await withDatabase(opts.database, (h) =>
        importUnits(h.db, systemActor('units-import'), { dir: opts.dir }),
      );
      out(`units: ${r.units.created} created, ${r.units.updated} updated, ${r.units.unchanged} unchanged`);
      out(
        `crosswalk: ${r.crosswalk.created} created, ${r.crosswalk.updated} updated, ${r.crosswalk.unchanged} unchanged`,
      );
      if (r.notInFiles > 0) out(`note: ${r.notInFiles} official unit(s) in the database are not in the files (kept)`);
      out(`from ${r.dir} in ${Math.round(r.ms)} ms`);
    });

  units
    .command('list')
    .description('List or search units as of a date, in Vietnamese order (search ignores diacritics and case)')
    .option('--as-of <date>', 'only units existing on this day, YYYY-MM-DD (default: today)')
    .option('--type <types>', `comma-separated: ${UNIT_TYPES.join(', ')} (province/commune include their whole level)`)
    .option('-q, --q <words>', 'search words, e.g. "ha noi"')
    .option('--parent <id>', 'only direct children of this unit')
    .option('--level <n>', 'only this level (1 = province)')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--offset <n>', 'skip this many')
    .option('--json', 'print JSON instead of a table')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .action(
      async (opts: {
        asOf?: string;
        type?: string;
        q?: string;
        parent?: string;
        level?: string;
        limit?: string;
        offset?: string;
        json?: boolean;
        database?: string;
      }) => {
        const asOf = parseAsOf(opts.asOf);
        const query = {
          asOf,
          q: opts.q,
          types: parseTypes(opts.type),
          parentId: opts.parent,
          level: parseCount('--level', opts.level, undefined),
          limit: parseCount('--limit', opts.limit, 100),
          offset: parseCount('--offset', opts.offset, 0),
        };
        const { rows, total } = await withDatabase(opts.database, (h) => listUnits(h.db, query));
        const items = rows.map(presentUnit);
        if (opts.json) {
          out(JSON.stringify({ items, total, asOf }, null, 2));
          return;
        }
        if (items.length > 0) {
          printTable([
            ['ID', 'TYPE', 'NAME', 'ENGLISH', 'VALID'],
            ...items.map((u) => [u.id, u.unitType, u.fullNameVi, u.nameEn, validity(u)]),
          ]);
        }
        out(`${items.length} of ${total} unit(s) as of ${asOf}`);
      },
    );

  units
    .command('show')
    .description('One unit: names, type, validity, ancestors, children count and crosswalk')
    .argument('<id>', 'unit id, e.g. vn2025:33 or vn2008:34')
    .option('--as-of <date>', 'count children existing on this day (default: today)')
    .option('--json', 'print JSON')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .action(async (id: string, opts: { asOf?: string; json?: boolean; database?: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const shown = await withDatabase(opts.database, async (h) => {
        const unit = await findUnit(h.db, id);
        if (!unit) return undefined;
        const [ancestors, childCount, from, to] = await Promise.all([
          findAncestors(h.db, unit),
          countChildren(h.db, id, asOf),
          listCrosswalk(h.db, { from: id }),
          listCrosswalk(h.db, { to: id }),
        ]);
        return {
          ...presentUnit(unit),
          ancestors: ancestors.map(presentUnit),
          childCount,
          crosswalk: [...from, ...to].map(presentCrosswalk),
        };
      });
      if (!shown) throw new InputError(`no unit with id "${id}" (ids look like vn2025:33, vn2008:34)`, {}, 'not_found');
      if (opts.json) {
        out(JSON.stringify(shown, null, 2));
        return;
      }
      out(`${shown.fullNameVi} (${shown.fullNameEn})`);
      out(`  id          ${shown.id}  (${shown.codeSystem} code ${shown.code})`);
      out(`  type        ${shown.unitType}, level ${shown.level}`);
      out(`  valid       ${validity(shown)}`);
      out(`  within      ${shown.ancestors.map((a) => a.fullNameVi).join(' › ') || '—'}`);
      out(`  children    ${shown.childCount} as of ${asOf}`);
      for (const c of shown.crosswalk) {
        const other = c.fromUnitId === shown.id ? `→ ${c.toUnitId}` : `← ${c.fromUnitId}`;
        out(`  crosswalk   ${other} from ${c.effectiveDate} (${c.kind}${c.codeReused ? ', code kept' : ''})`);
      }
    });
}
