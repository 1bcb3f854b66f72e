/**
 * Who may see a citizen's identity (name, phone, e-mail, address) and attachment names.
 *
 * - Denunciation (tố cáo): ONLY the assigned handling officer (Luật Tố cáo 2018 Đ.47: the denouncer's
 *   identity is kept confidential). Not other officers of the unit, not the province, not system admins,
 *   never public, never in exports.
 * - Feedback and complaints: officers who may read the item (its unit in their reach); never public.
 *
 * Every read of `feedback_contact` goes through `readableContact`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Principal } from '../policies/principal.js';
import type { ContactDto } from './dto.js';

export interface ConfidentialityFacts {
  track: string;
  handler_user_id: string | null;
}

/** The caller may see identity data of this item (the caller already may read the item). */
export function mayReadIdentity(principal: Principal | null, item: ConfidentialityFacts): boolean {
  if (!principal) return false;
  if (item.track === 'denunciation') return item.handler_user_id !== null && item.handler_user_id === principal.userId;
  return true;
}

/** The contact, or null when the caller may not see it (or there is none). */
export async function readableContact(
  db: Kysely<Database>,
  principal: Principal | null,
  item: ConfidentialityFacts & { id: string },
): Promise<ContactDto | null> {
  if (!mayReadIdentity(principal, item)) return null;
  const row = await db
    .selectFrom('feedback_contact')
    .select(['name', 'phone', 'email', 'address'])
    .where('feedback_id', '=', item.id)
    .executeTakeFirst();
  if (!row || (!row.name && !row.phone && !row.email && !row.address)) return null;
  return row;
}
