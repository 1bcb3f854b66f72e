/**
 * Solves the submission's proof-of-work in a Web Worker while the citizen fills in the form, so the
 * answer is usually ready before they press "Gửi". One solve per challenge; a fresh challenge (they
 * expire) replaces the old one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Challenge, fetchChallenge } from './api';

export interface Solved {
  challenge: string;
  nonce: string;
  expiresAt: string;
  /** Hashes tried and time taken in the worker (shown to tests as data attributes). */
  attempts: number;
  ms: number;
}

export function solve(challenge: Challenge): { promise: Promise<Solved>; cancel: () => void } {
  const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  const promise = new Promise<Solved>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ nonce: string; attempts: number; ms: number }>) => {
      const { nonce, attempts, ms } = e.data;
      resolve({ challenge: challenge.challenge, nonce, expiresAt: challenge.expiresAt, attempts, ms });
      worker.terminate();
    };
    worker.onerror = (e) => {
      reject(new Error(e.message || 'proof-of-work worker failed'));
      worker.terminate();
    };
  });
  worker.postMessage({ challenge: challenge.challenge, bits: challenge.bits });
  return { promise, cancel: () => worker.terminate() };
}

type State = { state: 'idle' | 'working' | 'ready' | 'error'; error?: unknown; solved?: Solved };

/**
 * Starts when `start()` is first called (the citizen begins typing) and keeps one solved challenge
 * ready; `take()` returns it (waiting if still working, refreshing it if expired) and uses it up.
 */
export function useProofOfWork() {
  const [status, setStatus] = useState<State>({ state: 'idle' });
  const current = useRef<{ promise: Promise<Solved>; cancel: () => void } | null>(null);

  const run = useCallback(() => {
    current.current?.cancel();
    setStatus({ state: 'working' });
    let cancelled = false;
    let cancelSolve = () => {};
    const promise = fetchChallenge().then((c) => {
      if (cancelled) throw new Error('cancelled');
      const job = solve(c);
      cancelSolve = job.cancel;
      return job.promise;
    });
    current.current = {
      promise,
      cancel: () => {
        cancelled = true;
        cancelSolve();
      },
    };
    promise.then(
      (solved) => setStatus({ state: 'ready', solved }),
      (error) => {
        if (!cancelled) setStatus({ state: 'error', error });
      },
    );
    promise.catch(() => undefined);
    return promise;
  }, []);

  const start = useCallback(() => {
    if (!current.current) run();
  }, [run]);

  const take = useCallback(async (): Promise<Solved> => {
    let solved = await (current.current?.promise ?? run()).catch(() => run());
    // Keep a margin of 30 s: the request still has to travel.
    if (Date.parse(solved.expiresAt) - Date.now() < 30_000) solved = await run();
    current.current = null;
    setStatus({ state: 'idle' });
    return solved;
  }, [run]);

  useEffect(() => () => current.current?.cancel(), []);

  return { status, start, take, restart: run };
}
