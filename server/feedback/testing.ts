/**
 * Helpers for tests, the demo seed and the load benchmark: a valid public submission body with its
 * proof of work solved.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { issueChallenge, solveChallenge } from './pow.js';
import type { SubmitBody } from './routes.js';

/** A body ready to POST to /api/feedback (challenge minted directly from the server's secret). */
export async function solvedSubmission(
  db: Kysely<Database>,
  bits: number,
  body: Partial<SubmitBody> & Pick<SubmitBody, 'communeId'>,
): Promise<SubmitBody> {
  const { challenge } = await issueChallenge(db, bits, 15 * 60 * 1000);
  return {
    submissionId: randomUUID(),
    track: 'feedback',
    categoryId: 'environment',
    description: 'Rác thải ùn ứ ở đầu thôn Đông đã hơn một tuần chưa được thu gom.',
    ...body,
    challenge,
    nonce: solveChallenge(challenge, bits),
  };
}
