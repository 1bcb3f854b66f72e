import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseFramework } from '../index/framework.js';
import {
  actionStep,
  assertInspectionClosable,
  findingStep,
  InvalidTransition,
  inspectionStep,
  planStep,
  remediationBoard,
  timeliness,
  validatePapiTag,
} from './index.js';

describe('state machines', () => {
  it('plans and inspections go forward only, with the allowed events named', () => {
    expect(planStep('draft', 'approve')).toBe('approved');
    expect(planStep('approved', 'complete')).toBe('completed');
    expect(() => planStep('completed', 'cancel')).toThrow(InvalidTransition);
    expect(inspectionStep('planned', 'start')).toBe('in_progress');
    expect(inspectionStep('in_progress', 'conclude')).toBe('concluded');
    try {
      inspectionStep('planned', 'close');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidTransition);
      expect((e as InvalidTransition).allowed).toEqual(['start', 'cancel']);
      expect((e as Error).message).toBe('Cannot close a inspection that is planned (allowed: start, cancel)');
    }
  });

  it('a finding is remediated only with every action done, closed only after remediated', () => {
    expect(() => findingStep('open', 'remediate', [])).toThrow(/at least one remediation action/);
    expect(() => findingStep('open', 'remediate', [{ status: 'done' }, { status: 'open' }])).toThrow(
      /1 remediation action/,
    );
    expect(findingStep('open', 'remediate', [{ status: 'done' }])).toBe('remediated');
    expect(() => findingStep('open', 'close', [{ status: 'done' }])).toThrow(InvalidTransition);
    expect(findingStep('remediated', 'close', [{ status: 'done' }])).toBe('closed');
    expect(findingStep('remediated', 'reopen', [{ status: 'done' }])).toBe('open');
    expect(actionStep('open', 'complete')).toBe('done');
    expect(() => actionStep('open', 'reopen')).toThrow(InvalidTransition);
    expect(() => assertInspectionClosable([{ status: 'closed' }, { status: 'open' }])).toThrow(/1 finding/);
    expect(() => assertInspectionClosable([{ status: 'closed' }])).not.toThrow();
  });
});

describe('remediation board', () => {
  it('classifies timeliness', () => {
    expect(timeliness([], '2026-05-01')).toBe('pending');
    expect(timeliness([{ deadline: '2026-04-30', completedOn: null }], '2026-05-01')).toBe('overdue');
    expect(timeliness([{ deadline: '2026-05-30', completedOn: null }], '2026-05-01')).toBe('pending');
    expect(timeliness([{ deadline: '2026-04-30', completedOn: '2026-04-30' }], '2026-05-01')).toBe('on_time');
    expect(
      timeliness(
        [
          { deadline: '2026-04-30', completedOn: '2026-04-01' },
          { deadline: '2026-04-30', completedOn: '2026-05-01' },
        ],
        '2026-06-01',
      ),
    ).toBe('late');
  });

  it('counts per dimension × unit, per dimension, per unit, with the on-time rate over decided findings', () => {
    const done = (d: string, c: string) => ({ deadline: d, completedOn: c });
    const board = remediationBoard(
      [
        { id: '1', unitId: 'a1', dimension: 'd2', closed: true, actions: [done('2026-03-01', '2026-02-20')] },
        { id: '2', unitId: 'a1', dimension: 'd2', closed: false, actions: [done('2026-03-01', '2026-03-05')] },
        {
          id: '3',
          unitId: 'a1',
          dimension: 'd2',
          closed: false,
          actions: [{ deadline: '2026-03-01', completedOn: null }],
        },
        {
          id: '4',
          unitId: 'a2',
          dimension: 'd2',
          closed: false,
          actions: [{ deadline: '2026-09-01', completedOn: null }],
        },
        { id: '5', unitId: 'a2', dimension: 'd4', closed: true, actions: [done('2026-03-01', '2026-01-01')] },
      ],
      '2026-04-01',
    );
    expect(board.rows.find((r) => r.dimension === 'd2' && r.unitId === 'a1')).toMatchObject({
      findings: 3,
      closed: 1,
      on_time: 1,
      late: 1,
      overdue: 1,
      pending: 0,
    });
    expect(board.rows.find((r) => r.dimension === 'd2' && r.unitId === 'a1')?.onTimeRate).toBeCloseTo(1 / 3, 12);
    expect(board.rows.find((r) => r.dimension === 'd2' && r.unitId === 'a2')?.onTimeRate).toBeNull();
    expect(board.byDimension.map((r) => [r.dimension, r.findings])).toEqual([
      ['d2', 4],
      ['d4', 1],
    ]);
    expect(board.byUnit.map((r) => [r.unitId, r.on_time])).toEqual([
      ['a1', 1],
      ['a2', 1],
    ]);
    expect(board.total).toMatchObject({ findings: 5, on_time: 2, late: 1, overdue: 1, pending: 1, onTimeRate: 0.5 });
  });
});

describe('PAPI tags', () => {
  const fw = parseFramework(
    JSON.parse(readFileSync(new URL('../../data/papi/frameworks/papi-2021-2024.json', import.meta.url), 'utf8')),
  );
  it('accepts a dimension, its sub-dimension and indicator; rejects codes from elsewhere', () => {
    expect(validatePapiTag({ dimension: 'd2', subdimension: '2.2', indicator: '2.2.1' }, fw)).toEqual({
      dimension: 'd2',
      subdimension: '2.2',
      indicator: '2.2.1',
    });
    expect(validatePapiTag({ dimension: 'd4' }, fw)).toEqual({ dimension: 'd4', subdimension: null, indicator: null });
    expect(() => validatePapiTag({ dimension: 'd9' }, fw)).toThrow(InputError);
    expect(() => validatePapiTag({ dimension: 'd2', subdimension: '3.1' }, fw)).toThrow(/not part of d2/);
    expect(() => validatePapiTag({ dimension: 'd2', subdimension: '2.2', indicator: '2.3.1' }, fw)).toThrow(/2.3.1/);
    expect(() => validatePapiTag({ dimension: 'd2', indicator: '2.2.1' }, fw)).toThrow(/needs its sub-dimension/);
  });
});
