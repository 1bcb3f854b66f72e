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
  /** Reminder e-mail (server/reminders): SMTP_URL (smtp[s]://user:pass@host:port) or host/port/user/pass. */
  SMTP_URL: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().min(1).default('OpenPAPI <no-reply@openpapi.local>'),
  /** When reminders are sent (cron, Asia/Ho_Chi_Minh); default 07:00 every day. */
  OPENPAPI_REMINDERS_CRON: z.string().min(1).default('0 7 * * *'),
});

/** SMTP settings; null when none are configured (reminders are then shown in the app only). */
export interface SmtpConfig {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  from: string;
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  demo: boolean;
  secureCookies: 'auto' | boolean;
  logLevel: string;
  smtp: SmtpConfig | null;
  remindersCron: string;
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
    smtp:
      e.SMTP_URL || e.SMTP_HOST
        ? {
            ...(e.SMTP_URL ? { url: e.SMTP_URL } : {}),
            ...(e.SMTP_HOST ? { host: e.SMTP_HOST } : {}),
            ...(e.SMTP_PORT ? { port: e.SMTP_PORT } : {}),
            ...(e.SMTP_USER ? { user: e.SMTP_USER } : {}),
            ...(e.SMTP_PASS !== undefined ? { pass: e.SMTP_PASS } : {}),
            from: e.SMTP_FROM,
          }
        : null,
    remindersCron: e.OPENPAPI_REMINDERS_CRON,
  };
}
