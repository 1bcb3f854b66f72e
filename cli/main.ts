/**
 * The `openpapi` command. Each subcommand lives in cli/commands/<name>.ts and is registered in
 * cli/commands/index.ts. User errors (InputError) print one line and exit 2; bugs keep their stack.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../core/errors.js';
import { VERSION } from '../server/version.js';
import { registerCommands } from './commands/index.js';

const program = new Command('openpapi')
  .description('OpenPAPI: PAPI governance index engine, plans, reports and citizen engagement')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

await registerCommands(program, process.argv);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof InputError) {
    process.stderr.write(`openpapi: ${err.toString()}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
