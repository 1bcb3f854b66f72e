/**
 * `units import`: loads or refreshes the official units of government from a units directory
 * (default data/vn-admin). All four files are validated first; then everything is written in ONE
 * transaction, so a bad file changes nothing. Idempotent: rows equal to the files are not touched and
 * get no audit row; a changed name updates that row with an audit entry (before/after). Units in the
 * database but absent from the files are left alone (counted in `notInFiles`).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { recordAudit, recordAudits } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { readUnitFiles, shippedUnitsDir } from '../io/units-csv.js';
import { presentCrosswalk, presentUnit } from '../presenters/unit.js';
import { buildUnitRecords } from '../units/records.js';
import { insertUnitRows, unitChanged, writeUnitChange } from '../units/repository.js';
import type { CrosswalkRow, UnitRow } from '../units/types.js';

export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface UnitsImportResult {
  dir: string;
  units: ChangeCounts;
  crosswalk: ChangeCounts;
  /** Official units (vn2008/vn2025) stored but absent from the files; never deleted by an import. */
  notInFiles: number;
  /** Wall time of the whole import, reading files included. */
  ms: number;
}

const crosswalkKey = (c: CrosswalkRow) => `${c.from_unit_id}->${c.to_unit_id}@${c.effective_date}`;

export async function importUnits(
  db: Kysely<Database>,
  actor: Actor,
  options: { dir?: string } = {},
): Promise<UnitsImportResult> {
  const started = performance.now();
  const dir = options.dir ?? shippedUnitsDir();
  // Validate everything before the first write.
  const desired = buildUnitRecords(await readUnitFiles(dir));
  const systems = [...new Set(desired.units.map((u) => u.code_system))];

  const result = await inTransaction(db, async (tx) => {
    const units: ChangeCounts = { created: 0, updated: 0, unchanged: 0 };
    const crosswalk: ChangeCounts = { created: 0, updated: 0, unchanged: 0 };
    const stored = new Map(
      (await tx.selectFrom('unit').selectAll().where('code_system', 'in', systems).execute()).map((u) => [u.id, u]),
    );
    const now = nowIso();

    const fresh: UnitRow[] = [];
    const changed: [UnitRow, UnitRow][] = [];
    for (const d of desired.units) {
      const before = stored.get(d.id);
      if (!before) fresh.push({ ...d, created_at: now, updated_at: now });
      else if (unitChanged(before, d)) changed.push([before, { ...before, ...d }]);
      else units.unchanged++;
    }
    await insertUnitRows(tx, fresh);
    await recordAudits(
      tx,
      actor,
      fresh.map((row) => ({
        action: 'create',
        entityType: 'unit',
        entityId: row.id,
        unitId: row.id,
        after: presentUnit(row),
      })),
    );
    units.created = fresh.length;
    // Parents first, so a commune that moved finds its new province's path already final.
    changed.sort((a, b) => a[1].level - b[1].level);
    for (const [before, next] of changed) {
      await writeUnitChange(tx, actor, before, next);
      units.updated++;
    }
    const desiredIds = new Set(desired.units.map((u) => u.id));
    const notInFiles = [...stored.keys()].filter((id) => !desiredIds.has(id)).length;

    const storedCrosswalk = new Map(
      (await tx.selectFrom('unit_crosswalk').selectAll().execute()).map((c) => [crosswalkKey(c), c]),
    );
    const newLinks: CrosswalkRow[] = [];
    for (const c of desired.crosswalk) {
      const before = storedCrosswalk.get(crosswalkKey(c));
      if (!before) {
        newLinks.push(c);
      } else if (before.kind !== c.kind || before.code_reused !== c.code_reused) {
        await tx
          .updateTable('unit_crosswalk')
          .set({ kind: c.kind, code_reused: c.code_reused })
          .where('from_unit_id', '=', c.from_unit_id)
          .where('to_unit_id', '=', c.to_unit_id)
          .where('effective_date', '=', c.effective_date)
          .execute();
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'unit_crosswalk',
          entityId: crosswalkKey(c),
          unitId: c.to_unit_id,
          before: presentCrosswalk(before),
          after: presentCrosswalk(c),
        });
        crosswalk.updated++;
      } else {
        crosswalk.unchanged++;
      }
    }
    if (newLinks.length > 0) await tx.insertInto('unit_crosswalk').values(newLinks).execute();
    await recordAudits(
      tx,
      actor,
      newLinks.map((c) => ({
        action: 'create',
        entityType: 'unit_crosswalk',
        entityId: crosswalkKey(c),
        unitId: c.to_unit_id,
        after: presentCrosswalk(c),
      })),
    );
    crosswalk.created = newLinks.length;
    return { units, crosswalk, notInFiles };
  });
  return { dir, ...result, ms: performance.now() - started };
}
