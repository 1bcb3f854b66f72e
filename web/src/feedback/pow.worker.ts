/**
 * Proof-of-work solver, run off the main thread so typing stays smooth: finds the first nonce
 * (counting up from 0) whose SHA-256 of `challenge + nonce` begins with `bits` zero bits
 * (server/feedback/README.md).
 * @noble/hashes rather than crypto.subtle: it also works on plain-http intranet addresses, where
 * browsers hide crypto.subtle, and hashing synchronously avoids a promise per attempt.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { leadingZeroBits } from './powCheck';

interface Job {
  challenge: string;
  bits: number;
}

const encoder = new TextEncoder();

self.onmessage = (event: MessageEvent<Job>) => {
  const { challenge, bits } = event.data;
  const started = performance.now();
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(sha256(encoder.encode(challenge + nonce))) >= bits) {
      self.postMessage({ nonce: String(nonce), attempts: nonce + 1, ms: performance.now() - started });
      return;
    }
  }
};
