/** Who does a write: a signed-in user, or the system itself (CLI import, demo seeding, jobs). */
export type Actor = { kind: 'user'; userId: string; username: string } | { kind: 'system'; name: string };

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : `system:${actor.name}`;
}
