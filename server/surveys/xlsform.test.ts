// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { validateResponse } from '../../core/surveys/form.js';
import { readXlsForm } from './xlsx.js';

type Grid = (string | number | null)[][];

/** A real .xlsx file, written by exceljs as Excel would save it. */
async function xlsx(sheets: Record<string, Grid>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of grid) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SURVEY_HEADER = [
  'type',
  'name',
  'label::Vietnamese (vi)',
  'label::English (en)',
  'hint',
  'required',
  'relevant',
  'constraint',
  'constraint_message::Vietnamese (vi)',
  'papi_indicator',
];
const goodSurvey: Grid = [
  SURVEY_HEADER,
  ['start', 'start', null, null, null, null, null, null, null, null],
  ['integer', 'age', 'Tuổi', 'Age', null, 'yes', null, '. >= 18 and . <= 70', 'Từ 18 đến 70', null],
  ['begin_group', 'g1', 'Bầu cử', 'Elections', null, null, '${age} >= 18', null, null, null],
  ['select_one yn', 'voted', 'Đi bầu?', 'Voted?', null, 'yes', null, null, null, '1.2.1'],
  [
    'select_multiple why',
    'why_not',
    'Vì sao?',
    'Why not?',
    null,
    'no',
    "${voted} = '0'",
    'count-selected(.) <= 2',
    null,
    null,
  ],
  ['end_group', null, null, null, null, null, null, null, null, null],
  ['note', 'thanks', 'Cảm ơn', 'Thank you', null, null, null, null, null, null],
  ['date', 'visit', 'Ngày', 'Date', null, null, null, null, null, null],
];
const goodChoices: Grid = [
  ['list_name', 'name', 'label::Vietnamese (vi)', 'label::English (en)'],
  ['yn', 1, 'Có', 'Yes'],
  ['yn', 0, 'Không', 'No'],
  ['why', 'busy', 'Bận', 'Busy'],
  ['why', 'away', 'Đi vắng', 'Away'],
  ['why', 'other', 'Khác', 'Other'],
];
const goodSettings: Grid = [
  ['form_title', 'form_id', 'version', 'default_language'],
  ['Khảo sát thử', 'thu_nghiem', '2024050101', 'Vietnamese (vi)'],
];

async function rejection(sheets: Record<string, Grid>, what = ''): Promise<InputError> {
  try {
    await readXlsForm(await xlsx(sheets), 'phieu.xlsx');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`expected the XLSForm to be rejected: ${what}`);
}

function withRow(grid: Grid, row: (string | number | null)[]): Grid {
  return [...grid, row];
}

/** A rejection case: the good form with one survey row added (sheet row 10), refused at that row and column. */
function addedRow(row: (string | number | null)[], column: string, message: RegExp) {
  return {
    sheets: { survey: withRow(goodSurvey, row), choices: goodChoices },
    sheet: 'survey',
    row: 10,
    column,
    message,
  };
}

describe('XLSForm import from real .xlsx files', () => {
  it('imports the supported subset with vi/en labels, groups, skip logic, constraints and PAPI mapping', async () => {
    const form = await readXlsForm(
      await xlsx({ survey: goodSurvey, choices: goodChoices, settings: goodSettings }),
      'phieu.xlsx',
    );
    expect(form.formId).toBe('thu_nghiem');
    expect(form.version).toBe('2024050101');
    expect(form.title).toEqual({ vi: 'Khảo sát thử' });
    expect(form.choiceLists.yn).toEqual([
      { name: '1', label: { vi: 'Có', en: 'Yes' } },
      { name: '0', label: { vi: 'Không', en: 'No' } },
    ]);
    expect(form.children.map((n) => n.name)).toEqual(['age', 'g1', 'thanks', 'visit']); // 'start' not collected
    const g = form.children[1];
    expect(g?.kind === 'group' && g.children.map((n) => n.name)).toEqual(['voted', 'why_not']);
    expect(g?.kind === 'group' && g.children[0]).toMatchObject({
      type: 'select_one',
      choices: 'yn',
      required: true,
      papi: { indicator: '1.2.1' },
    });
    const ok = validateResponse(form, { age: 30, voted: '0', why_not: ['busy'] });
    expect(ok.errors).toEqual([]);
    const tooMany = validateResponse(form, { age: 30, voted: '0', why_not: ['busy', 'away', 'other'] });
    expect(tooMany.errors).toEqual([{ name: 'why_not', code: 'constraint' }]);
    expect(validateResponse(form, { age: 15 }).errors).toEqual([
      { name: 'age', code: 'constraint', message: { vi: 'Từ 18 đến 70' } },
    ]);
  });

  it('rejects each unsupported feature naming the sheet, row and column', async () => {
    const cases: { sheets: Record<string, Grid>; sheet: string; row: number; column: string; message: RegExp }[] = [
      addedRow(
        ['begin_repeat', 'members', 'Thành viên', 'Members', null, null, null, null, null, null],
        'A (type)',
        /repeat groups are not supported/,
      ),
      addedRow(['calculate', 'c1', null, null, null, null, null, null, null, null], 'A (type)', /calculated fields/),
      addedRow(['geopoint', 'where', 'Vị trí', 'Where', null, null, null, null, null, null], 'A (type)', /geopoint/),
      addedRow(
        ['select_one_from_file villages.csv', 'v', 'Thôn', 'Village', null, null, null, null, null, null],
        'A (type)',
        /choices from a file/,
      ),
      addedRow(
        ['barometer', 'b', 'B', 'B', null, null, null, null, null, null],
        'A (type)',
        /type 'barometer' is not supported/,
      ),
      addedRow(
        ['integer', 'n', 'Số', 'Number', null, null, "pulldata('x', 'y')", null, null, null],
        'G (relevant)',
        /unsupported function pulldata\(\)/,
      ),
      addedRow(
        ['integer', 'n', 'Số', 'Number', null, null, '${age} >', null, null, null],
        'G (relevant)',
        /unexpected end of expression/,
      ),
      addedRow(
        ['integer', 'n', 'Số', 'Number', null, null, '${agee} > 3', null, null, null],
        'G (relevant)',
        /\$\{agee\} does not name a question/,
      ),
      addedRow(
        ['integer', 'n', 'Số', 'Number', null, '${age} > 3', null, null, null, null],
        'F (required)',
        /conditional required/,
      ),
      addedRow(
        ['select_one yn or_other', 'n', 'Số', 'Number', null, null, null, null, null, null],
        'A (type)',
        /or_other/,
      ),
      {
        sheets: {
          survey: goodSurvey.map((r, i) => [...r, i === 0 ? 'choice_filter' : i === 5 ? "list = 'a'" : null]),
          choices: goodChoices,
        },
        sheet: 'survey',
        row: 6,
        column: 'K (choice_filter)',
        message: /choice filters/,
      },
      {
        sheets: {
          survey: goodSurvey.map((r, i) => [...r, i === 0 ? 'label::French (fr)' : null]),
          choices: goodChoices,
        },
        sheet: 'survey',
        row: 1,
        column: 'K (label::French (fr))',
        message: /only Vietnamese and English/,
      },
      {
        sheets: { survey: goodSurvey.map((r, i) => [...r, i === 0 ? 'requried' : null]), choices: goodChoices },
        sheet: 'survey',
        row: 1,
        column: 'K (requried)',
        message: /column 'requried' is not supported/,
      },
      addedRow(
        ['integer', 'age', 'Tuổi', 'Age', null, null, null, null, null, null],
        'B (name)',
        /used twice \(first on row 3\)/,
      ),
      {
        sheets: { survey: goodSurvey.filter((r) => r[0] !== 'end_group'), choices: goodChoices },
        sheet: 'survey',
        row: 4,
        column: 'A (type)',
        message: /begin_group 'g1' has no end_group/,
      },
      addedRow(
        ['select_one missing', 'm', 'M', 'M', null, null, null, null, null, null],
        'A (type)',
        /choice list 'missing' is not on the choices sheet/,
      ),
      {
        sheets: {
          survey: withRow(goodSurvey, ['select_one why', 'w', 'W', 'W', null, null, null, null, null, '1.1.1']),
          choices: goodChoices,
        },
        sheet: 'choices',
        row: 4,
        column: 'B (name)',
        message: /choices must be numbers; 'busy' is not/,
      },
      {
        sheets: { survey: goodSurvey, choices: withRow(goodChoices, ['yn', 1, 'Có nữa', 'Yes again']) },
        sheet: 'choices',
        row: 7,
        column: 'B (name)',
        message: /appears twice in list 'yn'/,
      },
    ];
    for (const c of cases) {
      const e = await rejection(c.sheets, c.message.source);
      expect(e.location, c.message.source).toMatchObject({
        file: 'phieu.xlsx',
        sheet: c.sheet,
        row: c.row,
        column: c.column,
      });
      expect(e.message).toMatch(c.message);
      expect(e.toString()).toContain(`phieu.xlsx, sheet ${c.sheet}, row ${c.row}, column ${c.column}`);
    }
  });

  it('refuses a file that is not a workbook, and a workbook without a survey sheet', async () => {
    await expect(readXlsForm(Buffer.from('type,name\ntext,a\n'), 'x.xlsx')).rejects.toThrow(/not a valid XLSX/);
    const e = await rejection({ questions: goodSurvey });
    expect(e.location.sheet).toBe('survey');
    expect(e.message).toMatch(/no 'survey' sheet/);
  });
});
