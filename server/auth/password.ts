/**
 * Passwords: argon2id (@node-rs/argon2 defaults: m=19456 KiB, t=2, p=1, the OWASP minimum). Only the
 * PHC-format hash is stored; the password itself never leaves this file's callers.
 */
import { hash, verify } from '@node-rs/argon2';
import { InputError } from '../../core/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** Throws InputError (400 `weak_password`) for a password too short or too long. */
export function assertPasswordStrength(password: string, path: (string | number)[] = ['password']): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError(`Password must have at least ${MIN_PASSWORD_LENGTH} characters`, { path }, 'weak_password');
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new InputError(`Password must have at most ${MAX_PASSWORD_LENGTH} characters`, { path }, 'weak_password');
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // malformed hash: never a match
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash so that "unknown user" costs the same time as "wrong password"
 * (no user enumeration by timing).
 */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hash('openpapi-no-such-user-placeholder');
  await verifyPassword(await dummyHash, password);
}
