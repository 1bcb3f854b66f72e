/**
 * The status machine of an item. Rejection needs a reason, an answer needs its text; both are checked
 * here so every adapter (HTTP, CLI, seed) applies the same rules.
 */
import { InputError } from '../errors.js';
import type { Status } from './types.js';

export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  received: ['accepted', 'rejected'],
  accepted: ['in_progress', 'answered'],
  in_progress: ['answered'],
  answered: ['closed', 'in_progress'],
  rejected: ['closed'],
  closed: [],
};

export const canTransition = (from: Status, to: Status): boolean => TRANSITIONS[from].includes(to);

export interface TransitionInput {
  to: Status;
  reason?: string | undefined;
  answer?: string | undefined;
}

/** Throws InputError (code invalid_transition / reason_required / answer_required) when not allowed. */
export function checkTransition(from: Status, input: TransitionInput): void {
  if (!canTransition(from, input.to)) {
    throw new InputError(`Cannot go from ${from} to ${input.to}`, { path: ['to'] }, 'invalid_transition');
  }
  if (input.to === 'rejected' && !input.reason?.trim()) {
    throw new InputError('A rejection needs a reason', { path: ['reason'] }, 'reason_required');
  }
  if (input.to === 'answered' && !input.answer?.trim()) {
    throw new InputError('An answer needs its text', { path: ['answer'] }, 'answer_required');
  }
}

/** Open311 maps every status to open or closed. */
export const isOpen = (s: Status): boolean => s === 'received' || s === 'accepted' || s === 'in_progress';
