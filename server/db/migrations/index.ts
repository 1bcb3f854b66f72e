import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_scores.js';

/**
 * The one ordered list of migrations for both dialects. Add a module per change, named
 * NNNN_what.ts, and list it here; never edit a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_scores': m0002,
};
