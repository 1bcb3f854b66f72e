/**
 * The questionnaire model (mô hình phiếu khảo sát) and its pure evaluation: which questions are relevant
 * (skip logic, điều kiện hiển thị), and whether a set of answers is a valid response (required, types,
 * choices, constraints). The server validates submissions with it, and the offline citizen form imports
 * the SAME code in the browser — so this file and ./expression.ts import nothing else.
 *
 * Semantics follow ODK/XLSForm: a question inside a non-relevant group is not relevant; a non-relevant
 * question's value is '' to every expression that reads it and is dropped from the stored response; a
 * `required` question is only required when relevant; a constraint is checked only on a non-empty answer,
 * with `.` = the answer.
 */
import { type Expr, ExpressionError, evaluate, parseExpression, references, type Value } from './expression.js';

export type Lang = 'vi' | 'en';

/** Text in Vietnamese and/or English; at least one is set. Vietnamese is the reference. */
export interface LocalizedText {
  vi?: string;
  en?: string;
}

export const ANSWER_TYPES = ['select_one', 'select_multiple', 'integer', 'decimal', 'text', 'date'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export interface Choice {
  /** Stored value (giá trị). For a question mapped to a PAPI indicator it must be a number ('1', '0', '5'). */
  name: string;
  label: LocalizedText;
}

/** How a raw answer becomes an indicator value in [0, 1] — the same shapes as core/index frameworks. */
export type IndicatorScale =
  | { type: 'binary'; yes: number[] }
  | { type: 'likert'; points: number }
  | { type: 'continuous'; min: number; max: number };

/**
 * Mapping of a question to a PAPI indicator (chỉ tiêu). `indicator` is a code of the framework
 * ('1.1.1'); its first two parts name the sub-dimension. When the code is not in the official framework
 * (a local pulse item), `scale` (and `direction`) say how to recode; when it is, they override nothing
 * unless given.
 */
export interface PapiMapping {
  indicator: string;
  scale?: IndicatorScale;
  direction?: 'higher-better' | 'lower-better';
}

export interface Question {
  kind: 'question';
  name: string;
  type: AnswerType;
  label: LocalizedText;
  hint?: LocalizedText;
  required: boolean;
  requiredMessage?: LocalizedText;
  /** XLSForm expression; the question is shown only when it is true. */
  relevant?: string;
  /** XLSForm expression over `.`; a non-empty answer must make it true. */
  constraint?: string;
  constraintMessage?: LocalizedText;
  /** Name of the choice list (select_one / select_multiple only). */
  choices?: string;
  /** Display hint passed through from XLSForm (e.g. 'minimal', 'likert'); never changes validation. */
  appearance?: string;
  papi?: PapiMapping;
}

export interface Note {
  kind: 'note';
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  relevant?: string;
}

export interface Group {
  kind: 'group';
  name: string;
  label: LocalizedText;
  relevant?: string;
  children: FormNode[];
}

export type FormNode = Question | Note | Group;

export interface SurveyForm {
  /** Stable identifier (XLSForm settings.form_id). */
  formId: string;
  /** Version string (XLSForm settings.version); the server versions questionnaires on top of it. */
  version: string;
  title: LocalizedText;
  defaultLanguage: Lang;
  choiceLists: Record<string, Choice[]>;
  children: FormNode[];
}

/** select_one, text, date → string; integer, decimal → number; select_multiple → string[]. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue | null | undefined>;

export const TEXT_MAX_LENGTH = 4000;
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// ---------------------------------------------------------------------------------------------- text

/** The text in `lang`, falling back to the other language (Vietnamese first). */
export function labelText(t: LocalizedText | undefined, lang: Lang): string {
  if (!t) return '';
  return (lang === 'en' ? (t.en ?? t.vi) : (t.vi ?? t.en)) ?? '';
}

// ---------------------------------------------------------------------------------------------- walking

export interface NodeEntry {
  node: FormNode;
  /** Enclosing groups, outermost first. */
  groups: Group[];
  /** Position in the tree: ['children', 2, 'children', 0]. */
  path: (string | number)[];
}

/** Every node in document order (groups before their children). */
export function walkForm(form: Pick<SurveyForm, 'children'>): NodeEntry[] {
  const out: NodeEntry[] = [];
  const visit = (nodes: FormNode[], groups: Group[], path: (string | number)[]) => {
    nodes.forEach((node, i) => {
      const p = [...path, 'children', i];
      out.push({ node, groups, path: p });
      if (node.kind === 'group') visit(node.children, [...groups, node], p);
    });
  };
  visit(form.children, [], []);
  return out;
}

/** The answerable questions in document order. */
export function questionsOf(form: Pick<SurveyForm, 'children'>): Question[] {
  return walkForm(form)
    .map((e) => e.node)
    .filter((n): n is Question => n.kind === 'question');
}

// ---------------------------------------------------------------------------------------------- checking

export interface FormProblem {
  /** Field path inside the form object, e.g. ['children', 3, 'relevant']. */
  path: (string | number)[];
  message: string;
}

/**
 * Structural checks of a form: unique valid names, choice lists present and non-empty with unique names,
 * expressions parse and refer to existing questions, no relevance cycle, indicator mappings on numeric
 * answers. Returns [] for a good form. (XLSForm import reports the same problems by sheet/row/column.)
 */
export function checkForm(form: SurveyForm): FormProblem[] {
  const problems: FormProblem[] = [];
  const entries = walkForm(form);
  const names = new Map<string, FormNode>();
  if (!NAME_PATTERN.test(form.formId)) problems.push({ path: ['formId'], message: `invalid form id '${form.formId}'` });
  if (!hasText(form.title)) problems.push({ path: ['title'], message: 'the form has no title' });
  for (const [list, choices] of Object.entries(form.choiceLists)) {
    if (choices.length === 0) problems.push({ path: ['choiceLists', list], message: `choice list '${list}' is empty` });
    const seen = new Set<string>();
    choices.forEach((c, i) => {
      if (c.name.trim() === '' || /\s/.test(c.name))
        problems.push({
          path: ['choiceLists', list, i, 'name'],
          message: `choice name '${c.name}' is empty or contains spaces`,
        });
      if (seen.has(c.name))
        problems.push({
          path: ['choiceLists', list, i, 'name'],
          message: `duplicate choice '${c.name}' in list '${list}'`,
        });
      seen.add(c.name);
      if (!hasText(c.label))
        problems.push({ path: ['choiceLists', list, i, 'label'], message: `choice '${c.name}' has no label` });
    });
  }
  for (const { node, path } of entries) {
    if (!NAME_PATTERN.test(node.name))
      problems.push({ path: [...path, 'name'], message: `invalid name '${node.name}'` });
    else if (names.has(node.name)) problems.push({ path: [...path, 'name'], message: `duplicate name '${node.name}'` });
    names.set(node.name, node);
    // Groups may be unlabelled (XLSForm allows it); questions and notes may not.
    if (node.kind !== 'group' && !hasText(node.label))
      problems.push({ path: [...path, 'label'], message: `'${node.name}' has no label` });
    if (node.kind === 'group' && node.children.length === 0)
      problems.push({ path: [...path, 'children'], message: `group '${node.name}' is empty` });
    if (node.kind === 'question') {
      const isSelect = node.type === 'select_one' || node.type === 'select_multiple';
      if (isSelect) {
        if (!node.choices) problems.push({ path: [...path, 'choices'], message: `'${node.name}' needs a choice list` });
        else if (!form.choiceLists[node.choices])
          problems.push({ path: [...path, 'choices'], message: `choice list '${node.choices}' does not exist` });
      } else if (node.choices)
        problems.push({ path: [...path, 'choices'], message: `'${node.name}' is not a select question` });
      if (node.papi) {
        if (!/^\d+\.\d+(\.[A-Za-z0-9_-]+)?$/.test(node.papi.indicator))
          problems.push({
            path: [...path, 'papi', 'indicator'],
            message: `invalid PAPI indicator code '${node.papi.indicator}'`,
          });
        if (node.type === 'select_one' && node.choices && form.choiceLists[node.choices]) {
          const bad = form.choiceLists[node.choices]?.find(
            (c) => !Number.isFinite(Number(c.name)) || c.name.trim() === '',
          );
          if (bad)
            problems.push({
              path: [...path, 'papi'],
              message: `'${node.name}' is mapped to indicator ${node.papi.indicator} but choice '${bad.name}' is not a number`,
            });
        } else if (node.type !== 'select_one' && node.type !== 'integer' && node.type !== 'decimal')
          problems.push({
            path: [...path, 'papi'],
            message: `only select_one, integer and decimal questions can map to an indicator`,
          });
      }
    }
  }
  // Expressions: parse, and every ${name} must be a question (not a group or note).
  const deps = new Map<string, Set<string>>();
  for (const { node, path } of entries) {
    const exprs: [string, string | undefined][] = [['relevant', node.relevant]];
    if (node.kind === 'question') exprs.push(['constraint', node.constraint]);
    for (const [field, src] of exprs) {
      if (src === undefined) continue;
      try {
        const refs = references(parseExpression(src));
        for (const r of refs) {
          const target = names.get(r);
          if (target?.kind !== 'question')
            problems.push({ path: [...path, field], message: `\${${r}} does not name a question` });
        }
        if (field === 'relevant') deps.set(node.name, refs);
      } catch (e) {
        if (e instanceof ExpressionError)
          problems.push({ path: [...path, field], message: `${e.message} (at character ${e.position + 1})` });
        else throw e;
      }
    }
  }
  const cycle = findRelevanceCycle(entries, deps);
  if (cycle)
    problems.push({ path: [], message: `relevance conditions depend on each other in a cycle: ${cycle.join(' → ')}` });
  return problems;
}

function hasText(t: LocalizedText | undefined): boolean {
  return !!t && ((t.vi ?? '').trim() !== '' || (t.en ?? '').trim() !== '');
}

/** A question's relevance depends on its own condition, its groups' conditions and the relevance of what they read. */
function findRelevanceCycle(entries: NodeEntry[], deps: Map<string, Set<string>>): string[] | null {
  const edges = new Map<string, string[]>();
  for (const { node, groups } of entries) {
    const out = [...(deps.get(node.name) ?? [])];
    const parent = groups[groups.length - 1];
    if (parent) out.push(parent.name);
    edges.set(node.name, out);
  }
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const dfs = (n: string): string[] | null => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = dfs(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of edges.keys()) {
    if (!state.has(n)) {
      const c = dfs(n);
      if (c) return c;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------- evaluation

interface Compiled {
  byName: Map<string, NodeEntry>;
  relevant: Map<string, Expr>;
  constraint: Map<string, Expr>;
}

const compiledCache = new WeakMap<SurveyForm, Compiled>();

function compile(form: SurveyForm): Compiled {
  const hit = compiledCache.get(form);
  if (hit) return hit;
  const byName = new Map<string, NodeEntry>();
  const relevant = new Map<string, Expr>();
  const constraint = new Map<string, Expr>();
  for (const e of walkForm(form)) {
    byName.set(e.node.name, e);
    if (e.node.relevant !== undefined) relevant.set(e.node.name, parseExpression(e.node.relevant));
    if (e.node.kind === 'question' && e.node.constraint !== undefined)
      constraint.set(e.node.name, parseExpression(e.node.constraint));
  }
  const c = { byName, relevant, constraint };
  compiledCache.set(form, c);
  return c;
}

export function isEmptyAnswer(v: AnswerValue | null | undefined): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'number' && Number.isNaN(v))
  );
}

/** An answer as XPath sees it: numbers stay numbers, select_multiple is space-separated, empty is ''. */
export function answerToValue(v: AnswerValue | null | undefined): Value {
  if (isEmptyAnswer(v)) return '';
  if (Array.isArray(v)) return v.join(' ');
  return v as string | number;
}

/**
 * Relevance of every node (question, note, group) for these answers. Evaluated lazily so conditions may
 * refer to later questions; a non-relevant question reads as ''.
 */
export function relevanceMap(form: SurveyForm, answers: Answers): Map<string, boolean> {
  const c = compile(form);
  const rel = relevanceOf(form, answers);
  return new Map([...c.byName.keys()].map((name) => [name, rel(name)]));
}

/** A lazy, memoised relevance function: only the nodes a question depends on are evaluated. */
function relevanceOf(form: SurveyForm, answers: Answers): (name: string) => boolean {
  const c = compile(form);
  const memo = new Map<string, boolean>();
  const busy = new Set<string>();
  const rel = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const entry = c.byName.get(name);
    if (!entry) return false;
    // A cycle is a form error (checkForm); at run time treat the node as relevant rather than loop.
    if (busy.has(name)) return true;
    busy.add(name);
    const parent = entry.groups[entry.groups.length - 1];
    let r = parent ? rel(parent.name) : true;
    const expr = c.relevant.get(name);
    if (r && expr) r = toBool(evaluate(expr, { value: (n) => (rel(n) ? answerToValue(answers[n]) : '') }));
    busy.delete(name);
    memo.set(name, r);
    return r;
  };
  return rel;
}

function toBool(v: Value): boolean {
  return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 && !Number.isNaN(v) : v.length > 0;
}

/** Whether node `name` (question, note or group) is shown for these answers. Unknown names are not. */
export function isRelevant(form: SurveyForm, name: string, answers: Answers): boolean {
  return relevanceOf(form, answers)(name);
}

export type ResponseErrorCode =
  | 'unknown_question'
  | 'required'
  | 'invalid_type'
  | 'invalid_choice'
  | 'invalid_date'
  | 'too_long'
  | 'constraint';

export interface ResponseError {
  name: string;
  code: ResponseErrorCode;
  /** The form's own message (required_message / constraint_message) when it has one. */
  message?: LocalizedText;
}

export interface ResponseCheck {
  valid: boolean;
  errors: ResponseError[];
  /** The answers to store: relevant, non-empty, normalised (select_multiple in choice-list order). */
  answers: Record<string, AnswerValue>;
}

/**
 * Validate one response against a form. Answers to non-relevant questions are dropped (not an error: the
 * respondent may have changed an earlier answer); answers to names that are not questions are errors.
 */
export function validateResponse(form: SurveyForm, answers: Answers): ResponseCheck {
  const c = compile(form);
  const rel = relevanceMap(form, answers);
  const errors: ResponseError[] = [];
  const clean: Record<string, AnswerValue> = {};
  for (const name of Object.keys(answers)) {
    const e = c.byName.get(name);
    if (e?.node.kind !== 'question') errors.push({ name, code: 'unknown_question' });
  }
  for (const q of questionsOf(form)) {
    if (!rel.get(q.name)) continue;
    const v = answers[q.name];
    if (isEmptyAnswer(v)) {
      if (q.required)
        errors.push({ name: q.name, code: 'required', ...(q.requiredMessage ? { message: q.requiredMessage } : {}) });
      continue;
    }
    const checked = checkType(form, q, v as AnswerValue);
    if ('error' in checked) {
      errors.push({ name: q.name, code: checked.error });
      continue;
    }
    const typed = checked.value;
    const constraint = c.constraint.get(q.name);
    if (constraint) {
      const ok = toBool(
        evaluate(constraint, {
          current: answerToValue(typed),
          value: (n) => (rel.get(n) ? answerToValue(answers[n]) : ''),
        }),
      );
      if (!ok) {
        errors.push({
          name: q.name,
          code: 'constraint',
          ...(q.constraintMessage ? { message: q.constraintMessage } : {}),
        });
        continue;
      }
    }
    clean[q.name] = typed;
  }
  return { valid: errors.length === 0, errors, answers: clean };
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function checkType(
  form: SurveyForm,
  q: Question,
  v: AnswerValue,
): { value: AnswerValue } | { error: ResponseErrorCode } {
  switch (q.type) {
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? { value: v } : { error: 'invalid_type' };
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v) ? { value: v } : { error: 'invalid_type' };
    case 'text':
      if (typeof v !== 'string') return { error: 'invalid_type' };
      return [...v].length > TEXT_MAX_LENGTH ? { error: 'too_long' } : { value: v };
    case 'date':
      if (typeof v !== 'string') return { error: 'invalid_type' };
      return isIsoDate(v) ? { value: v } : { error: 'invalid_date' };
    case 'select_one': {
      if (typeof v !== 'string') return { error: 'invalid_type' };
      const list = form.choiceLists[q.choices ?? ''] ?? [];
      return list.some((ch) => ch.name === v) ? { value: v } : { error: 'invalid_choice' };
    }
    case 'select_multiple': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return { error: 'invalid_type' };
      const list = form.choiceLists[q.choices ?? ''] ?? [];
      const chosen = new Set(v);
      if (chosen.size !== v.length || v.some((x) => !list.some((ch) => ch.name === x)))
        return { error: 'invalid_choice' };
      return { value: list.filter((ch) => chosen.has(ch.name)).map((ch) => ch.name) };
    }
  }
}

/**
 * Parse an answer given as text (a CSV cell from ODK Central / KoboToolbox, a query string) into the
 * question's answer type. '' → null. Throws a plain Error with a short reason on a malformed value; callers
 * wrap it in an InputError with the place.
 */
export function parseAnswerText(q: Question, raw: string): AnswerValue | null {
  const s = raw.trim();
  if (s === '') return null;
  switch (q.type) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(s)) throw new Error(`'${s}' is not a whole number`);
      return Number(s);
    }
    case 'decimal': {
      const n = Number(s);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || !Number.isFinite(n))
        throw new Error(`'${s}' is not a number`);
      return n;
    }
    case 'date': {
      // ODK exports dates as YYYY-MM-DD; Kobo sometimes appends a time.
      const d = s.slice(0, 10);
      if (!isIsoDate(d)) throw new Error(`'${s}' is not a date (YYYY-MM-DD)`);
      return d;
    }
    case 'select_multiple':
      return s.split(/\s+/);
    default:
      return s;
  }
}
