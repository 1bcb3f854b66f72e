/**
 * Proof of work, the pure part: counting leading zero bits of a digest. The server signs challenges and
 * checks SHA-256(challenge + nonce) (server/feedback/pow.ts); the browser searches the nonce.
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const b of digest) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(b) - 24;
    break;
  }
  return bits;
}
