import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Runtime configuration from the environment. The embedded default is a SQLite file under var/data
 * (gitignored), so `npm start` on a fresh clone needs nothing else.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  OPENPAPI_DATA_DIR: z.string().min(1).default('var/data'),
  /** Load the demo data set on first start of an empty database ('0' to disable). */
  OPENPAPI_DEMO: z.enum(['0', '1']).default('1'),
  /** Secure cookies need HTTPS; default on except on loopback HTTP, where browsers drop them. */
  OPENPAPI_SECURE_COOKIES: z.enum(['auto', '0', '1']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  demo: boolean;
  secureCookies: 'auto' | boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = EnvSchema.parse(env);
  const dataDir = resolve(e.OPENPAPI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'openpapi.sqlite')}`,
    dataDir,
    demo: e.OPENPAPI_DEMO === '1',
    secureCookies: e.OPENPAPI_SECURE_COOKIES === 'auto' ? 'auto' : e.OPENPAPI_SECURE_COOKIES === '1',
    logLevel: e.LOG_LEVEL,
  };
}
