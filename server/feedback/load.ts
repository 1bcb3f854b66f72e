/**
 * The load property of issue 7, shared by the CI test (200 concurrent, server/feedback/load.test.ts) and
 * the benchmark (1,000 from autocannon, bench/feedback.bench.ts): after N submissions fired concurrently
 * at POST /api/feedback on a real listening server, every 201 is stored exactly once, every refusal is a
 * clean 429, and nothing is lost.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SubmitBody } from './routes.js';
import { solvedSubmission } from './testing.js';

export interface FiredResponse {
  status: number;
  body: string;
}

export interface LoadFigures {
  fired: number;
  accepted: number;
  rejected429: number;
  other: number;
  /** 429 bodies that were not the standard error shape with code rate_limited. */
  unclean429: number;
  rows: number;
  /** Accepted submissions with no row. */
  lost: number;
  /** Submission ids stored more than once (must be 0; the unique index makes it impossible). */
  duplicates: number;
  /** Rows whose submission was not answered 201 (must be 0). */
  phantom: number;
  /** Tracking codes answered and found in the database. */
  codesMatched: number;
}

/** N valid bodies in `communeIds` (round robin), proof of work solved. */
export async function prepareSubmissions(
  db: Kysely<Database>,
  n: number,
  bits: number,
  communeIds: readonly string[],
): Promise<SubmitBody[]> {
  const out: SubmitBody[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await solvedSubmission(db, bits, {
        communeId: communeIds[i % communeIds.length] as string,
        categoryId: ['environment', 'infrastructure', 'land', 'health', 'education'][i % 5] as string,
        description: `Phản ánh thử tải số ${i + 1}: đèn chiếu sáng ngõ ${100 + i} bị hỏng từ tuần trước, đề nghị sửa.`,
      }),
    );
  }
  return out;
}

/** Counts what the database holds against what the clients were told. */
export async function checkLoad(
  db: Kysely<Database>,
  bodies: readonly SubmitBody[],
  responses: readonly FiredResponse[],
): Promise<LoadFigures> {
  const acceptedIds = new Set<string>();
  const codes = new Set<string>();
  let rejected429 = 0;
  let unclean429 = 0;
  let other = 0;
  responses.forEach((r, i) => {
    if (r.status === 201) {
      acceptedIds.add(bodies[i]?.submissionId ?? '');
      codes.add((JSON.parse(r.body) as { trackingCode: string }).trackingCode);
    } else if (r.status === 429) {
      rejected429++;
      try {
        const e = JSON.parse(r.body) as { code?: unknown; message?: unknown };
        if (e.code !== 'rate_limited' || typeof e.message !== 'string') unclean429++;
      } catch {
        unclean429++;
      }
    } else other++;
  });
  const ids = bodies.map((b) => b.submissionId);
  const rows = await db
    .selectFrom('feedback')
    .select(['submission_id', 'tracking_code'])
    .where('submission_id', 'in', ids)
    .execute();
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.submission_id, (seen.get(r.submission_id) ?? 0) + 1);
  return {
    fired: responses.length,
    accepted: acceptedIds.size,
    rejected429,
    other,
    unclean429,
    rows: rows.length,
    lost: [...acceptedIds].filter((id) => !seen.has(id)).length,
    duplicates: [...seen.values()].filter((n) => n > 1).length,
    phantom: [...seen.keys()].filter((id) => !acceptedIds.has(id)).length,
    codesMatched: rows.filter((r) => codes.has(r.tracking_code)).length,
  };
}
