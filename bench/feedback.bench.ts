/**
 * `npm run bench -- feedback`: issue 7's load property. 1,000 public submissions fired concurrently by
 * autocannon (1,000 connections, one request each) over loopback TCP at the real server — `openpapi serve`
 * in its own process (tsx cli/main.ts serve) — on a fresh SQLite file and a fresh PostgreSQL database,
 * then the rows are counted:
 *
 *   every accepted (201) submission stored exactly once, every refusal a clean 429
 *   ({code:'rate_limited', message}), none lost: accepted + 429 = fired, rows = accepted.
 *
 * The per-client limit is set to 500 (env FEEDBACK_SUBMIT_MAX, default in production 30 per 10 minutes) so
 * that both outcomes occur in one burst from one address. Each body carries its own submissionId and a
 * proof of work for a challenge fetched from the server (GET /api/feedback/challenge) and solved beforehand
 * (FEEDBACK_POW_BITS=8 on the bench server), as a browser would.
 * Env: BENCH_N (1000), BENCH_LIMIT (500), BENCH_DIALECTS (sqlite,postgres). Exit code 1 if the property fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { insertFixtureUnits, UNITS } from '../server/auth/testing.js';
import { type DbHandle, type Dialect, openDatabase } from '../server/db/connection.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DIALECTS, TEST_PG_URL } from '../server/db/testing.js';
import { checkLoad, type FiredResponse, type LoadFigures } from '../server/feedback/load.js';
import { solveChallenge } from '../server/feedback/pow.js';
import type { SubmitBody } from '../server/feedback/routes.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const POW_BITS = 8;

interface AutocannonResult {
  duration: number;
  latency: { p50: number; p99: number; max: number };
  requests: { average: number };
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest: (req: { body?: string }, context: Record<string, unknown>) => { body?: string };
  onResponse: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    pipelining: number;
    requests: AutocannonRequest[];
  },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => unknown;
// autocannon ships no types; its documented options are typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const N = Number(process.env.BENCH_N ?? 1000);
const LIMIT = Number(process.env.BENCH_LIMIT ?? 500);
const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];

interface Row extends LoadFigures {
  dialect: string;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  ok: boolean;
}

/** A fresh, migrated database with the fixture units, and how to drop it. */
async function freshDatabase(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openpapi-bench-'));
    url = `sqlite:${join(dir, 'bench.sqlite')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `bench_feedback_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(TEST_PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const handle = openDatabase(url);
  await migrateToLatest(handle);
  await insertFixtureUnits(handle.db);
  await handle.close();
  return { url, drop };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

/** `openpapi serve` in its own process; resolves once /api/health answers. */
async function startServerProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'cli', 'main.ts'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--no-demo'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        FEEDBACK_SUBMIT_MAX: String(LIMIT),
        FEEDBACK_POW_BITS: String(POW_BITS),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('server did not start within 60 s');
}

/** N bodies whose challenges come from the server, solved here (the browser's Web Worker does the same). */
async function prepare(url: string, n: number): Promise<SubmitBody[]> {
  const communes = [UNITS.a1, UNITS.a2, UNITS.b1];
  const out: SubmitBody[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${url}/api/feedback/challenge`);
    if (!r.ok) throw new Error(`challenge ${i}: ${r.status} ${await r.text()}`);
    const { challenge, bits } = (await r.json()) as { challenge: string; bits: number };
    out.push({
      submissionId: randomUUID(),
      track: 'feedback',
      categoryId: ['environment', 'infrastructure', 'land', 'health', 'education'][i % 5] as string,
      communeId: communes[i % communes.length] as string,
      description: `Phản ánh thử tải số ${i + 1}: đèn chiếu sáng ngõ ${100 + i} bị hỏng từ tuần trước, đề nghị sửa.`,
      challenge,
      nonce: solveChallenge(challenge, bits),
    });
  }
  return out;
}

async function run(dialect: Dialect): Promise<Row> {
  const database = await freshDatabase(dialect);
  let handle: DbHandle | undefined;
  let child: ChildProcess | undefined;
  try {
    const server = await startServerProcess(database.url);
    child = server.child;
    const { url } = server;
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const bodies = await prepare(url, N);
    const responses: FiredResponse[] = new Array(N);
    let next = 0;
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      autocannon(
        {
          url,
          connections: N,
          amount: N,
          timeout: 120,
          pipelining: 1,
          requests: [
            {
              method: 'POST',
              path: '/api/feedback',
              headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
              setupRequest: (req, context) => {
                const i = next++;
                context.i = i;
                return { ...req, body: JSON.stringify(bodies[i]) };
              },
              onResponse: (status, body, context) => {
                responses[context.i as number] = { status, body };
              },
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });
    handle = openDatabase(database.url);
    const answered = responses.filter(Boolean);
    const figures = await checkLoad(
      handle.db,
      bodies.filter((_, i) => responses[i]),
      answered,
    );
    const ok =
      answered.length === N &&
      figures.fired === N &&
      figures.accepted + figures.rejected429 === N &&
      figures.other === 0 &&
      figures.unclean429 === 0 &&
      figures.rows === figures.accepted &&
      figures.lost === 0 &&
      figures.duplicates === 0 &&
      figures.phantom === 0 &&
      figures.codesMatched === figures.accepted &&
      result.errors === 0;
    return {
      dialect,
      ...figures,
      seconds: result.duration,
      rps: N / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok,
    };
  } finally {
    await handle?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.drop();
  }
}

const rows: Row[] = [];
for (const d of DIALECTS.filter((x) => wanted.includes(x))) rows.push(await run(d));

const cols: [string, (r: Row) => string][] = [
  ['dialect', (r) => r.dialect],
  ['fired', (r) => String(r.fired)],
  ['201', (r) => String(r.accepted)],
  ['429', (r) => String(r.rejected429)],
  ['other', (r) => String(r.other)],
  ['unclean 429', (r) => String(r.unclean429)],
  ['rows', (r) => String(r.rows)],
  ['lost', (r) => String(r.lost)],
  ['dup', (r) => String(r.duplicates)],
  ['phantom', (r) => String(r.phantom)],
  ['codes ok', (r) => String(r.codesMatched)],
  ['s', (r) => r.seconds.toFixed(2)],
  ['req/s', (r) => r.rps.toFixed(0)],
  ['p50 ms', (r) => String(r.p50)],
  ['p99 ms', (r) => String(r.p99)],
  ['property', (r) => (r.ok ? 'HOLDS' : 'FAILS')],
];
const table = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))];
const widths = cols.map((_, i) => Math.max(...table.map((line) => (line[i] ?? '').length)));
process.stdout.write(
  `\n${N} concurrent POST /api/feedback (limit ${LIMIT} per client), autocannon over loopback → openpapi serve (own process); ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end\n\n` +
    table.map((line) => line.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')).join('\n') +
    '\n',
);
process.exit(rows.length > 0 && rows.every((r) => r.ok) ? 0 : 1);
