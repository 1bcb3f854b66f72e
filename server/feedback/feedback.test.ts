/**
 * The feedback API end to end on both dialects: public submission (proof of work, honeypot, idempotency,
 * moderation), tracking, officers' handling, published answers, rating, board, and above all the
 * confidentiality of a denouncer's identity, searched for in every response body.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadingZeroBits } from '../../core/feedback/pow.js';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { multipart as multipartBody, PNG_1X1 } from '../files/testing.js';
import { solveChallenge } from './pow.js';
import { solvedSubmission } from './testing.js';

const BITS = 6;
const savedBits = process.env.FEEDBACK_POW_BITS;

const DENOUNCER = { name: 'Trần Thị Tố Giác', phone: '0987654321', email: 'to.giac@example.vn', address: 'Xóm Bí Mật' };

describe.each(DIALECTS)('feedback on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let citizen: TestClient;
  let commune: TestClient;
  let province: TestClient;
  let admin: TestClient;
  let viewer: TestClient;
  let users: Record<string, string>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    users = await createFixtureUsers(tdb.db);
    // Cheap proof of work for the tests (settings are read when the routes are registered).
    process.env.FEEDBACK_POW_BITS = String(BITS);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    if (savedBits === undefined) delete process.env.FEEDBACK_POW_BITS;
    else process.env.FEEDBACK_POW_BITS = savedBits;
    citizen = new TestClient(app);
    await citizen.fetchCsrf();
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    admin = await new TestClient(app).login(FIXTURE_USERS.admin.username);
    viewer = await new TestClient(app).login(FIXTURE_USERS.viewerA.username);
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const submit = async (body: Parameters<typeof solvedSubmission>[2]) =>
    citizen.inject({ method: 'POST', url: '/api/feedback', payload: await solvedSubmission(tdb.db, BITS, body) });

  it('lists categories tagged to PAPI dimensions and hands out challenges', async () => {
    const cats = (await citizen.inject({ url: '/api/feedback/categories' })).json() as { dimension: string }[];
    expect(cats.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cats.map((c) => c.dimension))).toEqual(new Set(['D3', 'D4', 'D5', 'D6', 'D7']));
    const ch = (await citizen.inject({ url: '/api/feedback/challenge' })).json() as { challenge: string; bits: number };
    expect(ch.bits).toBe(BITS);
    // The browser's side of the bargain, solved the same way.
    const nonce = solveChallenge(ch.challenge, ch.bits);
    const res = await citizen.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: {
        submissionId: crypto.randomUUID(),
        track: 'feedback',
        categoryId: 'infrastructure',
        communeId: UNITS.a2,
        description: 'Đèn đường trên phố Chợ Gạo bị hỏng ba ngày nay.',
        challenge: ch.challenge,
        nonce,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('stores a submission once per submissionId, even when retried concurrently', async () => {
    const body = await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => citizen.inject({ method: 'POST', url: '/api/feedback', payload: body })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => (r.json() as { trackingCode: string }).trackingCode)).size).toBe(1);
    const rows = await tdb.db
      .selectFrom('feedback')
      .select('id')
      .where('submission_id', '=', body.submissionId)
      .execute();
    expect(rows).toHaveLength(1);
    // Same id, different content: refused, not merged.
    const other = await citizen.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { ...body, description: 'Một nội dung hoàn toàn khác so với lần đầu.' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'submission_conflict' });
  });

  it('refuses spent, forged or unsolved challenges, a filled honeypot and bad places', async () => {
    const first = await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 });
    expect((await citizen.inject({ method: 'POST', url: '/api/feedback', payload: first })).statusCode).toBe(201);
    const reuse = await citizen.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { ...first, submissionId: crypto.randomUUID() },
    });
    expect(reuse.statusCode).toBe(409);
    const fresh = await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 });
    const forged = await citizen.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { ...fresh, challenge: `${fresh.challenge.slice(0, -2)}xx` },
    });
    expect(forged.json()).toMatchObject({ code: 'pow_invalid' });
    // A nonce that does not meet the difficulty.
    let bad = 0;
    while (
      leadingZeroBits(
        createHash('sha256')
          .update(fresh.challenge + bad)
          .digest(),
      ) >= BITS
    )
      bad++;
    const unsolved = await citizen.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { ...fresh, nonce: String(bad) },
    });
    expect(unsolved.json()).toMatchObject({ code: 'pow_invalid' });
    const honey = await submit({ communeId: UNITS.a1, website: 'http://bot.example' });
    expect(honey.statusCode).toBe(400);
    expect(honey.json()).toMatchObject({ code: 'rejected' });
    expect((await submit({ communeId: UNITS.a1, lat: 13.75, lon: 100.5 })).json()).toMatchObject({
      code: 'outside_vietnam',
    });
    expect((await submit({ communeId: UNITS.A })).json()).toMatchObject({ code: 'unknown_commune' });
    expect((await submit({ communeId: UNITS.a1, categoryId: 'nope' })).json()).toMatchObject({
      code: 'unknown_category',
    });
    const short = await submit({ communeId: UNITS.a1, description: 'ngắn' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed', path: ['body', 'description'] });
  });

  it('runs the officer flow: accept, answer, publish, track, rate, board', async () => {
    const res = await submit({
      communeId: UNITS.a1,
      categoryId: 'environment',
      title: 'Bãi rác tự phát cạnh kênh',
      description: 'Bãi rác tự phát cạnh kênh Bắc Hưng Hải gây mùi hôi, đề nghị xã xử lý.',
      lat: 20.8,
      lon: 106.1,
      contact: { name: 'Lê Văn Công Dân', phone: '0900000001' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json() as { trackingCode: string };
    const tracked = (await citizen.inject({ url: `/api/feedback/track/${trackingCode.toLowerCase()}` })).json();
    expect(tracked).toMatchObject({ status: 'received', answer: null, unit: { id: UNITS.a1 }, canRate: false });

    const list = (await commune.inject({ url: '/api/feedback/items?status=received' })).json() as {
      items: { id: string; trackingCode: string }[];
    };
    const item = list.items.find((i) => i.trackingCode === trackingCode);
    expect(item).toBeDefined();
    // Officers find it by the code the citizen reads out over the phone, hyphens or not.
    const byCode = (
      await commune.inject({ url: `/api/feedback/items?q=${trackingCode.replace(/-/g, '').toLowerCase()}` })
    ).json();
    expect(byCode.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([trackingCode]);
    const id = item?.id ?? '';
    // Commune officer sees the (non-denunciation) contact.
    const detail = (await commune.inject({ url: `/api/feedback/items/${id}` })).json();
    expect(detail).toMatchObject({ contact: { name: 'Lê Văn Công Dân' }, contactHidden: false, canEdit: true });
    // Viewer reads but cannot act.
    expect((await viewer.inject({ url: `/api/feedback/items/${id}` })).statusCode).toBe(200);
    const viewerAct = await viewer.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'accepted' },
    });
    expect(viewerAct.statusCode).toBe(403);

    const bad = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'answered', answer: 'x' },
    });
    expect(bad.statusCode).toBe(409);
    const acc = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'accepted' },
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().resolveDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'in_progress' },
    });
    const ans = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'answered', answer: 'UBND xã đã thu dọn bãi rác và đặt biển cấm đổ rác.' },
    });
    expect(ans.statusCode, ans.body).toBe(200);

    const after = (await citizen.inject({ url: `/api/feedback/track/${trackingCode}` })).json();
    expect(after).toMatchObject({
      status: 'answered',
      answer: 'UBND xã đã thu dọn bãi rác và đặt biển cấm đổ rác.',
      canRate: true,
    });
    const answers = await citizen.inject({ url: `/api/feedback/answers?unitId=${UNITS.A}` });
    expect(answers.json().items.map((a: { id: string }) => a.id)).toContain(id);
    expect(answers.body).not.toContain('Lê Văn Công Dân');
    expect(answers.body).not.toContain('0900000001');
    expect((await citizen.inject({ url: `/api/feedback/answers/${id}` })).statusCode).toBe(200);

    const rate = await citizen.inject({
      method: 'POST',
      url: `/api/feedback/track/${trackingCode}/rating`,
      payload: { resolved: true, score: 5 },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    const again = await citizen.inject({
      method: 'POST',
      url: `/api/feedback/track/${trackingCode}/rating`,
      payload: { resolved: false },
    });
    expect(again.statusCode).toBe(409);

    const board = (await province.inject({ url: `/api/feedback/board?unitId=${UNITS.A}` })).json();
    const d7 = board.byDimension.find((r: { key: string }) => r.key === 'D7');
    expect(d7.answered).toBeGreaterThanOrEqual(1);
    expect(d7.answeredOnTime).toBeGreaterThanOrEqual(1);
    expect(d7.satisfaction).toBe(5);
    expect(board.byUnit.some((r: { label: string }) => r.label === 'Ân Thi')).toBe(true);
  });

  it('holds flagged submissions for moderation and keeps them off the portal until approved', async () => {
    const res = await submit({
      communeId: UNITS.a2,
      categoryId: 'infrastructure',
      description: 'ĐƯỜNG LÀNG HỎNG NẶNG MÀ KHÔNG AI SỬA CHỮA GÌ CẢ, YÊU CẦU XỬ LÝ NGAY',
    });
    expect(res.json()).toMatchObject({ moderation: 'pending' });
    const pending = (await province.inject({ url: '/api/feedback/items?moderation=pending' })).json();
    const item = pending.items.find((i: { trackingCode: string }) => i.trackingCode === res.json().trackingCode);
    expect(item.moderationFlags).toContain('all_caps');
    const ok = await province.inject({
      method: 'POST',
      url: `/api/feedback/items/${item.id}/moderation`,
      payload: { decision: 'approved' },
    });
    expect(ok.json()).toMatchObject({ moderation: 'approved' });
  });

  it("never shows a denouncer's identity to anyone but the handling officer", async () => {
    const res = await submit({
      track: 'denunciation',
      communeId: UNITS.a1,
      categoryId: 'land',
      title: 'Tố cáo cán bộ địa chính',
      description: 'Cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm ven đê.',
      contact: DENOUNCER,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json() as { trackingCode: string };
    const row = await tdb.db
      .selectFrom('feedback')
      .select('id')
      .where('tracking_code', '=', trackingCode)
      .executeTakeFirstOrThrow();
    const id = row.id;

    // Nobody assigned yet: nobody sees it, not even the admin.
    for (const c of [commune, province, admin]) {
      const d = (await c.inject({ url: `/api/feedback/items/${id}` })).json();
      expect(d).toMatchObject({ contact: null, contactHidden: true });
    }
    // The province assigns the commune officer as handler; the commune officer then sees it.
    const assign = await province.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/assign`,
      payload: { userId: users.communeA1 },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.body).not.toContain(DENOUNCER.name);
    const handlerView = (await commune.inject({ url: `/api/feedback/items/${id}` })).json();
    expect(handlerView).toMatchObject({ contact: { name: DENOUNCER.name, phone: DENOUNCER.phone }, isHandler: true });
    // The eligible handlers: officers reaching the item's unit, and admins; never viewers or province B.
    const eligible = (await province.inject({ url: `/api/feedback/items/${id}/handlers` })).json() as {
      username: string;
    }[];
    expect(eligible.map((u) => u.username).sort()).toEqual(
      [FIXTURE_USERS.admin.username, FIXTURE_USERS.communeA1.username, FIXTURE_USERS.provinceA.username].sort(),
    );
    // A viewer cannot be the handler.
    const notEligible = await province.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/assign`,
      payload: { userId: users.viewerA },
    });
    expect(notEligible.statusCode).toBe(400);

    const accepted = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'accepted' },
    });
    // Luật Tố cáo 2018 Đ.30: 30 days, a complex case extended once by 30 more.
    const acceptedOn = accepted.json().acceptedOn as string;
    const days = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86400_000;
    expect(days(accepted.json().resolveDue, acceptedOn)).toBe(30);
    const extended = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/extend`,
      payload: { reason: 'Cần xác minh tại Văn phòng đăng ký đất đai.' },
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(days(extended.json().resolveDue, acceptedOn)).toBe(60);
    const twice = await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/extend`,
      payload: { reason: 'Lần nữa' },
    });
    expect(twice.statusCode).toBe(409);
    await commune.inject({
      method: 'POST',
      url: `/api/feedback/items/${id}/transition`,
      payload: { to: 'answered', answer: 'Đã chuyển cơ quan có thẩm quyền xác minh.' },
    });

    const bodies: [string, string][] = [];
    const grab = async (label: string, c: TestClient, url: string) => {
      const r = await c.inject({ url });
      expect(r.statusCode, `${label} ${url}: ${r.body}`).toBeLessThan(400);
      bodies.push([`${label} ${url}`, r.body]);
    };
    await grab('public', citizen, `/api/feedback/track/${trackingCode}`);
    await grab('public', citizen, '/api/feedback/answers');
    await grab('public', citizen, '/api/open311/v2/requests.json');
    await grab('public', citizen, '/api/open311/v2/requests.xml');
    for (const [label, c] of [
      ['province', province],
      ['admin', admin],
      ['viewer', viewer],
    ] as const) {
      await grab(label, c, '/api/feedback/items');
      await grab(label, c, `/api/feedback/items?track=denunciation&q=${encodeURIComponent('Trần')}`);
      await grab(label, c, `/api/feedback/items/${id}`);
      await grab(label, c, '/api/feedback/export.csv');
    }
    await grab('handler', commune, '/api/feedback/export.csv');
    await grab('handler', commune, '/api/feedback/items');
    for (const [where, body] of bodies) {
      for (const secret of [DENOUNCER.name, DENOUNCER.phone, DENOUNCER.email, DENOUNCER.address]) {
        expect(body.includes(secret), `${secret} leaked in ${where}`).toBe(false);
      }
    }
    // The tracking page of a denunciation shows status and deadline, not the answer.
    const tracked = JSON.parse(bodies[0]?.[1] ?? '{}');
    expect(tracked).toMatchObject({ status: 'answered', answer: null });
    // The CSV really is the export (header and the item), just without identity.
    const csv = bodies.find(([w]) => w.startsWith('province /api/feedback/export.csv'))?.[1] ?? '';
    expect(csv).toContain('Mã theo dõi');
    expect(csv).toContain('Tố cáo');
    expect(csv).toContain(trackingCode);
    // Nor in the audit log.
    const audit = JSON.stringify(await tdb.db.selectFrom('audit_log').selectAll().execute());
    expect(audit).not.toContain(DENOUNCER.name);
    expect(audit).not.toContain(DENOUNCER.phone);
  });

  it("takes attachments by multipart within the citizen limits, and hides a denouncer's file names", async () => {
    const multipart = (payload: unknown, files: { name: string; type: string; content: Buffer }[]) =>
      citizen.inject({
        method: 'POST',
        url: '/api/feedback',
        ...multipartBody([
          { name: 'payload', value: JSON.stringify(payload) },
          ...files.map((f) => ({ name: 'attachments', filename: f.name, contentType: f.type, value: f.content })),
        ]),
      });
    const ok = await multipart(await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 }), [
      { name: 'anh-hien-truong.png', type: 'image/png', content: PNG_1X1 },
    ]);
    expect(ok.statusCode, ok.body).toBe(201);
    // A phone photo of a few MB passes (the JSON body limit does not apply to multipart).
    const photo = await multipart(await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 }), [
      { name: 'anh-lon.png', type: 'image/png', content: Buffer.concat([PNG_1X1, Buffer.alloc(3 * 1024 * 1024)]) },
    ]);
    expect(photo.statusCode, photo.body).toBe(201);
    // A script renamed to .png is refused from its bytes, and nothing is stored.
    const before = await tdb.db.selectFrom('feedback').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const fake = await multipart(await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 }), [
      { name: 'anh.png', type: 'image/png', content: Buffer.from('#!/bin/sh\necho hacked\n') },
    ]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'file_type_not_allowed' });
    const after = await tdb.db.selectFrom('feedback').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const tooBig = await multipart(await solvedSubmission(tdb.db, BITS, { communeId: UNITS.a1 }), [
      { name: 'to.png', type: 'image/png', content: Buffer.concat([PNG_1X1, Buffer.alloc(6 * 1024 * 1024)]) },
    ]);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'file_too_large' });

    const den = await multipart(
      await solvedSubmission(tdb.db, BITS, {
        communeId: UNITS.a1,
        track: 'denunciation',
        categoryId: 'land',
        description: 'Tố cáo việc san lấp ao công của thôn để bán đất trái phép.',
        contact: { name: 'Phan Văn Ẩn Danh', phone: '0933111222' },
      }),
      [{ name: 'Phan-Van-An-Danh-CCCD.png', type: 'image/png', content: PNG_1X1 }],
    );
    expect(den.statusCode, den.body).toBe(201);
    const row = await tdb.db
      .selectFrom('feedback')
      .select('id')
      .where('tracking_code', '=', den.json().trackingCode)
      .executeTakeFirstOrThrow();
    const seenByProvince = await province.inject({ url: `/api/feedback/items/${row.id}` });
    const file = seenByProvince.json().attachments[0];
    expect(file).toMatchObject({ filename: null, mediaType: 'image/png' });
    expect(seenByProvince.body).not.toContain('Phan-Van');
    expect((await province.inject({ url: `/api/feedback/items/${row.id}/attachments/${file.id}` })).statusCode).toBe(
      404,
    );
    await province.inject({
      method: 'POST',
      url: `/api/feedback/items/${row.id}/assign`,
      payload: { userId: users.communeA1 },
    });
    const handlerView = (await commune.inject({ url: `/api/feedback/items/${row.id}` })).json();
    // Even the handler gets a neutral name: the original one was never stored.
    expect(handlerView.attachments[0].filename).toBe('tep-dinh-kem-1.png');
    const download = await commune.inject({ url: `/api/feedback/items/${row.id}/attachments/${file.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    const stored = JSON.stringify(await tdb.db.selectFrom('stored_file').select(['filename']).execute());
    expect(stored).not.toContain('Phan-Van');
  });

  it('flags items past their statutory deadline as overdue', async () => {
    const res = await submit({ communeId: UNITS.a1, track: 'complaint', categoryId: 'land' });
    const { trackingCode, acceptDue } = res.json() as { trackingCode: string; acceptDue: string };
    // Complaint: 10 calendar days to accept (Luật Khiếu nại 2011 Đ.27).
    const received = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(Date.parse(acceptDue) - Date.parse(received)).toBe(10 * 86400_000);
    expect((await citizen.inject({ url: `/api/feedback/track/${trackingCode}` })).json().overdue).toBe(false);
    await tdb.db
      .updateTable('feedback')
      .set({ accept_due: '2020-01-01' })
      .where('tracking_code', '=', trackingCode)
      .execute();
    expect((await citizen.inject({ url: `/api/feedback/track/${trackingCode}` })).json().overdue).toBe(true);
    const overdue = (await commune.inject({ url: '/api/feedback/items?overdue=1' })).json() as {
      items: { trackingCode: string; overdue: boolean }[];
    };
    expect(overdue.items.map((i) => i.trackingCode)).toContain(trackingCode);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
  });

  it('lets only system administrators change statutory deadlines', async () => {
    const body = {
      acceptDays: 5,
      acceptWorkingDays: true,
      resolveDays: 20,
      resolveWorkingDays: false,
      complexResolveDays: 30,
      remoteResolveDays: 30,
    };
    expect(
      (await province.inject({ method: 'PUT', url: '/api/feedback/config/tracks/feedback', payload: body })).statusCode,
    ).toBe(403);
    const ok = await admin.inject({ method: 'PUT', url: '/api/feedback/config/tracks/feedback', payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    const cfg = (await commune.inject({ url: '/api/feedback/config' })).json();
    expect(cfg.tracks.find((t: { track: string }) => t.track === 'feedback').acceptDays).toBe(5);
    const badCfg = await admin.inject({
      method: 'PUT',
      url: '/api/feedback/config/tracks/feedback',
      payload: { ...body, complexResolveDays: 10 },
    });
    expect(badCfg.statusCode).toBe(400);
  });
});
