/**
 * `npm run bench -- score`: microdata → PAPI scores with bootstrap uncertainty through the whole pipeline.
 * Target: 1,000 Rao–Wu replicates for 34 provinces from 20,000 SYNTHETIC respondents in under 2 s
 * (recode + design + replicate factors + replicate domain estimates + aggregation, intervals, rank intervals).
 * The published-score paths (ranking table, diagnosis, smallest change to the next group) are timed too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../core/index/diagnosis.js';
import { parseFramework } from '../core/index/framework.js';
import { rankingTable } from '../core/index/ranking.js';
import type { MicrodataInput } from '../core/index/run.js';
import { runIndex } from '../core/index/run.js';
import { syntheticFramework, syntheticMicrodataInput } from '../core/index/testing/synthetic-framework.js';
import { loadShippedIndexData, shippedDataDir } from '../server/io/published-scores.js';

function time<T>(fn: () => T, repeat = 1): { ms: number; value: T } {
  let value = fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) value = fn();
  return { ms: (performance.now() - t0) / repeat, value };
}

const base = parseFramework(
  JSON.parse(readFileSync(join(shippedDataDir(), 'papi', 'frameworks', 'papi-2021-2024.json'), 'utf8')),
  'papi-2021-2024.json',
);
const { framework, items } = syntheticFramework(base);
const input: MicrodataInput = syntheticMicrodataInput({ seed: 1, respondents: 20_000, items, provinces: 34 });

const results: [string, string, string][] = [];
const run = time(() => runIndex(framework, input, { replicates: 1000, seed: 5 }), 3);
results.push([
  `score: 20,000 respondents × ${items} indicators, 34 provinces, 1,000 replicates`,
  `${run.ms.toFixed(0)} ms`,
  run.ms < 2000 ? 'target < 2 s: met' : 'target < 2 s: MISSED',
]);

const data = await loadShippedIndexData();
const rank = time(() => rankingTable(data.series63, 2024, 'total'), 50);
results.push(['ranking table, 63 provinces, 2024 total', `${rank.ms.toFixed(2)} ms`, '']);
const diag = time(() => diagnose(data.series63, 2024, '01', { regions: data.regions }), 10);
results.push(['diagnosis of Hà Nội 2024 (groups, gaps, trend, peers, what-if)', `${diag.ms.toFixed(1)} ms`, '']);
const mem = process.memoryUsage();
results.push(['peak resident memory (process)', `${(mem.rss / 2 ** 20).toFixed(0)} MiB`, '']);

const w = Math.max(...results.map((r) => r[0].length));
process.stdout.write(`${'case'.padEnd(w)}  ${'time'.padStart(10)}  note\n`);
for (const [a, b, c] of results) process.stdout.write(`${a.padEnd(w)}  ${b.padStart(10)}  ${c}\n`);
process.stdout.write(
  `check: province P01 total ${run.value.results.provinces[0]!.total.value!.toFixed(3)} ± ${(1.96 * run.value.results.provinces[0]!.total.se!).toFixed(3)}, rank ${run.value.results.provinces[0]!.rank} [${run.value.results.provinces[0]!.rankInterval!.lo}, ${run.value.results.provinces[0]!.rankInterval!.hi}]\n`,
);
