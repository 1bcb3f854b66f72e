/**
 * The life cycles of inspection work (kiểm tra), as explicit state machines: an event is allowed from some
 * states only, and anything else is an InvalidTransition (the API answers 409 naming what is allowed).
 *
 *   plan (kế hoạch kiểm tra):   draft → approved → completed;  draft|approved → cancelled
 *   inspection (cuộc kiểm tra): planned → in_progress → concluded → closed;  planned → cancelled
 *   finding (tồn tại, hạn chế): open → remediated → closed;  remediated → open (not accepted on re-inspection)
 *   action (biện pháp khắc phục): open → done;  done → open (reopened)
 */

export const PLAN_STATUSES = ['draft', 'approved', 'completed', 'cancelled'] as const;
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'concluded', 'closed', 'cancelled'] as const;
export const FINDING_STATUSES = ['open', 'remediated', 'closed'] as const;
export const ACTION_STATUSES = ['open', 'done'] as const;

export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];

type Machine<S extends string, E extends string> = Record<E, { from: readonly S[]; to: S }>;

export const PLAN_MACHINE = {
  approve: { from: ['draft'], to: 'approved' },
  complete: { from: ['approved'], to: 'completed' },
  cancel: { from: ['draft', 'approved'], to: 'cancelled' },
} as const satisfies Machine<PlanStatus, string>;

export const INSPECTION_MACHINE = {
  start: { from: ['planned'], to: 'in_progress' },
  conclude: { from: ['in_progress'], to: 'concluded' },
  close: { from: ['concluded'], to: 'closed' },
  cancel: { from: ['planned'], to: 'cancelled' },
} as const satisfies Machine<InspectionStatus, string>;

export const FINDING_MACHINE = {
  remediate: { from: ['open'], to: 'remediated' },
  close: { from: ['remediated'], to: 'closed' },
  reopen: { from: ['remediated'], to: 'open' },
} as const satisfies Machine<FindingStatus, string>;

export const ACTION_MACHINE = {
  complete: { from: ['open'], to: 'done' },
  reopen: { from: ['done'], to: 'open' },
} as const satisfies Machine<ActionStatus, string>;

export type PlanEvent = keyof typeof PLAN_MACHINE;
export type InspectionEvent = keyof typeof INSPECTION_MACHINE;
export type FindingEvent = keyof typeof FINDING_MACHINE;
export type ActionEvent = keyof typeof ACTION_MACHINE;

/** An event that is not allowed from the current state, or a guard that is not met. */
export class InvalidTransition extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly event: string,
    /** Events allowed from `from`. */
    readonly allowed: string[],
    reason?: string,
  ) {
    super(
      reason ??
        `Cannot ${event} a ${entity} that is ${from}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no further steps)'}`,
    );
    this.name = 'InvalidTransition';
  }
}

function step<S extends string, E extends string>(
  entity: string,
  machine: Record<E, { from: readonly S[]; to: S }>,
  from: S,
  event: E,
): S {
  const rule = machine[event];
  const allowed = (Object.keys(machine) as E[]).filter((e) => machine[e].from.includes(from));
  if (!rule?.from.includes(from)) throw new InvalidTransition(entity, from, event, allowed);
  return rule.to;
}

export const eventsFrom = <S extends string, E extends string>(
  machine: Record<E, { from: readonly S[]; to: S }>,
  from: S,
): E[] => (Object.keys(machine) as E[]).filter((e) => machine[e].from.includes(from));

export const planStep = (from: PlanStatus, event: PlanEvent): PlanStatus => step('plan', PLAN_MACHINE, from, event);

export const inspectionStep = (from: InspectionStatus, event: InspectionEvent): InspectionStatus =>
  step('inspection', INSPECTION_MACHINE, from, event);

/**
 * A finding is remediated only when it has at least one action and every action is done; closed by the
 * inspecting unit after checking (at re-inspection or on the evidence).
 */
export function findingStep(
  from: FindingStatus,
  event: FindingEvent,
  actions: readonly { status: ActionStatus }[],
): FindingStatus {
  const to = step('finding', FINDING_MACHINE, from, event);
  if (event === 'remediate') {
    if (actions.length === 0) {
      throw new InvalidTransition(
        'finding',
        from,
        event,
        eventsFrom(FINDING_MACHINE, from),
        'A finding needs at least one remediation action before it can be marked remediated',
      );
    }
    const open = actions.filter((a) => a.status !== 'done').length;
    if (open > 0) {
      throw new InvalidTransition(
        'finding',
        from,
        event,
        eventsFrom(FINDING_MACHINE, from),
        `${open} remediation action(s) are not done yet`,
      );
    }
  }
  return to;
}

export const actionStep = (from: ActionStatus, event: ActionEvent): ActionStatus =>
  step('action', ACTION_MACHINE, from, event);

/** Closing an inspection needs every finding closed. */
export function assertInspectionClosable(findings: readonly { status: FindingStatus }[]): void {
  const open = findings.filter((f) => f.status !== 'closed').length;
  if (open > 0) {
    throw new InvalidTransition('inspection', 'concluded', 'close', ['close'], `${open} finding(s) are not closed yet`);
  }
}
