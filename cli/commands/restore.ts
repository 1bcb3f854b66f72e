import type { Command } from 'commander';
import { restoreBackup } from '../../server/backup/restore.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/connection.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('Load a backup archive into an EMPTY database (SQLite or PostgreSQL, either way round)')
    .argument('<in>', 'archive written by `openpapi backup`')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .action(async (file: string, opts: { database?: string }) => {
      const handle = openDatabase(opts.database ?? loadConfig().databaseUrl);
      try {
        const s = await restoreBackup(handle, file);
        const total = Object.values(s.rows).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `restore: ${total} rows in ${Object.keys(s.rows).length} tables into ${handle.dialect} ` +
            `(backup of ${s.sourceDialect} taken ${s.createdAt}, ${Math.round(s.ms)} ms)\n`,
        );
      } finally {
        await handle.close();
      }
    });
}
