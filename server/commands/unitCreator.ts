/**
 * Creating a department or office (sở, ban, phòng, văn phòng) under a unit: a `local:<uuid>` unit whose
 * path and level follow its parent. The insert and its audit row come from server/units/repository.ts.
 * Authorisation (the parent must be in the caller's reach) is the route's job.
 */
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import type { Database } from '../db/schema.js';
import { todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { findUnit, insertUnit } from '../units/repository.js';
import type { UnitRow } from '../units/types.js';

export const LOCAL_UNIT_TYPES = ['department', 'office'] as const;
export type LocalUnitType = (typeof LOCAL_UNIT_TYPES)[number];

export interface CreateLocalUnitInput {
  parentId: string;
  nameVi: string;
  nameEn: string;
  unitType: LocalUnitType;
  /** Optional code of the organisation's own; unique among local units. Defaults to the uuid. */
  code?: string;
}

export async function createLocalUnit(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateLocalUnitInput,
): Promise<UnitRow> {
  const nameVi = input.nameVi.trim();
  const nameEn = input.nameEn.trim();
  if (!nameVi) throw new InputError('Vietnamese name is required', { path: ['nameVi'] }, 'name_required');
  if (!nameEn) throw new InputError('English name is required', { path: ['nameEn'] }, 'name_required');
  const code = input.code?.trim() || undefined;
  return inTransaction(db, async (tx) => {
    const parent = await findUnit(tx, input.parentId);
    if (!parent) {
      throw new InputError(`Parent unit ${input.parentId} does not exist`, { path: ['parentId'] }, 'unknown_parent');
    }
    if (parent.valid_to !== null && parent.valid_to < todayIso()) {
      throw new InputError(
        `Parent unit ${parent.id} ceased to exist on ${parent.valid_to}`,
        { path: ['parentId'] },
        'parent_not_valid',
      );
    }
    return insertUnit(tx, actor, {
      codeSystem: 'local',
      code,
      nameVi,
      nameEn,
      unitType: input.unitType,
      parentId: parent.id,
    });
  });
}
