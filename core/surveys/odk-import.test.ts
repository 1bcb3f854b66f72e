// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import { describe, expect, it } from 'vitest';
import type { InputError } from '../errors.js';
import type { SurveyForm } from './form.js';
import { readOdkExport } from './odk-import.js';
import type { SheetRows } from './xlsform.js';

const form: SurveyForm = {
  formId: 'f',
  version: '1',
  title: { vi: 'F' },
  defaultLanguage: 'vi',
  choiceLists: {
    yn: [
      { name: '1', label: { vi: 'Có' } },
      { name: '0', label: { vi: 'Không' } },
    ],
    svc: [
      { name: 'health', label: { vi: 'Y tế' } },
      { name: 'school', label: { vi: 'Trường' } },
      { name: 'land', label: { vi: 'Đất đai' } },
    ],
  },
  children: [
    {
      kind: 'group',
      name: 'g1',
      label: { vi: 'Nhóm' },
      children: [
        { kind: 'question', name: 'voted', type: 'select_one', choices: 'yn', label: { vi: 'Đi bầu' }, required: true },
        {
          kind: 'question',
          name: 'used',
          type: 'select_multiple',
          choices: 'svc',
          label: { vi: 'Dùng' },
          required: false,
          relevant: "${voted} = '1'",
        },
      ],
    },
    { kind: 'question', name: 'age', type: 'integer', label: { vi: 'Tuổi' }, required: false },
  ],
};

const sheet = (headers: string[], rows: string[][]): SheetRows => ({
  name: 'x',
  headers,
  rows: rows.map((r, i) => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? ''])) })),
});

describe('ODK Central / KoboToolbox exports', () => {
  it('reads KoboToolbox group paths g/q, split select_multiple columns and _uuid', () => {
    const s = sheet(
      [
        'start',
        'g1/voted',
        'g1/used',
        'g1/used/health',
        'g1/used/school',
        'g1/used/land',
        'age',
        '_uuid',
        '_submitted_by',
        '_index',
      ],
      [
        ['2024-05-01', '1', 'health land', '1', '0', '1', '40', 'aaa', 'enumerator1', '1'],
        ['2024-05-01', '0', '', '0', '0', '0', '', 'bbb', 'enumerator1', '2'],
      ],
    );
    const r = readOdkExport(form, s, 'kobo.csv');
    expect(r.keyColumn).toBe('_uuid');
    expect(r.ignoredColumns).toEqual([]);
    expect(r.submissions.map((x) => [x.key, x.answers])).toEqual([
      ['aaa', { voted: '1', used: ['health', 'land'], age: 40 }],
      ['bbb', { voted: '0' }],
    ]);
  });

  it('reads ODK Central paths g-q, only split columns when the main one is absent, and strips uuid:', () => {
    const s = sheet(
      [
        'SubmissionDate',
        'g1-voted',
        'g1-used/health',
        'g1-used/school',
        'g1-used/land',
        'age',
        'meta-instanceID',
        'KEY',
        'note_col',
      ],
      [['2024-05-02T01:02:03Z', '1', '0', '1', '1', '33', 'uuid:k1', 'uuid:k1', 'x']],
    );
    const r = readOdkExport(form, s, 'central.csv');
    expect(r.keyColumn).toBe('meta-instanceID');
    expect(r.submissions[0]).toMatchObject({
      key: 'k1',
      submittedOn: '2024-05-02',
      answers: { voted: '1', used: ['school', 'land'], age: 33 },
    });
    expect(r.ignoredColumns).toEqual(['note_col']);
  });

  it('names the row and column of a bad value, and refuses an export without instance ids', () => {
    const bad = sheet(
      ['KEY', 'g1-voted', 'age'],
      [
        ['uuid:1', '1', '40'],
        ['uuid:2', '7', '40'],
      ],
    );
    try {
      readOdkExport(form, bad, 'c.csv');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).location).toEqual({ file: 'c.csv', row: 3, column: 'g1-voted' });
    }
    expect(() => readOdkExport(form, sheet(['g1-voted'], [['1']]), 'c.csv')).toThrow(/no instance id column/);
    expect(() => readOdkExport(form, sheet(['KEY', 'other'], [['1', '1']]), 'c.csv')).toThrow(
      /none of the form's questions/,
    );
  });
});
