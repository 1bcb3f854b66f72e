import type { Command } from 'commander';

/**
 * Every subcommand registers itself here, one line each, in the order `openpapi --help` lists them.
 */
export function registerCommands(program: Command): void {
  void program;
}
