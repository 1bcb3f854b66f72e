import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every subcommand, in the order `openpapi --help` lists them, each loaded only when needed: a command
 * pulls in its own dependencies (the server stack, the index engine…), so `openpapi estimate` does not
 * pay for loading `serve`. One line per command.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.js')).registerServe,
  units: async () => (await import('./units.js')).registerUnits,
  users: async () => (await import('./users.js')).registerUsers,
  estimate: async () => (await import('./estimate.js')).registerEstimate,
  rank: async () => (await import('./rank.js')).registerRank,
  diagnose: async () => (await import('./diagnose.js')).registerDiagnose,
  whatif: async () => (await import('./whatif.js')).registerWhatIf,
  score: async () => (await import('./score.js')).registerScore,
  backup: async () => (await import('./backup.js')).registerBackup,
  restore: async () => (await import('./restore.js')).registerRestore,
  reminders: async () => (await import('./reminders.js')).registerReminders,
  survey: async () => (await import('./survey.js')).registerSurvey,
};

/** Registers the command named in argv (or all of them, for help and unknown commands). */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const name = argv[2];
  const names = name !== undefined && name in COMMANDS ? [name] : Object.keys(COMMANDS);
  for (const n of names) {
    const register = await COMMANDS[n]!();
    register(program);
  }
}
