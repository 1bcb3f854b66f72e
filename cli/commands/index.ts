import type { Command } from 'commander';
import { registerEstimate } from './estimate.js';
import { registerServe } from './serve.js';

/**
 * Every subcommand registers itself here, one line each, in the order `openpapi --help` lists them.
 */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerEstimate(program);
}
