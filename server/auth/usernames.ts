import { z } from 'zod';

/** Usernames are stored NFC, trimmed, lower case: 'Admin' and 'admin' are one account. */
export const normalizeUsername = (username: string): string => username.normalize('NFC').trim().toLowerCase();

/** 2–64 characters: letters, digits, dot, dash, underscore (e.g. 'tinh.hungyen'). */
export const UsernameSchema = z
  .string()
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._-]{1,63}$/,
        'Username: 2–64 characters, letters a–z, digits, dot, dash or underscore, starting with a letter or digit',
      ),
  );
