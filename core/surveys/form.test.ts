// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluate, parseExpression, references, type Value } from './expression.js';
import { checkForm, isRelevant, parseAnswerText, questionsOf, type SurveyForm, validateResponse } from './form.js';

const ev = (src: string, vals: Record<string, Value> = {}, current?: Value) =>
  evaluate(parseExpression(src), { value: (n) => vals[n] ?? '', ...(current !== undefined ? { current } : {}) });

describe('expression subset', () => {
  it('evaluates comparisons, logic, arithmetic and functions with XPath value rules', () => {
    expect(ev("${a} = 'yes'", { a: 'yes' })).toBe(true);
    expect(ev("${a} != 'yes'", { a: 'no' })).toBe(true);
    expect(ev('${age} >= 18 and ${age} < 70', { age: 30 })).toBe(true);
    expect(ev('${age} >= 18', { age: '' })).toBe(false); // unanswered → NaN
    expect(ev('${n} = 1', { n: '1' })).toBe(true); // string vs number compares numerically
    expect(ev("selected(${m}, 'b')", { m: 'a b c' })).toBe(true);
    expect(ev("selected(${m}, 'd')", { m: 'a b c' })).toBe(false);
    expect(ev('count-selected(${m})', { m: 'a b c' })).toBe(3);
    expect(ev("not(${a} = 'x') or false()", { a: 'x' })).toBe(false);
    expect(ev('1 + 2 * 3 - 4 div 2')).toBe(5);
    expect(ev('7 mod 3')).toBe(1);
    expect(ev('-(2 + 3)')).toBe(-5);
    expect(ev('. > 0 and . <= 10', {}, 5)).toBe(true);
    expect(ev('. > 0 and . <= 10', {}, 11)).toBe(false);
    expect(ev('string-length(.) <= 3', {}, 'Hà Nội')).toBe(false);
    expect(ev("${d} >= '2024-01-01'", { d: '2024-03-05' })).toBe(true);
    expect(ev("if(${a} = 'x', 1, 2)", { a: 'y' })).toBe(2);
    expect(ev('(1 = 1) = true()')).toBe(true);
  });

  it('rejects what is outside the subset, with the position', () => {
    const bad = [
      '',
      '${a} =',
      "concat('a','b')",
      'today()',
      '${a',
      "'open",
      '/data/a = 1',
      'a = 1',
      '${} = 1',
      '1 +* 2',
      'selected(${a})',
    ];
    for (const src of bad) expect(() => parseExpression(src), src).toThrow(ExpressionError);
    try {
      parseExpression("${a} = 1 and pulldata('x')");
    } catch (e) {
      expect((e as ExpressionError).position).toBe(13);
      expect((e as Error).message).toMatch(/pulldata/);
    }
  });

  it('lists references', () => {
    expect([...references(parseExpression("selected(${a}, 'x') and ${b} > ${c} + 1"))].sort()).toEqual(['a', 'b', 'c']);
  });
});

const form: SurveyForm = {
  formId: 'pulse_test',
  version: '1',
  title: { vi: 'Thử', en: 'Test' },
  defaultLanguage: 'vi',
  choiceLists: {
    yn: [
      { name: '1', label: { vi: 'Có', en: 'Yes' } },
      { name: '0', label: { vi: 'Không', en: 'No' } },
    ],
    svc: [
      { name: 'health', label: { vi: 'Y tế' } },
      { name: 'school', label: { vi: 'Trường học' } },
      { name: 'land', label: { vi: 'Đất đai' } },
    ],
  },
  children: [
    {
      kind: 'question',
      name: 'age',
      type: 'integer',
      label: { vi: 'Tuổi' },
      required: true,
      constraint: '. >= 18 and . <= 70',
      constraintMessage: { vi: 'Từ 18 đến 70 tuổi' },
    },
    {
      kind: 'question',
      name: 'voted',
      type: 'select_one',
      choices: 'yn',
      label: { vi: 'Đi bầu?' },
      required: true,
      papi: { indicator: '1.2.1' },
    },
    {
      kind: 'group',
      name: 'g_services',
      label: { vi: 'Dịch vụ' },
      relevant: "${voted} = '1'",
      children: [
        {
          kind: 'question',
          name: 'used',
          type: 'select_multiple',
          choices: 'svc',
          label: { vi: 'Đã dùng' },
          required: true,
        },
        {
          kind: 'question',
          name: 'wait',
          type: 'decimal',
          label: { vi: 'Thời gian chờ (giờ)' },
          required: false,
          relevant: "selected(${used}, 'land')",
        },
        { kind: 'note', name: 'thanks', label: { vi: 'Cảm ơn' } },
      ],
    },
    { kind: 'question', name: 'visit', type: 'date', label: { vi: 'Ngày' }, required: false },
    { kind: 'question', name: 'comment', type: 'text', label: { vi: 'Ý kiến' }, required: false },
  ],
};

describe('form model', () => {
  it('a good form has no problems; bad ones are named', () => {
    expect(checkForm(form)).toEqual([]);
    const bad: SurveyForm = structuredClone(form);
    bad.children.push({
      kind: 'question',
      name: 'age',
      type: 'text',
      label: { vi: 'x' },
      required: false,
      relevant: '${nope} = 1',
    });
    bad.children.push({
      kind: 'question',
      name: 'q2',
      type: 'select_one',
      choices: 'missing',
      label: { vi: 'x' },
      required: false,
    });
    bad.children.push({
      kind: 'question',
      name: 'q3',
      type: 'text',
      label: { vi: 'x' },
      required: false,
      papi: { indicator: '1.1.1' },
    });
    const msgs = checkForm(bad).map((p) => p.message);
    expect(msgs).toContain("duplicate name 'age'");
    expect(msgs).toContain('${nope} does not name a question');
    expect(msgs).toContain("choice list 'missing' does not exist");
    expect(msgs.some((m) => m.includes('only select_one, integer and decimal'))).toBe(true);
  });

  it('detects relevance cycles', () => {
    const cyc: SurveyForm = structuredClone(form);
    cyc.children.push({
      kind: 'question',
      name: 'x',
      type: 'text',
      label: { vi: 'x' },
      required: false,
      relevant: "${y} = 'a'",
    });
    cyc.children.push({
      kind: 'question',
      name: 'y',
      type: 'text',
      label: { vi: 'y' },
      required: false,
      relevant: "${x} = 'a'",
    });
    expect(
      checkForm(cyc)
        .map((p) => p.message)
        .join(),
    ).toMatch(/cycle/);
  });

  it('relevance follows groups and selected()', () => {
    expect(isRelevant(form, 'used', { voted: '0' })).toBe(false);
    expect(isRelevant(form, 'used', { voted: '1' })).toBe(true);
    expect(isRelevant(form, 'wait', { voted: '1', used: ['health'] })).toBe(false);
    expect(isRelevant(form, 'wait', { voted: '1', used: ['land'] })).toBe(true);
    // a question inside a group that becomes irrelevant is irrelevant even if its own condition holds
    expect(isRelevant(form, 'wait', { voted: '0', used: ['land'] })).toBe(false);
    expect(isRelevant(form, 'nope', {})).toBe(false);
  });

  it('validates a response: required only when relevant, types, choices, constraints', () => {
    const ok = validateResponse(form, { age: 40, voted: '1', used: ['land', 'health'], wait: 1.5, comment: 'tốt' });
    expect(ok.errors).toEqual([]);
    expect(ok.answers).toEqual({ age: 40, voted: '1', used: ['health', 'land'], wait: 1.5, comment: 'tốt' });

    // skipped group: 'used' is not required, stale answers are dropped
    const skipped = validateResponse(form, { age: 40, voted: '0', wait: 3 });
    expect(skipped.valid).toBe(true);
    expect(skipped.answers).toEqual({ age: 40, voted: '0' });

    const bad = validateResponse(form, { age: 80, voted: '2', visit: '2024-02-30', extra: 'x' });
    expect(bad.valid).toBe(false);
    expect(bad.errors).toEqual([
      { name: 'extra', code: 'unknown_question' },
      { name: 'age', code: 'constraint', message: { vi: 'Từ 18 đến 70 tuổi' } },
      { name: 'voted', code: 'invalid_choice' },
      { name: 'visit', code: 'invalid_date' },
    ]);
    expect(validateResponse(form, { voted: '1' }).errors.map((e) => [e.name, e.code])).toEqual([
      ['age', 'required'],
      ['used', 'required'],
    ]);
    expect(validateResponse(form, { age: 30.5, voted: '1', used: ['land', 'land'] }).errors.map((e) => e.code)).toEqual(
      ['invalid_type', 'invalid_choice'],
    );
  });

  it('parses answers given as text (CSV imports)', () => {
    const [age, , used, wait, visit] = questionsOf(form);
    expect(parseAnswerText(age!, ' 42 ')).toBe(42);
    expect(() => parseAnswerText(age!, '4.2')).toThrow(/whole number/);
    expect(parseAnswerText(used!, 'land health')).toEqual(['land', 'health']);
    expect(parseAnswerText(wait!, '')).toBeNull();
    expect(parseAnswerText(wait!, '2.5')).toBe(2.5);
    expect(parseAnswerText(visit!, '2024-05-01T10:00:00.000+07:00')).toBe('2024-05-01');
  });
});
