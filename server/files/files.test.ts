import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';
import { errorHandler } from '../http/errors.js';
import {
  checkUpload,
  contentDisposition,
  deleteFilesOf,
  FILE_LIMITS,
  listFiles,
  readMultipart,
  readStoredFile,
  sendStoredFile,
  storeFile,
} from './index.js';
import { multipart, PDF_MINIMAL, PNG_1X1 } from './testing.js';

const actor = systemActor('files-test');

describe('upload checks (bytes, not names)', () => {
  it('accepts a PNG and a PDF as citizen attachments and reports the detected type', async () => {
    expect(
      await checkUpload(
        { filename: 'ảnh.png', mediaType: 'image/png', content: PNG_1X1 },
        FILE_LIMITS.citizenAttachment,
      ),
    ).toBe('image/png');
    expect(
      await checkUpload({ filename: 'x.bin', mediaType: 'text/plain', content: PDF_MINIMAL }, FILE_LIMITS.evidence),
    ).toBe('application/pdf');
  });

  it('refuses a text file renamed .png, naming the file', async () => {
    const err = await checkUpload(
      {
        filename: 'C:\\fakepath\\ảnh hiện trường.png',
        mediaType: 'image/png',
        content: Buffer.from('<script>alert(1)</script>'),
      },
      FILE_LIMITS.citizenAttachment,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('file_type_not_allowed');
    expect((err as InputError).message).toMatch(/^ảnh hiện trường\.png: this kind of file is not accepted here/);
    expect((err as InputError).location.file).toBe('ảnh hiện trường.png');
  });

  it('refuses files over the size limit and empty files', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(FILE_LIMITS.citizenAttachment.maxBytes)]);
    await expect(
      checkUpload({ filename: 'big.png', mediaType: 'image/png', content: big }, FILE_LIMITS.citizenAttachment),
    ).rejects.toThrow(/big\.png: 5\.0 MB is larger than the 5\.0 MB allowed/);
    await expect(
      checkUpload(
        { filename: 'empty.pdf', mediaType: 'application/pdf', content: Buffer.alloc(0) },
        FILE_LIMITS.evidence,
      ),
    ).rejects.toThrow(/empty\.pdf: the file is empty/);
  });

  it('a DOCX is evidence but not a citizen attachment', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Biên bản')] }] }));
    const file = { filename: 'biên bản.docx', mediaType: 'application/octet-stream', content: docx };
    expect(await checkUpload(file, FILE_LIMITS.evidence)).toMatch(/wordprocessingml/);
    await expect(checkUpload(file, FILE_LIMITS.citizenAttachment)).rejects.toThrow(/a DOCX file is not accepted here/);
  });

  it('content-disposition keeps the Vietnamese name exactly and gives an ASCII fallback', () => {
    expect(contentDisposition('Báo cáo quý 1 "Đợt 2".pdf', false)).toBe(
      `inline; filename="Bao cao quy 1 _Dot 2_.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo quý 1 "Đợt 2".pdf')}`,
    );
  });
});

describe.each(DIALECTS)('file store on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
  });
  afterAll(async () => tdb.destroy());

  it('stores, lists and reads back the exact bytes with their checksum, audited without the bytes', async () => {
    const meta = await inTransaction(tdb.db, (tx) =>
      storeFile(tx, actor, {
        ownerType: 'task',
        ownerId: 'task-1',
        unitId: UNITS.a1,
        file: { filename: 'ảnh.png', mediaType: 'application/octet-stream', content: PNG_1X1 },
        limits: FILE_LIMITS.evidence,
      }),
    );
    expect(meta).toMatchObject({ filename: 'ảnh.png', mediaType: 'image/png', size: PNG_1X1.length, unitId: UNITS.a1 });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await readStoredFile(tdb.db, meta.id);
    expect(back?.content.equals(PNG_1X1)).toBe(true);
    expect(await listFiles(tdb.db, 'task', 'task-1')).toEqual([meta]);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', meta.id)
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain('ảnh.png');
    expect(audit.after_json).not.toContain('content');
  });

  it('rolls back with the record it belongs to', async () => {
    await expect(
      inTransaction(tdb.db, async (tx) => {
        await storeFile(tx, actor, {
          ownerType: 'task',
          ownerId: 'task-rollback',
          unitId: null,
          file: { filename: 'a.pdf', mediaType: 'application/pdf', content: PDF_MINIMAL },
        });
        throw new Error('the record failed');
      }),
    ).rejects.toThrow('the record failed');
    expect(await listFiles(tdb.db, 'task', 'task-rollback')).toEqual([]);
  });

  it('deletes all files of an owner', async () => {
    await inTransaction(tdb.db, async (tx) => {
      for (const name of ['1.pdf', '2.pdf']) {
        await storeFile(tx, actor, {
          ownerType: 'finding',
          ownerId: 'f-1',
          unitId: null,
          file: { filename: name, mediaType: 'application/pdf', content: PDF_MINIMAL },
        });
      }
    });
    expect(await inTransaction(tdb.db, (tx) => deleteFilesOf(tx, actor, 'finding', 'f-1'))).toBe(2);
    expect(await listFiles(tdb.db, 'finding', 'f-1')).toEqual([]);
  });
});

describe('multipart uploads over HTTP', () => {
  const app = Fastify();
  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    await app.register(fastifyMultipart);
    app.post('/upload', async (request) => {
      const body = await readMultipart(request, FILE_LIMITS.citizenAttachment);
      const types = [];
      for (const f of body.files) types.push(await checkUpload(f, FILE_LIMITS.citizenAttachment));
      return { fields: body.fields, files: body.files.map((f) => f.filename), types };
    });
    app.get('/file', async (_request, reply) =>
      sendStoredFile(reply, {
        meta: {
          id: 'x',
          ownerType: 't',
          ownerId: 'o',
          unitId: null,
          filename: 'Ảnh.png',
          mediaType: 'image/png',
          size: PNG_1X1.length,
          sha256: '',
          createdAt: '',
          createdBy: '',
        },
        content: PNG_1X1,
      }),
    );
  });
  afterAll(() => app.close());

  it('reads fields and files', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/upload',
      ...multipart([
        { name: 'description', value: 'Đường hỏng ở thôn Đông' },
        { name: 'files', filename: 'đường.png', contentType: 'image/png', value: PNG_1X1 },
      ]),
    });
    expect(res.json()).toEqual({
      fields: { description: 'Đường hỏng ở thôn Đông' },
      files: ['đường.png'],
      types: ['image/png'],
    });
  });

  it('answers 413 with the limit for a file over it, and 415 for a JSON body', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(FILE_LIMITS.citizenAttachment.maxBytes + 10)]);
    const res = await app.inject({
      method: 'POST',
      url: '/upload',
      ...multipart([{ name: 'f', filename: 'big.png', value: big }]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file_too_large', message: 'A file is larger than the 5.0 MB allowed' });
    const json = await app.inject({ method: 'POST', url: '/upload', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('refuses more files than allowed', async () => {
    const parts = Array.from({ length: FILE_LIMITS.citizenAttachment.maxFiles + 1 }, (_, i) => ({
      name: 'f',
      filename: `${i}.png`,
      value: PNG_1X1,
    }));
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipart(parts) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'too_many_files' });
  });

  it('sends a stored image inline with nosniff', async () => {
    const res = await app.inject({ method: 'GET', url: '/file' });
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="Anh.png"/);
    expect(res.rawPayload.equals(PNG_1X1)).toBe(true);
  });
});
