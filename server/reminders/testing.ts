/**
 * Test helpers for reminders: a REAL SMTP server on an ephemeral local port (smtp-server) that keeps
 * every message it accepts, parsed with postal-mime; and minimal plan/task/report rows.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../db/schema.js';

export interface CapturedMail {
  envelopeTo: string[];
  email: Email;
}

export interface SmtpCapture {
  url: string;
  port: number;
  messages: CapturedMail[];
  /** While true, the server answers every message with 451 (a temporary failure). */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const capture: SmtpCapture = {
    url: '',
    port: 0,
    messages: [],
    refuse: false,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (capture.refuse) {
          const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
          callback(err);
          return;
        }
        PostalMime.parse(Buffer.concat(chunks))
          .then((email) => {
            capture.messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), email });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  capture.port = port;
  capture.url = `smtp://127.0.0.1:${port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

const now = () => new Date().toISOString();

/** A plan row of a unit (status issued unless said otherwise). */
export async function insertPlan(
  db: Kysely<Database>,
  unitId: string,
  overrides: Partial<Database['plan']> = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('plan')
    .values({
      id,
      unit_id: unitId,
      year: 2026,
      status: 'issued',
      version: 1,
      title: 'Cải thiện, nâng cao Chỉ số PAPI năm 2026',
      number: '12',
      symbol: 'KH-UBND',
      issued_date: '2026-01-08',
      place: null,
      issuing_body: 'ỦY BAN NHÂN DÂN',
      signer_name: 'Trần Thị Bình',
      signer_title: 'CHỦ TỊCH',
      parent_plan_id: null,
      basis_json: '[]',
      purpose: '',
      requirements: '',
      communication: '',
      inspection: '',
      organisation: '',
      recipients_json: '[]',
      created_by: null,
      created_at: now(),
      updated_at: now(),
      issued_at: now(),
      closed_at: null,
      ...overrides,
    })
    .execute();
  return id;
}

export async function insertTask(
  db: Kysely<Database>,
  planId: string,
  unitId: string,
  overrides: Partial<Database['plan_task']> = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('plan_task')
    .values({
      id,
      plan_id: planId,
      unit_id: unitId,
      position: 1,
      title: 'Công khai danh sách hộ nghèo',
      description: '',
      dimension: 2,
      subdimension: null,
      indicator: null,
      lead_unit_id: unitId,
      lead_unit_name: 'UBND xã',
      cooperating_json: '[]',
      start_date: null,
      due_date: '2026-03-31',
      expected_output: '',
      status: 'in_progress',
      progress: 20,
      parent_task_id: null,
      library_key: null,
      completed_at: null,
      created_at: now(),
      updated_at: now(),
      ...overrides,
    })
    .execute();
  return id;
}

export async function insertReport(
  db: Kysely<Database>,
  unitId: string,
  overrides: Partial<Database['plan_report']> = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('plan_report')
    .values({
      id,
      unit_id: unitId,
      plan_id: null,
      period: '2026Q1',
      year: 2026,
      status: 'draft',
      summary: '',
      proposals: '',
      due_date: '2026-03-19',
      submitted_at: null,
      submitted_by: null,
      decided_at: null,
      decided_by: null,
      return_reason: null,
      consolidated_at: null,
      created_at: now(),
      updated_at: now(),
      ...overrides,
    })
    .execute();
  return id;
}
