import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type AppConfig, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty } from './demo/seed.js';

/** Opens the database, migrates, loads demo data on first start, and listens. */
export async function startServer(config: AppConfig = loadConfig()): Promise<{ app: FastifyInstance; url: string }> {
  const handle = openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(handle);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (applied.length > 0) say(`database: applied ${applied.length} migration(s) on ${handle.dialect}`);
  if (config.demo) await seedDemoIfEmpty(handle, say);

  const app = await buildApp({ handle, config });
  app.addHook('onClose', async () => handle.close());
  const address = await app.listen({ port: config.port, host: config.host });
  const shown =
    config.host === '0.0.0.0' || config.host === '::' ? address.replace(/\/\/[^:]+:/, '//localhost:') : address;
  const url = shown.replace('127.0.0.1', 'localhost');
  say(`OpenPAPI is running at ${url}  (API docs: ${url}/api/docs)`);
  return { app, url };
}
