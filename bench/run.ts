/**
 * `npm run bench [-- name…]`: runs every bench/<name>.bench.ts (or the named ones) in its own
 * process, one after another, so each gets a clean heap and honest peak-memory figures.
 * Each suite prints its own table.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (suites.length === 0) {
  process.stderr.write(`bench: no suite matches ${wanted.join(', ')}\n`);
  process.exit(1);
}
let failed = 0;
for (const name of suites) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [join(here, `${name}.bench.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
