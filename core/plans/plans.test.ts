import { describe, expect, it } from 'vitest';
import { type DiagnosisInput, draftPlanFromDiagnosis } from './draft.js';
import { RuleViolation } from './errors.js';
import { TASK_LIBRARY } from './library.js';
import { planAllows, planTransition } from './lifecycle.js';
import {
  parsePeriod,
  periodsOfYear,
  reportingYearOf,
  submissionDeadline,
  timeliness,
  vietnamDateOf,
} from './periods.js';
import { completeness, mergeReports, reportTransition } from './reports.js';
import { applyProgress, isOverdue, rollUp } from './tasks.js';

describe('reporting periods (Nghị định 09/2019/NĐ-CP cut-off windows)', () => {
  it('runs the reporting year from 15 December of the previous year to 14 December', () => {
    expect(parsePeriod('2025')).toMatchObject({ start: '2024-12-15', end: '2025-12-14', kind: 'Y', cumulative: true });
  });
  it('cuts quarters at the 14th of their last month, starting the 15th of the month before', () => {
    expect(parsePeriod('2025Q1')).toMatchObject({ start: '2024-12-15', end: '2025-03-14' });
    expect(parsePeriod('2025Q2')).toMatchObject({ start: '2025-03-15', end: '2025-06-14', cumulative: false });
    expect(parsePeriod('2025Q3')).toMatchObject({ start: '2025-06-15', end: '2025-09-14' });
    expect(parsePeriod('2025Q4')).toMatchObject({ start: '2025-09-15', end: '2025-12-14' });
  });
  it('makes 6 and 9 months cumulative from the start of the reporting year', () => {
    expect(parsePeriod('2025S1')).toMatchObject({ start: '2024-12-15', end: '2025-06-14' });
    expect(parsePeriod('2025N9')).toMatchObject({ start: '2024-12-15', end: '2025-09-14' });
  });
  it('lists the periods in the order their windows close', () => {
    expect(periodsOfYear(2026).map((p) => p.id)).toEqual([
      '2026Q1',
      '2026Q2',
      '2026S1',
      '2026Q3',
      '2026N9',
      '2026Q4',
      '2026',
    ]);
  });
  it('refuses unknown period ids with a clear message', () => {
    expect(() => parsePeriod('2025Q5')).toThrow(/Unknown reporting period "2025Q5"/);
    expect(() => parsePeriod('Q1')).toThrow(RuleViolation);
  });
  it('gives communes 5 days and provinces 10 days after the cut-off', () => {
    const q1 = parsePeriod('2025Q1');
    expect(submissionDeadline(q1, 2)).toBe('2025-03-19');
    expect(submissionDeadline(q1, 1)).toBe('2025-03-24');
    expect(submissionDeadline(parsePeriod('2024'), 2)).toBe('2024-12-19');
  });
  it('places 15 December in the next reporting year', () => {
    expect(reportingYearOf('2024-12-14')).toBe(2024);
    expect(reportingYearOf('2024-12-15')).toBe(2025);
  });
  it('judges timeliness on the Vietnam calendar date of the submission', () => {
    // 16:59 UTC on the 19th is 23:59 in Vietnam: still on time; 17:00 UTC is the 20th there: late.
    expect(vietnamDateOf('2025-03-19T16:59:00.000Z')).toBe('2025-03-19');
    expect(timeliness('2025-03-19', '2025-03-19T16:59:00.000Z', '2025-04-01')).toBe('on_time');
    expect(timeliness('2025-03-19', '2025-03-19T17:00:00.000Z', '2025-04-01')).toBe('late');
    expect(timeliness('2025-03-19', null, '2025-03-19')).toBe('pending');
    expect(timeliness('2025-03-19', null, '2025-03-20')).toBe('missing');
  });
});

describe('plan lifecycle', () => {
  it('goes draft → issued → amended → closed', () => {
    expect(planTransition('draft', 'issue')).toBe('issued');
    expect(planTransition('issued', 'amend')).toBe('amended');
    expect(planTransition('amended', 'amend')).toBe('amended');
    expect(planTransition('amended', 'close')).toBe('closed');
  });
  it('refuses invalid transitions with the reason and current state', () => {
    expect(() => planTransition('issued', 'issue')).toThrow('Only a draft plan can be issued (the plan is issued)');
    expect(() => planTransition('draft', 'close')).toThrow(RuleViolation);
    expect(() => planTransition('issued', 'edit')).toThrow(/amend an issued plan instead/);
    expect(planAllows('closed', 'progress')).toBe(false);
    expect(planAllows('issued', 'addTask')).toBe(true);
    expect(planAllows('issued', 'deleteTask')).toBe(false);
  });
});

describe('task progress and roll-up', () => {
  it('keeps status and percentage consistent', () => {
    expect(applyProgress({ status: 'not_started', progress: 0 }, { progress: 40 })).toEqual({
      status: 'in_progress',
      progress: 40,
    });
    expect(applyProgress({ status: 'in_progress', progress: 40 }, { progress: 100 })).toEqual({
      status: 'done',
      progress: 100,
    });
    expect(applyProgress({ status: 'in_progress', progress: 40 }, { status: 'done' })).toEqual({
      status: 'done',
      progress: 100,
    });
    expect(applyProgress({ status: 'done', progress: 100 }, { progress: 80 })).toEqual({
      status: 'in_progress',
      progress: 80,
    });
    expect(applyProgress({ status: 'in_progress', progress: 40 }, { status: 'cancelled' })).toEqual({
      status: 'cancelled',
      progress: 40,
    });
    expect(() => applyProgress({ status: 'in_progress', progress: 0 }, { progress: 101 })).toThrow(/0 to 100/);
  });
  it('rolls up the equal-weight mean of the non-cancelled children', () => {
    expect(rollUp([])).toBeNull();
    expect(
      rollUp([
        { status: 'in_progress', progress: 50 },
        { status: 'not_started', progress: 0 },
      ]),
    ).toEqual({ status: 'in_progress', progress: 25 });
    expect(
      rollUp([
        { status: 'done', progress: 100 },
        { status: 'in_progress', progress: 33 },
        { status: 'cancelled', progress: 0 },
      ]),
    ).toEqual({ status: 'in_progress', progress: 67 });
    expect(
      rollUp([
        { status: 'done', progress: 100 },
        { status: 'cancelled', progress: 10 },
      ]),
    ).toEqual({ status: 'done', progress: 100 });
    expect(
      rollUp([
        { status: 'not_started', progress: 0 },
        { status: 'not_started', progress: 0 },
      ]),
    ).toEqual({ status: 'not_started', progress: 0 });
    expect(rollUp([{ status: 'cancelled', progress: 0 }])).toEqual({ status: 'cancelled', progress: 0 });
  });
  it('never shows 100 % unless every child is done', () => {
    expect(
      rollUp([
        { status: 'done', progress: 100 },
        { status: 'in_progress', progress: 99 },
      ]),
    ).toEqual({ status: 'in_progress', progress: 99 });
  });
  it('derives overdue from the deadline', () => {
    expect(isOverdue({ status: 'in_progress', dueDate: '2025-03-01' }, '2025-03-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2025-03-02' }, '2025-03-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2025-03-01' }, '2025-03-02')).toBe(false);
  });
});

describe('report approval', () => {
  it('locks a submitted report and allows return with a reason or approval', () => {
    expect(reportTransition('draft', 'submit', { summary: 'Đã triển khai' })).toBe('submitted');
    expect(() => reportTransition('submitted', 'edit')).toThrow(/locked/);
    expect(() => reportTransition('submitted', 'return', { reason: ' ' })).toThrow(/reason is required/);
    expect(reportTransition('submitted', 'return', { reason: 'Thiếu số liệu D2' })).toBe('returned');
    expect(reportTransition('returned', 'edit')).toBe('returned');
    expect(reportTransition('returned', 'submit', { summary: 'x' })).toBe('submitted');
    expect(reportTransition('submitted', 'approve')).toBe('approved');
    expect(() => reportTransition('approved', 'return', { reason: 'x' })).toThrow(
      'Only a submitted report can be returned for revision (the report is approved)',
    );
    expect(() => reportTransition('draft', 'submit', { summary: '' })).toThrow(/general assessment/);
  });
  it('measures completeness over the summary and the eight dimensions', () => {
    const sections = [1, 2, 3].map((dimension) => ({ dimension, narrative: 'x' }));
    expect(completeness({ summary: 'a', sections })).toEqual({ filled: 4, of: 9, percent: 44, complete: false });
  });
  it('merges children paragraph by paragraph, keeping the parent text first', () => {
    const merged = mergeReports(
      { summary: 'Tỉnh', proposals: '', sections: [{ dimension: 2, narrative: 'Tỉnh D2' }] },
      [
        {
          unitName: 'Xã A',
          summary: 'A tốt',
          proposals: 'Cấp kinh phí',
          sections: [{ dimension: 2, narrative: 'A D2' }],
        },
        { unitName: 'Xã B', summary: '', proposals: '', sections: [{ dimension: 5, narrative: 'B D5' }] },
      ],
    );
    expect(merged.summary).toBe('Tỉnh\nXã A: A tốt');
    expect(merged.proposals).toBe('Xã A: Cấp kinh phí');
    expect(merged.sections.find((s) => s.dimension === 2)?.narrative).toBe('Tỉnh D2\nXã A: A D2');
    expect(merged.sections.find((s) => s.dimension === 5)?.narrative).toBe('Xã B: B D5');
    expect(merged.sections).toHaveLength(8);
  });
});

describe('task library', () => {
  it('covers every sub-dimension of the 2021–2024 framework with unique keys', () => {
    const subs = new Set(TASK_LIBRARY.map((t) => t.subdimension));
    for (const code of [
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '5.1',
      '5.2',
      '5.3',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '7.1',
      '7.2',
      '7.3',
      '8.1',
      '8.2',
      '8.3',
    ]) {
      expect(subs.has(code), code).toBe(true);
    }
    expect(new Set(TASK_LIBRARY.map((t) => t.key)).size).toBe(TASK_LIBRARY.length);
    expect(TASK_LIBRARY.every((t) => t.dueMonth >= 1 && t.dueMonth <= 12)).toBe(true);
  });
});

describe('draft from diagnosis', () => {
  const diagnosis: DiagnosisInput = {
    year: 2024,
    province: { nameVi: 'Hưng Yên', nameEn: 'Hung Yen' },
    total: { score: 43.21, rank: 20, of: 61, group: 'high-average' },
    dimensions: Array.from({ length: 8 }, (_, i) => ({
      measure: `d${i + 1}`,
      nameVi: `Nội dung ${i + 1}`,
      nameEn: `Dimension ${i + 1}`,
      score: 5 + i / 10,
      rank: 10 + i,
      of: 61,
    })),
    subdimensions: [
      { code: '2.2', nameVi: 'Danh sách hộ nghèo', nameEn: 'Poor households', score10: 4.5, gapToBestGroup10: 1.25 },
      { code: '8.1', nameVi: 'Cổng thông tin', nameEn: 'Portal', score10: 3.1, gapToBestGroup10: 2 },
      { code: '5.3', nameVi: 'TTHC xã', nameEn: 'Commune procedures', score10: 6, gapToBestGroup10: 0.5 },
    ],
    weakest: ['8.1', '2.2'],
    weaknesses: ['8.1', '2.2', '5.3'],
  };

  it('proposes library tasks for the weakest sub-dimensions, weakest first, with commune leads', () => {
    const draft = draftPlanFromDiagnosis({
      unit: { nameVi: 'xã Ân Thi', nameEn: 'An Thi commune', level: 2 },
      year: 2025,
      diagnosis,
      parentPlan: {
        reference: '192/KH-UBND',
        issuedDate: '2024-12-26',
        issuingBody: 'UBND tỉnh Hưng Yên',
        title: 'nâng cao Chỉ số PAPI năm 2025',
      },
    });
    expect(draft.focus).toEqual(['8.1', '2.2', '5.3']);
    expect(draft.tasks.map((t) => t.libraryKey)).toEqual([
      'd8-portal',
      'd8-online-services',
      'd2-poor-households',
      'd5-one-stop-quality',
    ]);
    expect(draft.tasks[2]).toMatchObject({
      leadUnitName: 'Công chức Văn hóa - Xã hội',
      dueDate: '2025-12-14',
      dimension: 2,
    });
    expect(draft.tasks[3]?.dueDate).toBe('2025-03-31');
    expect(draft.basis[0]).toBe(
      'Căn cứ Kế hoạch số 192/KH-UBND ngày 26/12/2024 của UBND tỉnh Hưng Yên về nâng cao Chỉ số PAPI năm 2025;',
    );
    expect(draft.basis[1]).toContain('xếp hạng 20/61');
    expect(draft.issuingBody).toBe('ỦY BAN NHÂN DÂN XÃ ÂN THI');
    expect(draft.sections).toHaveLength(8);
    expect(draft.sections[1]?.content).toContain('2.2 “Danh sách hộ nghèo”: điểm 4,50/10');
    expect(draft.targets.map((t) => [t.kind, t.comparator, t.dimension, t.group])).toEqual([
      ['rank', 'rise', null, null],
      ['group', 'at_least', null, 'best'],
      ['score', 'rise', 8, null],
      ['score', 'rise', 2, null],
      ['score', 'rise', 5, null],
    ]);
    expect(draft.recipients[0]).toBe('UBND tỉnh Hưng Yên (để báo cáo);');
  });

  it('keeps the best group as the target when already there, and uses province leads', () => {
    const draft = draftPlanFromDiagnosis({
      unit: { nameVi: 'tỉnh Hưng Yên', nameEn: 'Hung Yen province', level: 1 },
      year: 2025,
      diagnosis: { ...diagnosis, total: { ...diagnosis.total, group: 'best' } },
      libraryKeys: ['d3-dialogue'],
    });
    expect(draft.targets[0]).toMatchObject({ kind: 'group', comparator: 'keep', group: 'best' });
    expect(draft.tasks).toHaveLength(1);
    expect(draft.tasks[0]).toMatchObject({ leadUnitName: 'Văn phòng UBND tỉnh', cooperating: [] });
  });
});
