import type { Command } from 'commander';
import { writeBackup } from '../../server/backup/backup.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/connection.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent snapshot of the whole database to a portable archive (safe while serving)')
    .argument('<out>', 'archive to write, e.g. openpapi-2026-01-31.jsonl.gz')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .action(async (file: string, opts: { database?: string }) => {
      const handle = openDatabase(opts.database ?? loadConfig().databaseUrl);
      try {
        const s = await writeBackup(handle, file);
        const total = Object.values(s.rows).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `backup: ${total} rows in ${Object.keys(s.rows).length} tables from ${handle.dialect} → ${file} ` +
            `(${Math.ceil(s.bytes / 1024)} KB, ${Math.round(s.ms)} ms)\n`,
        );
      } finally {
        await handle.close();
      }
    });
}
