/**
 * Tracking codes (mã theo dõi) for citizens: 10 random characters from a 30-character alphabet without
 * look-alikes (0, O, 1, I, L and U are left out) plus one check character (Luhn mod N), shown
 * as XXXX-XXXX-XXX. 30^10 ≈ 5.9·10^14 codes (49 bits): unguessable at the rate limits of the tracking
 * endpoint. The check character catches every single mistyped character and every swap of neighbours
 * before the database is asked.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = CODE_ALPHABET.length;
const BODY = 10;

/** Luhn mod N check character of `body` (characters of CODE_ALPHABET). */
export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const cp = CODE_ALPHABET.indexOf(body[i] as string);
    if (cp < 0) throw new Error(`not a tracking code character: ${body[i]}`);
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N] as string;
}

/**
 * A new code from random bytes (pass `crypto.randomBytes`/`getRandomValues` output; ≥ 10 bytes).
 * Bytes ≥ 240 are skipped so every character is equally likely (240 = 8 × 30).
 */
export function generateTrackingCode(randomBytes: (n: number) => Uint8Array): string {
  let body = '';
  while (body.length < BODY) {
    for (const b of randomBytes(16)) {
      if (b < 240 && body.length < BODY) body += CODE_ALPHABET[b % N];
    }
  }
  return formatTrackingCode(body + checkCharacter(body));
}

export const formatTrackingCode = (raw: string): string => `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;

/**
 * Reads what a citizen typed: case-insensitive, spaces and hyphens ignored. A character outside the
 * alphabet or a wrong check character gives null (answer "not found" without asking the database).
 */
export function parseTrackingCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== BODY + 1) return null;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
  if (checkCharacter(raw.slice(0, BODY)) !== raw[BODY]) return null;
  return formatTrackingCode(raw);
}
