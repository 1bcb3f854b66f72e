/**
 * Responses exported from ODK Central or KoboToolbox (CSV, "XML values and headers") → answers of a form.
 *
 * Column naming: a question is found under its name or its group path joined with '/' (KoboToolbox:
 * `g_services/used`), '-' (ODK Central / Briefcase: `g_services-used`) or '.'. A select_multiple is read
 * from its space-separated column or, when only the split columns exist, from `path/choice` 0/1 columns.
 * The exactly-once key of a submission is its instance id: `meta/instanceID`, `meta-instanceID`,
 * `instanceID`, `KEY` (Central) or `_uuid` (Kobo), with the `uuid:` prefix removed.
 * Metadata columns (submitter, device, times, review state, …) are never kept: no personal data.
 * Design columns may be given as `stratum`, `cluster` / `psu`, `weight` (when no question has that name).
 */
import { InputError } from '../errors.js';
import {
  type Answers,
  type AnswerValue,
  parseAnswerText,
  type Question,
  type SurveyForm,
  validateResponse,
  walkForm,
} from './form.js';
import type { ResponseRecord } from './results.js';
import type { SheetRows } from './xlsform.js';

export interface ImportedSubmission extends ResponseRecord {
  key: string;
  /** Spreadsheet row of the submission (header = 1). */
  row: number;
  /** YYYY-MM-DD of the submission when the export says it. */
  submittedOn: string | null;
}

export interface OdkImport {
  submissions: ImportedSubmission[];
  /** Same instance id twice in the file: later rows skipped. */
  duplicateRows: number[];
  /** Columns that matched no question and no known metadata (reported, not stored). */
  ignoredColumns: string[];
  keyColumn: string;
}

const KEY_COLUMNS = ['meta/instanceID', 'meta-instanceID', 'meta.instanceID', 'instanceID', 'KEY', '_uuid'];
const SUBMITTED = ['SubmissionDate', '_submission_time', 'submissiondate'];
const KNOWN_METADATA = new Set(
  [
    'SubmissionDate',
    'SubmitterID',
    'SubmitterName',
    'AttachmentsPresent',
    'AttachmentsExpected',
    'Status',
    'ReviewState',
    'DeviceID',
    'Edits',
    'FormVersion',
    'KEY',
    'instanceID',
    'instanceName',
    'start',
    'end',
    'today',
    'deviceid',
    'username',
    'phonenumber',
    'simserial',
    'subscriberid',
    'email',
    'audit',
    '__version__',
  ].map((s) => s.toLowerCase()),
);

function isMetadata(h: string): boolean {
  const l = h.toLowerCase();
  return (
    l.startsWith('_') ||
    l.startsWith('meta/') ||
    l.startsWith('meta-') ||
    l.startsWith('meta.') ||
    KNOWN_METADATA.has(l)
  );
}

export function readOdkExport(form: SurveyForm, sheet: SheetRows, file: string): OdkImport {
  const headers = sheet.headers;
  const keyColumn = KEY_COLUMNS.find((k) => headers.includes(k));
  if (!keyColumn)
    throw new InputError(
      'no instance id column (meta/instanceID, KEY or _uuid): export the submissions from ODK Central or KoboToolbox with their metadata',
      { file, row: 1 },
      'import_no_key',
    );
  const submittedColumn = SUBMITTED.find((k) => headers.includes(k));

  // Question → the header it is exported under.
  const columnOf = new Map<string, string>();
  const splitOf = new Map<string, Map<string, string>>(); // question → choice → header
  const used = new Set<string>([keyColumn]);
  for (const { node, groups } of walkForm(form)) {
    if (node.kind !== 'question') continue;
    const path = groups.map((g) => g.name);
    const candidates = [['/'], ['-'], ['.']].map(([sep]) => [...path, node.name].join(sep)).concat(node.name);
    const h = candidates.find((c) => headers.includes(c));
    if (h) {
      columnOf.set(node.name, h);
      used.add(h);
    }
    if (node.type === 'select_multiple') {
      const split = new Map<string, string>();
      for (const c of form.choiceLists[node.choices ?? ''] ?? []) {
        const sh = candidates.map((p) => `${p}/${c.name}`).find((x) => headers.includes(x));
        if (sh) {
          split.set(c.name, sh);
          used.add(sh);
        }
      }
      if (split.size > 0) splitOf.set(node.name, split);
    }
  }
  const questionNames = new Set(walkForm(form).map((e) => e.node.name));
  const design = (names: string[]) => names.find((n) => headers.includes(n) && !questionNames.has(n));
  const stratumCol = design(['stratum', '_stratum']);
  const clusterCol = design(['cluster', 'psu', '_cluster', '_psu']);
  const weightCol = design(['weight', '_weight']);
  for (const c of [stratumCol, clusterCol, weightCol, submittedColumn]) if (c) used.add(c);
  const ignoredColumns = headers.filter((h) => !used.has(h) && !isMetadata(h));
  if (columnOf.size === 0 && splitOf.size === 0)
    throw new InputError(
      "none of the form's questions is a column of this file: is it the export of this questionnaire?",
      { file, row: 1 },
      'import_wrong_form',
    );

  const questions = new Map(
    walkForm(form).flatMap((e) => (e.node.kind === 'question' ? [[e.node.name, e.node] as const] : [])),
  );
  const seen = new Set<string>();
  const duplicateRows: number[] = [];
  const submissions: ImportedSubmission[] = [];
  for (const { row, cells } of sheet.rows) {
    const rawKey = (cells[keyColumn] ?? '').trim();
    if (rawKey === '')
      throw new InputError('the submission has no instance id', { file, row, column: keyColumn }, 'import_no_key');
    const key = rawKey.replace(/^uuid:/i, '');
    if (seen.has(key)) {
      duplicateRows.push(row);
      continue;
    }
    seen.add(key);
    const answers: Answers = {};
    for (const [name, q] of questions) {
      const h = columnOf.get(name);
      let v: AnswerValue | null = null;
      try {
        if (h !== undefined) v = parseAnswerText(q as Question, cells[h] ?? '');
        else if (splitOf.has(name)) {
          const picked = [...splitOf.get(name)!]
            .filter(([, sh]) => /^(1|true)$/i.test((cells[sh] ?? '').trim()))
            .map(([c]) => c);
          v = picked.length > 0 ? picked : null;
        }
      } catch (e) {
        throw new InputError((e as Error).message, { file, row, column: h }, 'import_bad_value');
      }
      if (v !== null) answers[name] = v;
    }
    const check = validateResponse(form, answers);
    const bad = check.errors[0];
    if (bad) {
      const column = columnOf.get(bad.name) ?? bad.name;
      throw new InputError(
        `answer to ${bad.name}: ${bad.code.replace(/_/g, ' ')}`,
        { file, row, column },
        'import_invalid_answer',
      );
    }
    let weight: number | null = null;
    if (weightCol) {
      const w = (cells[weightCol] ?? '').trim();
      if (w !== '') {
        weight = Number(w);
        if (!Number.isFinite(weight) || weight <= 0)
          throw new InputError(
            `weight must be a positive number, got '${w}'`,
            { file, row, column: weightCol },
            'import_bad_value',
          );
      }
    }
    const submitted = submittedColumn ? (cells[submittedColumn] ?? '').trim().slice(0, 10) : '';
    submissions.push({
      key,
      row,
      answers: check.answers,
      stratum: stratumCol ? (cells[stratumCol] ?? '').trim() || null : null,
      cluster: clusterCol ? (cells[clusterCol] ?? '').trim() || null : null,
      weight,
      submittedOn: /^\d{4}-\d{2}-\d{2}$/.test(submitted) ? submitted : null,
    });
  }
  return { submissions, duplicateRows, ignoredColumns, keyColumn };
}
