/**
 * Proof of work for anonymous submissions: the server hands out a signed challenge
 * `v1.<expiresMs>.<bits>.<id>.<mac>`; the client finds a nonce so that SHA-256(challenge + nonce) starts
 * with `bits` zero bits. The signature (HMAC-SHA-256 with a secret kept in app_meta) means the server keeps
 * no state until a challenge is spent; the spent challenge id is stored on the submission (unique column
 * `feedback.challenge_id`), so each challenge buys exactly one submission.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { leadingZeroBits } from '../../core/feedback/pow.js';
import type { Database } from '../db/schema.js';
import { HttpError } from '../http/errors.js';

const SECRET_KEY = 'feedback_pow_secret';
const secrets = new WeakMap<object, string>();

async function secretOf(db: Kysely<Database>): Promise<string> {
  const cached = secrets.get(db);
  if (cached) return cached;
  await db
    .insertInto('app_meta')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
  secrets.set(db, row.value);
  return row.value;
}

const mac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

export interface Challenge {
  challenge: string;
  bits: number;
  expiresAt: string;
}

export async function issueChallenge(db: Kysely<Database>, bits: number, ttlMs: number): Promise<Challenge> {
  const secret = await secretOf(db);
  const expires = Date.now() + ttlMs;
  const body = `v1.${expires}.${bits}.${randomBytes(12).toString('base64url')}`;
  return { challenge: `${body}.${mac(secret, body)}`, bits, expiresAt: new Date(expires).toISOString() };
}

/** Searches the nonce (what the browser does; used by tests, the seed and the load benchmark). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256')
      .update(challenge + n)
      .digest();
    if (leadingZeroBits(digest) >= bits) return String(n);
  }
}

const invalid = (message: string) => new HttpError(400, 'pow_invalid', message, ['challenge']);

/** Checks signature, expiry and work; returns the challenge id to store (single use). */
export async function verifyChallenge(db: Kysely<Database>, challenge: string, nonce: string): Promise<string> {
  const parts = challenge.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw invalid('Not a challenge from this server');
  const [, expires, bitsText, id, given] = parts as [string, string, string, string, string];
  const expected = Buffer.from(mac(await secretOf(db), parts.slice(0, 4).join('.')));
  const got = Buffer.from(given);
  if (expected.length !== got.length || !timingSafeEqual(expected, got))
    throw invalid('Not a challenge from this server');
  if (Number(expires) < Date.now()) {
    throw new HttpError(400, 'pow_expired', 'The challenge has expired: fetch a new one', ['challenge']);
  }
  if (!/^[0-9]{1,20}$/.test(nonce)) throw invalid('The nonce must be a decimal number');
  const digest = createHash('sha256')
    .update(challenge + nonce)
    .digest();
  if (leadingZeroBits(digest) < Number(bitsText)) throw invalid('The proof of work does not meet the difficulty');
  return id;
}
