import type { Command } from 'commander';
import { registerBackup } from './backup.js';
import { registerDiagnose } from './diagnose.js';
import { registerEstimate } from './estimate.js';
import { registerRank } from './rank.js';
import { registerRestore } from './restore.js';
import { registerScore } from './score.js';
import { registerServe } from './serve.js';
import { registerUnits } from './units.js';
import { registerUsers } from './users.js';
import { registerWhatIf } from './whatif.js';

/**
 * Every subcommand registers itself here, one line each, in the order `openpapi --help` lists them.
 */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerUnits(program);
  registerUsers(program);
  registerEstimate(program);
  registerRank(program);
  registerDiagnose(program);
  registerWhatIf(program);
  registerScore(program);
  registerBackup(program);
  registerRestore(program);
}
