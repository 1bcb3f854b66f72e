/**
 * Renaming or closing (validTo) a department or office. Official units (vn2008, vn2025) change only
 * through the units import: refused here as well as in the policies. Audit row from updateUnit.
 */
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { forbidden, notFound } from '../http/errors.js';
import { findUnit, updateUnit } from '../units/repository.js';
import type { UnitRow } from '../units/types.js';

export interface LocalUnitPatch {
  nameVi?: string;
  nameEn?: string;
  /** Last day the unit exists (YYYY-MM-DD), or null to reopen it. */
  validTo?: string | null;
}

export async function updateLocalUnit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  patch: LocalUnitPatch,
): Promise<UnitRow> {
  if (patch.nameVi !== undefined && !patch.nameVi.trim()) {
    throw new InputError('Vietnamese name is required', { path: ['nameVi'] }, 'name_required');
  }
  if (patch.nameEn !== undefined && !patch.nameEn.trim()) {
    throw new InputError('English name is required', { path: ['nameEn'] }, 'name_required');
  }
  return inTransaction(db, async (tx) => {
    const unit = await findUnit(tx, id);
    if (!unit) throw notFound('Unit');
    if (unit.code_system !== 'local') throw forbidden('Official units change only through the units import');
    if (patch.validTo && unit.valid_from && patch.validTo < unit.valid_from) {
      throw new InputError('validTo is before validFrom', { path: ['validTo'] }, 'invalid_dates');
    }
    // A department's full name is its name: keep them together when renamed.
    return updateUnit(tx, actor, id, {
      ...(patch.nameVi === undefined ? {} : { nameVi: patch.nameVi, fullNameVi: patch.nameVi }),
      ...(patch.nameEn === undefined ? {} : { nameEn: patch.nameEn, fullNameEn: patch.nameEn }),
      ...(patch.validTo === undefined ? {} : { validTo: patch.validTo }),
    });
  });
}
