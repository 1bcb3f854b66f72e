/**
 * Synthetic responses (dữ liệu giả lập) for tests, demos and benchmarks: plausible answers to any form,
 * drawn with a seed, respecting skip logic and constraints (each response passes validateResponse), with
 * the design columns of a sample. Village effects make answers correlated within PSUs, so design effects
 * are realistic. Never used to produce a result shown as real.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';
import { type Answers, type AnswerValue, isRelevant, questionsOf, type SurveyForm, validateResponse } from './form.js';
import type { ResponseRecord } from './results.js';

export interface SyntheticUnit {
  stratum: string | null;
  cluster: string | null;
  weight: number | null;
}

export function syntheticResponses(form: SurveyForm, units: readonly SyntheticUnit[], seed: number): ResponseRecord[] {
  const rng = mersenne(seed | 0);
  const u = () => uniformInt(rng, 0, 2 ** 30 - 1) / 2 ** 30;
  const clusterShift = new Map<string, number>();
  const questions = questionsOf(form);
  return units.map((unit) => {
    const key = unit.cluster ?? '';
    if (!clusterShift.has(key)) clusterShift.set(key, (u() - 0.5) * 0.5);
    const shift = clusterShift.get(key)!;
    const answers: Answers = {};
    // Answer in document order, re-checking relevance as answers accumulate.
    for (const q of questions) {
      if (!isRelevant(form, q.name, answers)) continue;
      if (!q.required && u() < 0.05) continue;
      let v: AnswerValue | undefined;
      const list = form.choiceLists[q.choices ?? ''] ?? [];
      switch (q.type) {
        case 'select_one': {
          // Skewed towards later choices by the village effect: p ∝ exp(shift·k·2).
          const w = list.map((_, k) => Math.exp(shift * 2 * k + (k === 0 ? 0.3 : 0)));
          let r = u() * w.reduce((a, b) => a + b, 0);
          let k = 0;
          while (k < w.length - 1 && r >= w[k]!) r -= w[k++]!;
          v = list[k]?.name;
          break;
        }
        case 'select_multiple': {
          const picked = list.filter(() => u() < 0.35 + shift).map((c) => c.name);
          v = picked.length > 0 ? picked : list[0] ? [list[0].name] : [];
          break;
        }
        case 'integer':
          v = Math.floor(u() * 6);
          break;
        case 'decimal':
          v = Math.round((1 + u() * 4 + shift) * 100) / 100;
          break;
        case 'text':
          v = u() < 0.2 ? 'Góp ý thử nghiệm' : undefined;
          break;
        case 'date':
          v = `2024-0${1 + Math.floor(u() * 9)}-1${Math.floor(u() * 9)}`;
          break;
      }
      if (v !== undefined) answers[q.name] = v;
      // Drop an answer its constraint refuses (e.g. integer bounds), so the response stays valid.
      if (q.constraint && v !== undefined) {
        const check = validateResponse(form, answers);
        if (check.errors.some((e) => e.name === q.name && e.code === 'constraint')) delete answers[q.name];
      }
    }
    const clean = validateResponse(form, answers);
    return { answers: clean.answers, stratum: unit.stratum, cluster: unit.cluster, weight: unit.weight };
  });
}
