import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_scores.js';
import * as m0003 from './0003_plans.js';
import * as m0004 from './0004_reminders.js';
import * as m0005 from './0005_feedback.js';
import * as m0006 from './0006_disclosures.js';
import * as m0007 from './0007_inspections.js';
import * as m0008 from './0008_surveys.js';
import * as m0009 from './0009_campaigns.js';
import * as m0010 from './0010_files.js';

/**
 * The one ordered list of migrations for both dialects. Add a module per change, named
 * NNNN_what.ts, and list it here; never edit a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_scores': m0002,
  '0003_plans': m0003,
  '0004_reminders': m0004,
  '0005_feedback': m0005,
  '0006_disclosures': m0006,
  '0007_inspections': m0007,
  '0008_surveys': m0008,
  '0009_campaigns': m0009,
  '0010_files': m0010,
};
