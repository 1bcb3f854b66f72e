/**
 * XLSForm import (biểu mẫu XLSForm của ODK / KoboToolbox) for the subset the form model supports.
 * Input is the workbook already read into rows (server/surveys/xlsx.ts does the file part), so this stays
 * pure. Anything outside the subset is refused with an InputError naming the SHEET, ROW and COLUMN —
 * never silently dropped, because a dropped constraint or skip rule changes what the survey measures.
 *
 * Supported: sheets `survey`, `choices`, `settings`; types select_one, select_multiple, integer, decimal,
 * text, date, note, begin_group/end_group (also "begin group"); metadata types (start, end, today,
 * deviceid, …) are accepted and not collected. Columns: type, name, label, hint, required,
 * required_message, relevant, constraint, constraint_message (each text column plain or ::Vietnamese (vi)
 * / ::English (en)), appearance, papi_indicator (OpenPAPI: the PAPI indicator code the answer measures),
 * and the notes columns comments/notes/guidance_hint, which are ignored.
 */
import { InputError } from '../errors.js';
import { ExpressionError, parseExpression, references, usesCurrent } from './expression.js';
import {
  type AnswerType,
  type Choice,
  checkForm,
  type FormNode,
  type Group,
  type Lang,
  type LocalizedText,
  NAME_PATTERN,
  type Question,
  type SurveyForm,
  walkForm,
} from './form.js';

/** A worksheet as rows of text cells keyed by header. `row` is the spreadsheet row number (header = 1). */
export interface SheetRows {
  name: string;
  headers: string[];
  rows: { row: number; cells: Record<string, string> }[];
}

export interface XlsFormOptions {
  /** File name, for error messages and a fallback form id. */
  file?: string;
}

const METADATA_TYPES = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
]);

/** Types that exist in XLSForm but not in this subset, with the reason shown to the user. */
const UNSUPPORTED_TYPES: Record<string, string> = {
  begin_repeat: 'repeat groups are not supported',
  'begin repeat': 'repeat groups are not supported',
  end_repeat: 'repeat groups are not supported',
  'end repeat': 'repeat groups are not supported',
  calculate: 'calculated fields are not supported',
  geopoint: 'locations (geopoint) are not supported',
  geotrace: 'locations (geotrace) are not supported',
  geoshape: 'locations (geoshape) are not supported',
  time: 'time questions are not supported (use date)',
  datetime: 'date-time questions are not supported (use date)',
  image: 'photos are not supported',
  audio: 'audio is not supported',
  'background-audio': 'audio is not supported',
  video: 'video is not supported',
  file: 'file uploads are not supported',
  barcode: 'barcodes are not supported',
  acknowledge: 'acknowledge questions are not supported',
  range: 'range questions are not supported (use integer with a constraint)',
  rank: 'rank questions are not supported',
  hidden: 'hidden fields are not supported',
  'xml-external': 'external instances are not supported',
  'csv-external': 'external instances are not supported',
  select_one_from_file: 'choices from a file are not supported',
  select_multiple_from_file: 'choices from a file are not supported',
};

/** Survey columns that change what the form does and that this subset cannot honour. */
const UNSUPPORTED_SURVEY_COLUMNS: Record<string, string> = {
  calculation: 'calculations are not supported',
  choice_filter: 'choice filters (cascading selects) are not supported',
  repeat_count: 'repeat groups are not supported',
  default: 'default answers are not supported',
  read_only: 'read-only questions are not supported',
  readonly: 'read-only questions are not supported',
  trigger: 'triggers are not supported',
  parameters: 'question parameters are not supported',
  image: 'media in questions are not supported',
  audio: 'media in questions are not supported',
  video: 'media in questions are not supported',
  'big-image': 'media in questions are not supported',
  or_other: 'or_other is not supported',
};

const IGNORED_SURVEY_COLUMNS = new Set(['comments', 'comment', 'notes', 'guidance_hint']);
const TEXT_COLUMNS = ['label', 'hint', 'required_message', 'constraint_message'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];
const PLAIN_COLUMNS = new Set(['type', 'name', 'required', 'relevant', 'constraint', 'appearance', 'papi_indicator']);

/** 'Vietnamese (vi)', 'vi', 'Tiếng Việt', 'English (en)', 'en', 'English' → 'vi' | 'en'; undefined otherwise. */
export function parseLanguage(s: string): Lang | undefined {
  const t = s.trim().toLowerCase();
  const code = /\(([a-z-]+)\)\s*$/.exec(t)?.[1] ?? t;
  if (
    code === 'vi' ||
    code === 'vietnamese' ||
    code === 'tiếng việt' ||
    code === 'tieng viet' ||
    code.startsWith('vi-')
  )
    return 'vi';
  if (code === 'en' || code === 'english' || code.startsWith('en-')) return 'en';
  return undefined;
}

interface ColumnSpec {
  header: string;
  base: string;
  lang?: Lang;
}

function findSheet(sheets: SheetRows[], name: string): SheetRows | undefined {
  return sheets.find((s) => s.name.trim().toLowerCase() === name);
}

function truthy(v: string, err: () => InputError): boolean {
  const t = v.trim().toLowerCase();
  if (t === '' || t === 'no' || t === 'false' || t === 'false()' || t === '0') return false;
  if (t === 'yes' || t === 'true' || t === 'true()' || t === '1') return true;
  throw err();
}

export function importXlsForm(sheets: SheetRows[], options: XlsFormOptions = {}): SurveyForm {
  const file = options.file;
  const at = (sheet: string, row?: number, column?: string) => ({
    ...(file ? { file } : {}),
    sheet,
    ...(row !== undefined ? { row } : {}),
    ...(column ? { column } : {}),
  });
  const fail = (message: string, sheet: string, row?: number, column?: string, code = 'xlsform_unsupported') =>
    new InputError(message, at(sheet, row, column), code);

  // ----------------------------------------------------------------------------------- settings
  const settings = findSheet(sheets, 'settings');
  const setting = (key: string): string => {
    const r = settings?.rows[0];
    if (!r) return '';
    const h = settings.headers.find((x) => x.trim().toLowerCase() === key);
    return h ? (r.cells[h] ?? '').trim() : '';
  };
  let defaultLanguage: Lang = 'vi';
  const dl = setting('default_language');
  if (dl) {
    const lang = parseLanguage(dl);
    if (!lang)
      throw fail(
        `default language '${dl}' is not Vietnamese or English`,
        settings?.name ?? 'settings',
        2,
        'default_language',
      );
    defaultLanguage = lang;
  }

  const survey = findSheet(sheets, 'survey');
  if (!survey) throw fail("the workbook has no 'survey' sheet", 'survey', undefined, undefined, 'xlsform_invalid');
  const S = survey.name;

  // ----------------------------------------------------------------------------------- columns
  const classify = (sheet: string, header: string, allowText: readonly string[]): ColumnSpec | 'ignore' => {
    const h = header.trim();
    const [rawBase, ...rest] = h.split('::');
    const base = (rawBase ?? '').trim().toLowerCase();
    if (rest.length > 0) {
      if (base === 'media' || base === 'image' || base === 'audio' || base === 'video' || base === 'big-image') {
        if (sheet === 'choices') return 'ignore';
        throw fail('media in questions are not supported', sheet, 1, h);
      }
      if (base === 'guidance_hint') return 'ignore';
      if (base === 'bind' || base === 'body' || base === 'instance')
        throw fail(`custom XForm attributes (${base}::) are not supported`, sheet, 1, h);
      if (!allowText.includes(base)) throw fail(`column '${h}' is not supported`, sheet, 1, h);
      const lang = parseLanguage(rest.join('::'));
      if (!lang) throw fail(`only Vietnamese and English are supported, not '${rest.join('::')}'`, sheet, 1, h);
      return { header: header, base, lang };
    }
    return { header, base };
  };

  const surveyCols = new Map<string, ColumnSpec>();
  for (const h of survey.headers) {
    if (h.trim() === '') continue;
    const spec = classify('survey', h, TEXT_COLUMNS);
    if (spec === 'ignore') continue;
    if (!spec.lang) {
      if (UNSUPPORTED_SURVEY_COLUMNS[spec.base]) {
        // A present-but-empty column changes nothing; refuse only where it is used (row-level check below).
        surveyCols.set(h, spec);
        continue;
      }
      if (IGNORED_SURVEY_COLUMNS.has(spec.base)) continue;
      if (!PLAIN_COLUMNS.has(spec.base) && !(TEXT_COLUMNS as readonly string[]).includes(spec.base))
        throw fail(`column '${h.trim()}' is not supported`, S, 1, h.trim());
    }
    surveyCols.set(h, spec);
  }
  if (![...surveyCols.values()].some((c) => c.base === 'type'))
    throw fail("the survey sheet has no 'type' column", S, 1, 'type', 'xlsform_invalid');
  if (![...surveyCols.values()].some((c) => c.base === 'name'))
    throw fail("the survey sheet has no 'name' column", S, 1, 'name', 'xlsform_invalid');

  const cell = (cells: Record<string, string>, base: string): { value: string; header: string } | undefined => {
    for (const [h, spec] of surveyCols)
      if (spec.base === base && !spec.lang) return { value: (cells[h] ?? '').trim(), header: h.trim() };
    return undefined;
  };
  const text = (
    cells: Record<string, string>,
    base: TextColumn,
    cols: Map<string, ColumnSpec>,
  ): LocalizedText | undefined => {
    const out: LocalizedText = {};
    for (const [h, spec] of cols) {
      if (spec.base !== base) continue;
      const v = (cells[h] ?? '').trim();
      if (v === '') continue;
      out[spec.lang ?? defaultLanguage] = v;
    }
    return out.vi !== undefined || out.en !== undefined ? out : undefined;
  };

  /** Groups and notes take no answer: required (yes), constraint and papi_indicator make no sense on them. */
  const refuseOn = (cells: Record<string, string>, row: number, what: string) => {
    for (const col of ['required', 'constraint', 'papi_indicator'] as const) {
      const c = cell(cells, col);
      if (!c || c.value === '') continue;
      if (col === 'required' && ['no', 'false', 'false()', '0'].includes(c.value.toLowerCase())) continue;
      throw fail(`${what} cannot have '${col}'`, S, row, c.header);
    }
  };

  // ----------------------------------------------------------------------------------- choices
  const choiceLists: Record<string, Choice[]> = {};
  const choiceRows = new Map<string, number>(); // list → first row
  const choiceRowOf = new Map<string, number>(); // list\u0000name → row
  const choicesSheet = findSheet(sheets, 'choices');
  const choiceCols = new Map<string, ColumnSpec>();
  if (choicesSheet) {
    const CS = choicesSheet.name;
    for (const h of choicesSheet.headers) {
      if (h.trim() === '') continue;
      const spec = classify('choices', h, ['label']);
      if (spec === 'ignore') continue;
      choiceCols.set(h, spec);
    }
    const listHeader = [...choiceCols.entries()].find(([, s]) => s.base === 'list_name' || s.base === 'list name')?.[0];
    const nameHeader = [...choiceCols.entries()].find(([, s]) => s.base === 'name' && !s.lang)?.[0];
    if (!listHeader) throw fail("the choices sheet has no 'list_name' column", CS, 1, 'list_name', 'xlsform_invalid');
    if (!nameHeader) throw fail("the choices sheet has no 'name' column", CS, 1, 'name', 'xlsform_invalid');
    for (const { row, cells } of choicesSheet.rows) {
      const list = (cells[listHeader] ?? '').trim();
      const name = (cells[nameHeader] ?? '').trim();
      if (list === '' && name === '' && Object.values(cells).every((v) => v.trim() === '')) continue;
      if (list === '') throw fail('the choice has no list name', CS, row, listHeader.trim(), 'xlsform_invalid');
      if (name === '') throw fail('the choice has no name', CS, row, nameHeader.trim(), 'xlsform_invalid');
      if (/\s/.test(name))
        throw fail(`choice name '${name}' contains spaces`, CS, row, nameHeader.trim(), 'xlsform_invalid');
      const label = text(cells, 'label', choiceCols);
      if (!label) throw fail(`choice '${name}' has no label`, CS, row, 'label', 'xlsform_invalid');
      const key = `${list}\u0000${name}`;
      if (choiceRowOf.has(key))
        throw fail(`choice '${name}' appears twice in list '${list}'`, CS, row, nameHeader.trim(), 'xlsform_invalid');
      choiceRowOf.set(key, row);
      if (!choiceLists[list]) {
        choiceLists[list] = [];
        choiceRows.set(list, row);
      }
      choiceLists[list].push({ name, label });
    }
  }

  // ----------------------------------------------------------------------------------- survey rows
  const root: FormNode[] = [];
  const stack: { group: Group; row: number }[] = [];
  const rowOf = new Map<string, number>();
  const refsToCheck: { row: number; column: string; names: Set<string> }[] = [];

  for (const { row, cells } of survey.rows) {
    if (Object.values(cells).every((v) => v.trim() === '')) continue;
    for (const [h, spec] of surveyCols) {
      const reason = !spec.lang ? UNSUPPORTED_SURVEY_COLUMNS[spec.base] : undefined;
      if (reason && (cells[h] ?? '').trim() !== '') throw fail(reason, S, row, h.trim());
    }
    const typeCell = cell(cells, 'type');
    const rawType = (typeCell?.value ?? '').replace(/\s+/g, ' ').trim();
    const typeCol = typeCell?.header ?? 'type';
    const name = cell(cells, 'name')?.value ?? '';
    const nameCol = cell(cells, 'name')?.header ?? 'name';
    if (rawType === '') throw fail('the row has no type', S, row, typeCol, 'xlsform_invalid');
    const lower = rawType.toLowerCase();
    const parts = lower.split(' ');
    const head = parts[0] ?? '';

    if (lower === 'end_group' || lower === 'end group') {
      const open = stack.pop();
      if (!open) throw fail('end_group without a matching begin_group', S, row, typeCol, 'xlsform_invalid');
      continue;
    }
    if (METADATA_TYPES.has(lower)) continue;
    const unsupported =
      UNSUPPORTED_TYPES[lower] ??
      UNSUPPORTED_TYPES[head] ??
      (lower === 'begin repeat' ? UNSUPPORTED_TYPES[lower] : undefined);
    if (unsupported) throw fail(`type '${rawType}': ${unsupported}`, S, row, typeCol);

    if (name === '') throw fail('the row has no name', S, row, nameCol, 'xlsform_invalid');
    if (!NAME_PATTERN.test(name))
      throw fail(
        `'${name}' is not a valid name (letters, digits, _ . -; not starting with a digit)`,
        S,
        row,
        nameCol,
        'xlsform_invalid',
      );
    if (rowOf.has(name))
      throw fail(
        `the name '${name}' is used twice (first on row ${rowOf.get(name)})`,
        S,
        row,
        nameCol,
        'xlsform_invalid',
      );
    rowOf.set(name, row);

    const label = text(cells, 'label', surveyCols);
    const hint = text(cells, 'hint', surveyCols);
    const relevantCell = cell(cells, 'relevant');
    const relevant = relevantCell?.value || undefined;
    const checkExpr = (src: string | undefined, column: string, allowCurrent: boolean) => {
      if (src === undefined) return;
      try {
        const e = parseExpression(src);
        refsToCheck.push({ row, column, names: references(e) });
        // `.` outside a constraint has no meaning in this subset
        if (!allowCurrent && usesCurrent(e))
          throw fail("'.' (the current answer) can only be used in a constraint", S, row, column);
      } catch (err) {
        if (err instanceof ExpressionError)
          throw fail(
            `${err.message} (at character ${err.position + 1} of "${src}")`,
            S,
            row,
            column,
            'xlsform_expression',
          );
        throw err;
      }
    };
    checkExpr(relevant, relevantCell?.header ?? 'relevant', false);

    if (head === 'begin_group' || lower === 'begin group') {
      const group: Group = { kind: 'group', name, label: label ?? {}, children: [] };
      if (relevant) group.relevant = relevant;
      refuseOn(cells, row, 'a group');
      (stack[stack.length - 1]?.group.children ?? root).push(group);
      stack.push({ group, row });
      continue;
    }

    if (!label) throw fail(`'${name}' has no label`, S, row, 'label', 'xlsform_invalid');

    if (lower === 'note') {
      const note: FormNode = {
        kind: 'note',
        name,
        label,
        ...(hint ? { hint } : {}),
        ...(relevant ? { relevant } : {}),
      };
      refuseOn(cells, row, 'a note');
      (stack[stack.length - 1]?.group.children ?? root).push(note);
      continue;
    }

    let type: AnswerType;
    let choices: string | undefined;
    if (head === 'select_one' || head === 'select_multiple') {
      if (parts.length === 1)
        throw fail(`'${rawType}' needs a choice list name ('${head} list')`, S, row, typeCol, 'xlsform_invalid');
      if (parts.length > 2) {
        if (parts[2] === 'or_other') throw fail(`type '${rawType}': or_other is not supported`, S, row, typeCol);
        throw fail(`type '${rawType}' is not supported`, S, row, typeCol);
      }
      type = head;
      choices = rawType.split(' ')[1] as string;
      if (!choiceLists[choices])
        throw fail(`choice list '${choices}' is not on the choices sheet`, S, row, typeCol, 'xlsform_invalid');
    } else if (
      parts.length === 1 &&
      (head === 'integer' ||
        head === 'int' ||
        head === 'decimal' ||
        head === 'text' ||
        head === 'string' ||
        head === 'date')
    ) {
      type = head === 'int' ? 'integer' : head === 'string' ? 'text' : head;
    } else {
      throw fail(`type '${rawType}' is not supported`, S, row, typeCol);
    }

    const requiredCell = cell(cells, 'required');
    const required = requiredCell
      ? truthy(requiredCell.value, () =>
          fail(
            `required must be yes or no; conditional required ('${requiredCell.value}') is not supported`,
            S,
            row,
            requiredCell.header,
          ),
        )
      : false;
    const constraintCell = cell(cells, 'constraint');
    const constraint = constraintCell?.value || undefined;
    checkExpr(constraint, constraintCell?.header ?? 'constraint', true);
    const q: Question = { kind: 'question', name, type, label, required };
    if (hint) q.hint = hint;
    const requiredMessage = text(cells, 'required_message', surveyCols);
    if (requiredMessage) q.requiredMessage = requiredMessage;
    if (relevant) q.relevant = relevant;
    if (constraint) q.constraint = constraint;
    const constraintMessage = text(cells, 'constraint_message', surveyCols);
    if (constraintMessage) q.constraintMessage = constraintMessage;
    if (choices) q.choices = choices;
    const appearance = cell(cells, 'appearance')?.value;
    if (appearance) q.appearance = appearance;
    const papiCell = cell(cells, 'papi_indicator');
    if (papiCell && papiCell.value !== '') {
      const code = papiCell.value;
      if (!/^\d+\.\d+(\.[A-Za-z0-9_-]+)?$/.test(code))
        throw fail(`'${code}' is not a PAPI indicator code (like 1.2.1)`, S, row, papiCell.header, 'xlsform_invalid');
      if (type !== 'select_one' && type !== 'integer' && type !== 'decimal')
        throw fail(
          'only select_one, integer and decimal questions can measure a PAPI indicator',
          S,
          row,
          papiCell.header,
          'xlsform_invalid',
        );
      if (type === 'select_one' && choices) {
        const bad = (choiceLists[choices] ?? []).find((c) => !Number.isFinite(Number(c.name)));
        if (bad) {
          const choiceRow = choiceRowOf.get(`${choices}\u0000${bad.name}`);
          throw fail(
            `'${name}' measures indicator ${code}, so its choices must be numbers; '${bad.name}' is not`,
            choicesSheet?.name ?? 'choices',
            choiceRow,
            'name',
            'xlsform_invalid',
          );
        }
      }
      q.papi = { indicator: code };
    }
    (stack[stack.length - 1]?.group.children ?? root).push(q);
  }
  const unclosed = stack.pop();
  if (unclosed)
    throw fail(`begin_group '${unclosed.group.name}' has no end_group`, S, unclosed.row, 'type', 'xlsform_invalid');
  if (root.length === 0) throw fail('the survey sheet has no questions', S, undefined, undefined, 'xlsform_invalid');

  // References must name questions (not groups or notes); checked after all rows, since they may point forward.
  const questionNames = new Set(
    walkForm({ children: root })
      .map((e) => e.node)
      .filter((n) => n.kind === 'question')
      .map((n) => n.name),
  );
  for (const { row, column, names } of refsToCheck)
    for (const n of names)
      if (!questionNames.has(n))
        throw fail(`\${${n}} does not name a question of this form`, S, row, column, 'xlsform_invalid');

  const title = setting('form_title') || setting('form_id') || (file ?? '').replace(/\.[^.]+$/, '') || 'XLSForm';
  let formId = setting('form_id') || title;
  formId = formId
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z_]+/, '');
  const form: SurveyForm = {
    formId: formId || 'xlsform',
    version: setting('version') || '1',
    title: { [defaultLanguage]: title },
    defaultLanguage,
    choiceLists,
    children: root,
  };

  // Safety net: the model's own checks (cycles and anything not caught row by row), mapped back to a row.
  const problems = checkForm(form);
  const first = problems[0];
  if (first) {
    let node: FormNode | undefined;
    for (const e of walkForm(form))
      if (JSON.stringify(e.path) === JSON.stringify(first.path.slice(0, e.path.length))) node = e.node;
    const field = first.path[first.path.length - 1];
    const column =
      typeof field === 'string' && ['name', 'relevant', 'constraint', 'label'].includes(field) ? field : undefined;
    throw fail(
      first.message,
      S,
      node ? rowOf.get(node.name) : undefined,
      column ?? (node ? 'relevant' : undefined),
      'xlsform_invalid',
    );
  }
  return form;
}
