/**
 * The task sheet round-trips, and every kind of malformed file is refused with the sheet, row and
 * column (letter and header) of the fault. (The route test checks that nothing is stored.)
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import {
  parseSheetDate,
  readTaskWorkbook,
  TASK_COLUMNS,
  type TaskSheetContext,
  type TaskSheetRow,
  writeTaskWorkbook,
} from './tasksXlsx.js';

const ctx: TaskSheetContext = {
  lang: 'vi',
  units: [
    { id: 'vn2025:12142', code: '12142', nameVi: 'Ân Thi', fullNameVi: 'Xã Ân Thi', label: 'UBND xã Ân Thi' },
    {
      id: 'vn2025:11953',
      code: '11953',
      nameVi: 'Phố Hiến',
      fullNameVi: 'Phường Phố Hiến',
      label: 'UBND phường Phố Hiến',
    },
    {
      id: 'local:1',
      code: 'VP',
      nameVi: 'Văn phòng HĐND và UBND xã',
      fullNameVi: 'Văn phòng HĐND và UBND xã',
      label: 'Văn phòng HĐND và UBND xã',
    },
  ],
  dimensions: [
    {
      number: 1,
      nameVi: 'Tham gia của người dân ở cấp cơ sở',
      subdimensions: [{ code: '1.1', nameVi: 'Tri thức công dân' }],
    },
    {
      number: 2,
      nameVi: 'Công khai, minh bạch',
      subdimensions: [
        { code: '2.1', nameVi: 'Danh sách hộ nghèo' },
        { code: '2.2', nameVi: 'Thu chi ngân sách cấp xã' },
      ],
    },
  ],
};

const ROWS: TaskSheetRow[] = [
  {
    title: 'Công khai danh sách hộ nghèo',
    description: 'Niêm yết tại trụ sở và nhà văn hóa thôn',
    dimension: 2,
    subdimension: '2.1',
    indicator: 'd201',
    leadUnit: { unitId: 'vn2025:12142', name: 'UBND xã Ân Thi' },
    cooperatingUnits: [
      { unitId: 'local:1', name: 'Văn phòng HĐND và UBND xã' },
      { unitId: 'vn2025:11953', name: 'UBND phường Phố Hiến' },
    ],
    startDate: '2026-01-05',
    dueDate: '2026-03-31',
    expectedOutput: 'Biên bản niêm yết',
    progress: 40,
    status: 'in_progress',
  },
  {
    title: 'Tổ chức hội nghị quán triệt',
    description: '',
    dimension: null,
    subdimension: null,
    indicator: null,
    leadUnit: { unitId: 'local:1', name: 'Văn phòng HĐND và UBND xã' },
    cooperatingUnits: [],
    startDate: null,
    dueDate: '2026-01-20',
    expectedOutput: '',
    progress: 100,
    status: 'done',
  },
];

/** A workbook from the exported template with some cells changed ([row, column letter, value]). */
async function edited(changes: [number, string, ExcelJS.CellValue][], rows = ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeTaskWorkbook(rows, ctx)) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Nhiệm vụ')!;
  for (const [row, col, value] of changes) ws.getCell(`${col}${row}`).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(content: Buffer): Promise<InputError> {
  const err = await readTaskWorkbook(content, 'nhiem-vu.xlsx', ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`);
  return err;
}

describe('task sheet XLSX', () => {
  it('writes the official columns, a frozen Vietnamese header, drop-down lists and checks', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTaskWorkbook(ROWS, ctx)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'STT',
      'Nhiệm vụ',
      'Mô tả',
      'Nội dung PAPI',
      'Chỉ số thành phần',
      'Chỉ tiêu',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Ngày bắt đầu',
      'Thời hạn',
      'Sản phẩm dự kiến',
      'Tiến độ %',
      'Trạng thái',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('D2').value).toBe('D2 - Công khai, minh bạch');
    expect(ws.getCell('E2').value).toBe('2.1 - Danh sách hộ nghèo');
    expect(ws.getCell('H2').value).toBe('Văn phòng HĐND và UBND xã; UBND phường Phố Hiến');
    expect(ws.getCell('J2').value).toEqual(new Date(Date.UTC(2026, 2, 31)));
    expect(ws.getCell('M3').value).toBe('Hoàn thành');
    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    // exceljs expands the ranges cell by cell when reading.
    for (const row of [2, 500]) {
      expect(validations[`D${row}`]).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$A$1:$A$2"] });
      expect(validations[`E${row}`]).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$B$1:$B$3"] });
      expect(validations[`G${row}`]).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$C$1:$C$3"] });
      expect(validations[`M${row}`]).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$D$1:$D$4"] });
      expect(validations[`L${row}`]).toMatchObject({ type: 'whole', formulae: [0, 100] });
      expect(validations[`J${row}`]).toMatchObject({ type: 'date' });
    }
    const lists = wb.getWorksheet('Danh mục')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('C1').value).toBe('UBND xã Ân Thi');
    expect(lists.getCell('C3').value).toBe('Văn phòng HĐND và UBND xã');
  });

  it('reads back what it wrote', async () => {
    expect(await readTaskWorkbook(await writeTaskWorkbook(ROWS, ctx), 'x.xlsx', ctx)).toEqual(ROWS);
  });

  it('accepts what people type: codes, folded names, text dates, "50%", status codes', async () => {
    const rows = await readTaskWorkbook(
      await edited([
        [2, 'D', 'd2'],
        [2, 'E', '2.2'],
        [2, 'G', 'Ủy ban nhân dân xã Ân Thi'],
        [2, 'H', '11953'],
        [2, 'I', '5/1/2026'],
        [2, 'J', '2026-03-31'],
        [2, 'L', '50%'],
        [2, 'M', null],
      ]),
      'x.xlsx',
      ctx,
    );
    expect(rows[0]).toMatchObject({
      dimension: 2,
      subdimension: '2.2',
      leadUnit: { unitId: 'vn2025:12142', name: 'UBND xã Ân Thi' },
      cooperatingUnits: [{ unitId: 'vn2025:11953', name: 'UBND phường Phố Hiến' }],
      startDate: '2026-01-05',
      dueDate: '2026-03-31',
      progress: 50,
      status: 'in_progress',
    });
  });

  const cases: [string, [number, string, ExcelJS.CellValue][], { row: number; column: string; message: RegExp }][] = [
    ['a wrong header', [[1, 'G', 'Chủ trì']], { row: 1, column: 'G (Đơn vị chủ trì)', message: /“Chủ trì”/ }],
    [
      'an unknown lead unit code',
      [[3, 'G', 'vn2025:99999']],
      { row: 3, column: 'G (Đơn vị chủ trì)', message: /vn2025:99999/ },
    ],
    [
      'an unknown cooperating unit code',
      [[2, 'H', 'Ân Thi; 99999']],
      { row: 2, column: 'H (Đơn vị phối hợp)', message: /99999/ },
    ],
    ['a bad date', [[2, 'J', '31/02/2026']], { row: 2, column: 'J (Thời hạn)', message: /31\/02\/2026/ }],
    ['a bad start date', [[3, 'I', 'sớm']], { row: 3, column: 'I (Ngày bắt đầu)', message: /sớm/ }],
    ['progress over 100', [[2, 'L', 120]], { row: 2, column: 'L (Tiến độ %)', message: /0 đến 100.*120/ }],
    ['negative progress', [[3, 'L', -5]], { row: 3, column: 'L (Tiến độ %)', message: /-5/ }],
    ['an unknown dimension', [[2, 'D', 'D9']], { row: 2, column: 'D (Nội dung PAPI)', message: /D9/ }],
    [
      'a sub-dimension of another dimension',
      [[2, 'E', '1.1']],
      { row: 2, column: 'E (Chỉ số thành phần)', message: /1\.1/ },
    ],
    ['an empty required cell', [[3, 'B', null]], { row: 3, column: 'B (Nhiệm vụ)', message: /bắt buộc/ }],
    ['an empty deadline', [[2, 'J', null]], { row: 2, column: 'J (Thời hạn)', message: /bắt buộc/ }],
    ['an unknown status', [[3, 'M', 'Xong rồi']], { row: 3, column: 'M (Trạng thái)', message: /Xong rồi/ }],
    ['a deadline before the start', [[2, 'I', '01/04/2026']], { row: 2, column: 'J (Thời hạn)', message: /sau/ }],
  ];
  for (const [what, changes, expected] of cases) {
    it(`refuses ${what}, naming sheet, row and column`, async () => {
      const err = await failure(await edited(changes));
      expect(err.location).toMatchObject({
        file: 'nhiem-vu.xlsx',
        sheet: 'Nhiệm vụ',
        row: expected.row,
        column: expected.column,
      });
      expect(err.message).toMatch(expected.message);
      expect(err.toString()).toMatch(
        new RegExp(
          `^nhiem-vu\\.xlsx, sheet Nhiệm vụ, row ${expected.row}, column ${expected.column.replace(/[()%]/g, '\\$&')}: `,
        ),
      );
    });
  }

  it('keeps agencies outside the unit tree as written (plans name "Sở Tài chính", "UBND các xã"), unlinked', async () => {
    const rows = await readTaskWorkbook(
      await edited([
        [2, 'G', 'Sở Tài chính'],
        [2, 'H', 'Ân Thi; Công an tỉnh'],
      ]),
      'x.xlsx',
      ctx,
    );
    expect(rows[0]).toMatchObject({
      leadUnit: { unitId: null, name: 'Sở Tài chính' },
      cooperatingUnits: [
        { unitId: 'vn2025:12142', name: 'UBND xã Ân Thi' },
        { unitId: null, name: 'Công an tỉnh' },
      ],
    });
  });

  it('reports every problem, not only the first', async () => {
    const err = await failure(
      await edited([
        [2, 'L', 101],
        [3, 'G', '99999'],
      ]),
    );
    expect(err.message).toMatch(/\(\+1\)$/);
    expect((err as InputError & { problems: InputError[] }).problems.map((p) => p.location.row)).toEqual([2, 3]);
  });

  it('refuses a file that is not an XLSX, a zip that is not a workbook, and a huge file', async () => {
    expect((await failure(Buffer.from('STT,Nhiệm vụ\n1,x\n'))).message).toMatch(/không phải là bảng tính/);
    expect((await failure(Buffer.from('PK\u0003\u0004garbage-not-a-zip'))).code).toBe('not_xlsx');
    const huge = Buffer.alloc(6 * 1024 * 1024);
    huge.write('PK\u0003\u0004');
    expect(await failure(huge)).toMatchObject({ code: 'file_too_large', location: { file: 'nhiem-vu.xlsx' } });
  });

  it('refuses a sheet without task rows', async () => {
    expect((await failure(await writeTaskWorkbook([], ctx))).message).toMatch(/không có dòng/);
  });

  it('parses dates as officials write them', () => {
    expect(parseSheetDate('30/6/2026')).toBe('2026-06-30');
    expect(parseSheetDate('30.06.2026')).toBe('2026-06-30');
    expect(parseSheetDate(46203)).toBe('2026-06-30');
    expect(parseSheetDate('29/02/2026')).toBeNull();
    expect(parseSheetDate('2026/06/30')).toBeNull();
    expect(TASK_COLUMNS).toHaveLength(13);
  });
});
