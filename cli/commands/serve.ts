import type { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the web application and API (SQLite under var/data by default; DATABASE_URL for PostgreSQL)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('-H, --host <host>', 'interface to bind (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load demo data into an empty database')
    .action(async (opts: { port?: string; host?: string; demo: boolean }) => {
      const env = { ...process.env };
      if (opts.port) env.PORT = opts.port;
      if (opts.host) env.HOST = opts.host;
      if (!opts.demo) env.OPENPAPI_DEMO = '0';
      const { app } = await startServer(loadConfig(env));
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
