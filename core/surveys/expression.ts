/**
 * A safe parser and evaluator for the XLSForm expression subset (biểu thức điều kiện) used in `relevant`
 * and `constraint` columns. No `eval`, no `Function`: a hand-written recursive-descent parser builds an
 * AST, and a small interpreter walks it with XPath 1.0 value rules as ODK Collect applies them.
 *
 * Grammar (lowest precedence first):
 *   or       := and ('or' and)*
 *   and      := equality ('and' equality)*
 *   equality := relational (('=' | '!=') relational)*
 *   relational := additive (('<' | '<=' | '>' | '>=') additive)*
 *   additive := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | 'div' | 'mod') unary)*
 *   unary    := '-' unary | primary
 *   primary  := number | 'string' | "string" | ${name} | '.' | function '(' args ')' | '(' or ')'
 * Functions: selected(a, 'v'), count-selected(a), not(x), string-length(s), true(), false(),
 * number(x), string(x), boolean(x), if(c, a, b).
 *
 * Dependency-free and browser-safe: the offline citizen form imports it.
 */

export type Value = string | number | boolean;

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; name: string }
  | { kind: 'current' }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }
  | { kind: 'neg'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

const FUNCTIONS = {
  selected: [2, 2],
  'count-selected': [1, 1],
  not: [1, 1],
  'string-length': [1, 1],
  true: [0, 0],
  false: [0, 0],
  number: [1, 1],
  string: [1, 1],
  boolean: [1, 1],
  if: [3, 3],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof FUNCTIONS;

export const SUPPORTED_FUNCTIONS: readonly FunctionName[] = Object.keys(FUNCTIONS) as FunctionName[];

/** A malformed or unsupported expression; `position` is the 0-based character offset of the fault. */
export class ExpressionError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'ref'; v: string; pos: number }
  | { t: 'name'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '$') {
      if (src[i + 1] !== '{') throw new ExpressionError("'$' must start a reference $" + '{name}', i);
      const close = src.indexOf('}', i + 2);
      if (close < 0) throw new ExpressionError('unclosed reference $' + '{…', i);
      const name = src.slice(i + 2, close).trim();
      if (!NAME_RE.test(name)) throw new ExpressionError(`invalid question name in \${${name}}`, i);
      out.push({ t: 'ref', v: name, pos: start });
      i = close + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0) throw new ExpressionError('unclosed string literal', i);
      out.push({ t: 'str', v: src.slice(i + 1, close), pos: start });
      i = close + 1;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j] as string)) j++;
      if (src[j] === '.') {
        j++;
        while (j < src.length && /[0-9]/.test(src[j] as string)) j++;
      }
      out.push({ t: 'num', v: Number(src.slice(i, j)), pos: start });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      out.push({ t: 'op', v: two, pos: start });
      i += 2;
      continue;
    }
    if ('=<>+-*(),.'.includes(c)) {
      out.push({ t: 'op', v: c, pos: start });
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j] as string)) j++;
      out.push({ t: 'name', v: src.slice(i, j), pos: start });
      i = j;
      continue;
    }
    throw new ExpressionError(`unexpected character '${c}'`, i);
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

/** Parse an expression; throws ExpressionError on anything outside the subset. */
export function parseExpression(src: string): Expr {
  if (src.trim() === '') throw new ExpressionError('empty expression', 0);
  const toks = tokenize(src);
  let k = 0;
  const peek = (): Token => toks[k] as Token;
  const isOp = (v: string): boolean => {
    const t = peek();
    return t.t === 'op' && t.v === v;
  };
  const expectOp = (v: string): void => {
    const t = peek();
    if (!(t.t === 'op' && t.v === v)) throw new ExpressionError(`expected '${v}'`, t.pos);
    k++;
  };

  const binaryLevel = (ops: readonly string[], words: readonly string[], next: () => Expr) => (): Expr => {
    let left = next();
    for (;;) {
      const t = peek();
      const op = t.t === 'op' && ops.includes(t.v) ? t.v : t.t === 'name' && words.includes(t.v) ? t.v : undefined;
      if (op === undefined) return left;
      k++;
      const right = next();
      left = { kind: 'binary', op: op as BinaryOp, left, right };
    }
  };

  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'num') {
      k++;
      return { kind: 'number', value: t.v };
    }
    if (t.t === 'str') {
      k++;
      return { kind: 'string', value: t.v };
    }
    if (t.t === 'ref') {
      k++;
      return { kind: 'ref', name: t.v };
    }
    if (t.t === 'op' && t.v === '.') {
      k++;
      return { kind: 'current' };
    }
    if (t.t === 'op' && t.v === '(') {
      k++;
      const e = orExpr();
      expectOp(')');
      return e;
    }
    if (t.t === 'name') {
      k++;
      if (!isOp('('))
        throw new ExpressionError(`unexpected word '${t.v}' (use \${name} to refer to a question)`, t.pos);
      if (!Object.hasOwn(FUNCTIONS, t.v)) throw new ExpressionError(`unsupported function ${t.v}()`, t.pos);
      const fn = t.v as FunctionName;
      k++;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(orExpr());
        while (isOp(',')) {
          k++;
          args.push(orExpr());
        }
      }
      expectOp(')');
      const [lo, hi] = FUNCTIONS[fn];
      if (args.length < lo || args.length > hi)
        throw new ExpressionError(`${fn}() takes ${lo === hi ? lo : `${lo}–${hi}`} argument(s)`, t.pos);
      return { kind: 'call', fn, args };
    }
    throw new ExpressionError(t.t === 'end' ? 'unexpected end of expression' : `unexpected '${t.v}'`, t.pos);
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      k++;
      return { kind: 'neg', operand: unary() };
    }
    return primary();
  };
  const multiplicative = binaryLevel(['*'], ['div', 'mod'], unary);
  const additive = binaryLevel(['+', '-'], [], multiplicative);
  const relational = binaryLevel(['<', '<=', '>', '>='], [], additive);
  const equality = binaryLevel(['=', '!='], [], relational);
  const andExpr = binaryLevel([], ['and'], equality);
  const orExpr: () => Expr = binaryLevel([], ['or'], andExpr);

  const e = orExpr();
  const t = peek();
  if (t.t !== 'end') throw new ExpressionError(`unexpected '${'v' in t ? t.v : ''}'`, t.pos);
  return e;
}

/** Names of the questions an expression refers to with ${name}. */
export function references(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'ref':
      out.add(e.name);
      break;
    case 'call':
      for (const a of e.args) references(a, out);
      break;
    case 'neg':
      references(e.operand, out);
      break;
    case 'binary':
      references(e.left, out);
      references(e.right, out);
      break;
    default:
      break;
  }
  return out;
}

/** Whether the expression uses `.` (the current question's own value). */
export function usesCurrent(e: Expr): boolean {
  switch (e.kind) {
    case 'current':
      return true;
    case 'call':
      return e.args.some(usesCurrent);
    case 'neg':
      return usesCurrent(e.operand);
    case 'binary':
      return usesCurrent(e.left) || usesCurrent(e.right);
    default:
      return false;
  }
}

export interface EvalContext {
  /** Value of question `name` as XPath sees it: '' when unanswered or not relevant; a space-separated list for select_multiple. */
  value(name: string): Value;
  /** Value of `.` (constraints). */
  current?: Value;
}

export function toBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = v.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

export function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Number.isNaN(v)) return 'NaN';
  return String(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function compare(op: BinaryOp, a: Value, b: Value): boolean {
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = toNumber(a) === toNumber(b);
    else eq = a === b;
    return op === '=' ? eq : !eq;
  }
  // Dates stay comparable as ISO strings (ODK compares them as dates; lexical order is the same).
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function splitSelected(v: Value): string[] {
  const s = toStringValue(v).trim();
  return s === '' ? [] : s.split(/\s+/);
}

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'number':
    case 'string':
      return e.value;
    case 'ref':
      return ctx.value(e.name);
    case 'current':
      return ctx.current ?? '';
    case 'neg':
      return -toNumber(evaluate(e.operand, ctx));
    case 'binary': {
      if (e.op === 'or') return toBoolean(evaluate(e.left, ctx)) || toBoolean(evaluate(e.right, ctx));
      if (e.op === 'and') return toBoolean(evaluate(e.left, ctx)) && toBoolean(evaluate(e.right, ctx));
      const a = evaluate(e.left, ctx);
      const b = evaluate(e.right, ctx);
      switch (e.op) {
        case '+':
          return toNumber(a) + toNumber(b);
        case '-':
          return toNumber(a) - toNumber(b);
        case '*':
          return toNumber(a) * toNumber(b);
        case 'div':
          return toNumber(a) / toNumber(b);
        case 'mod':
          return toNumber(a) % toNumber(b);
        default:
          return compare(e.op, a, b);
      }
    }
    case 'call': {
      const args = e.args;
      switch (e.fn) {
        case 'selected':
          return splitSelected(evaluate(args[0] as Expr, ctx)).includes(
            toStringValue(evaluate(args[1] as Expr, ctx)).trim(),
          );
        case 'count-selected':
          return splitSelected(evaluate(args[0] as Expr, ctx)).length;
        case 'not':
          return !toBoolean(evaluate(args[0] as Expr, ctx));
        case 'string-length':
          return [...toStringValue(evaluate(args[0] as Expr, ctx))].length;
        case 'true':
          return true;
        case 'false':
          return false;
        case 'number':
          return toNumber(evaluate(args[0] as Expr, ctx));
        case 'string':
          return toStringValue(evaluate(args[0] as Expr, ctx));
        case 'boolean':
          return toBoolean(evaluate(args[0] as Expr, ctx));
        case 'if':
          return toBoolean(evaluate(args[0] as Expr, ctx))
            ? evaluate(args[1] as Expr, ctx)
            : evaluate(args[2] as Expr, ctx);
      }
    }
  }
}
