/**
 * Open311 GeoReport v2 on both dialects: field names, JSON and XML roots, form-encoded POST without a
 * CSRF token (external clients have no cookies), status mapping, filters and the spec's error arrays.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { transitionFeedback } from './commands.js';
import { w3cVietnam } from './open311.js';

const parser = new XMLParser({ isArray: (name) => ['service', 'request', 'error'].includes(name) });
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

describe.each(DIALECTS)('Open311 GeoReport v2 on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const form = (fields: Record<string, string>) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  const post = (format: 'json' | 'xml', fields: Record<string, string>) =>
    app.inject({ url: `/api/open311/v2/requests.${format}`, ...form(fields) });

  const valid = {
    jurisdiction_id: UNITS.a1,
    service_code: 'environment',
    lat: '20.80',
    long: '106.10',
    address_string: 'Thôn Đông, xã Ân Thi',
    description: 'Rác thải đổ trộm ven đường liên xã, bốc mùi.',
    email: 'dan@example.vn',
    first_name: 'Văn A',
    last_name: 'Nguyễn',
    phone: '0911222333',
  };

  it('lists services in JSON and XML with the spec fields', async () => {
    const json = await app.inject({ url: '/api/open311/v2/services.json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    const services = json.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(services[0] ?? {}).sort()).toEqual(
      ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
    );
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime' });
    const xml = await app.inject({ url: '/api/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toMatch(/text\/xml/);
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service>')).toBe(true);
    const parsed = parser.parse(xml.body) as { services: { service: { service_code: string }[] } };
    expect(parsed.services.service.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));

    const def = await app.inject({ url: '/api/open311/v2/services/land.json' });
    expect(def.json()).toEqual({ service_code: 'land', attributes: [] });
    const defXml = await app.inject({ url: '/api/open311/v2/services/land.xml' });
    expect(defXml.body).toContain('<service_definition><service_code>land</service_code>');
    const missing = await app.inject({ url: '/api/open311/v2/services/nope.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code nope not found' }]);
  });

  it('creates a request from a form-encoded POST without CSRF token and shows it', async () => {
    const res = await post('json', valid);
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json() as { service_request_id: string; service_notice: string; account_id: string }[];
    expect(created?.service_request_id).toMatch(/^[0-9a-f-]{36}$/);
    const id = created?.service_request_id ?? '';

    const one = await app.inject({ url: `/api/open311/v2/requests/${id}.json` });
    expect(one.statusCode).toBe(200);
    const [req] = one.json() as Record<string, unknown>[];
    expect(req).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'environment',
      description: valid.description,
      agency_responsible: 'Ân Thi',
      address: valid.address_string,
      lat: 20.8,
      long: 106.1,
    });
    expect(req?.requested_datetime).toMatch(W3C);
    expect(req?.updated_datetime).toMatch(W3C);
    for (const k of [
      'status_notes',
      'service_name',
      'service_notice',
      'expected_datetime',
      'address_id',
      'zipcode',
      'media_url',
    ]) {
      expect(req, k).toHaveProperty(k);
    }
    // The reporter's contact is never published.
    expect(one.body).not.toContain('0911222333');
    expect(one.body).not.toContain('dan@example.vn');

    const xml = await app.inject({ url: `/api/open311/v2/requests/${id}.xml` });
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests><request>')).toBe(true);
    const parsed = parser.parse(xml.body) as { service_requests: { request: { status: string }[] } };
    expect(parsed.service_requests.request[0]?.status).toBe('open');

    const xmlPost = await post('xml', { ...valid, description: 'Cống thoát nước bị tắc ở ngõ 5.' });
    expect(xmlPost.statusCode).toBe(201);
    expect(xmlPost.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>[0-9a-f-]{36}<\/service_request_id>/,
    );

    // Answered → closed, with the answer as service_notice and the public note as status_notes.
    await transitionFeedback(tdb.db, systemActor('t'), id, { to: 'accepted' });
    await transitionFeedback(tdb.db, systemActor('t'), id, {
      to: 'answered',
      answer: 'Đã thu gom.',
      note: 'Đội vệ sinh môi trường đã đến.',
      notePublic: true,
    });
    const closed = (await app.inject({ url: `/api/open311/v2/requests/${id}.json` })).json() as Record<
      string,
      unknown
    >[];
    expect(closed[0]).toMatchObject({
      status: 'closed',
      service_notice: 'Đã thu gom.',
      status_notes: 'Đội vệ sinh môi trường đã đến.',
    });

    const openList = (await app.inject({ url: '/api/open311/v2/requests.json?status=open' })).json() as {
      service_request_id: string;
    }[];
    expect(openList.map((r) => r.service_request_id)).not.toContain(id);
    const closedList = (
      await app.inject({ url: '/api/open311/v2/requests.json?status=closed&service_code=environment' })
    ).json() as {
      service_request_id: string;
    }[];
    expect(closedList.map((r) => r.service_request_id)).toContain(id);
    const byId = (
      await app.inject({ url: `/api/open311/v2/requests.json?service_request_id=${id}` })
    ).json() as unknown[];
    expect(byId).toHaveLength(1);
    const future = (
      await app.inject({ url: '/api/open311/v2/requests.json?start_date=2099-01-01T00:00:00%2B07:00' })
    ).json();
    expect(future).toEqual([]);
  });

  it('answers errors as an array of {code, description} with the HTTP status', async () => {
    const noCode = await post('json', { ...valid, service_code: '' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json()).toEqual([{ code: 400, description: 'service_code was not provided' }]);
    const unknown = await post('xml', { ...valid, service_code: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>service_code nope not found</description></error></errors>',
    );
    const noPlace = await post('json', { ...valid, lat: '', long: '', address_string: '' });
    expect(noPlace.statusCode).toBe(400);
    const abroad = await post('json', { ...valid, lat: '13.75', long: '100.5' });
    expect(abroad.statusCode).toBe(400);
    expect((abroad.json() as { description: string }[])[0]?.description).toMatch(/outside Vietnam/);
    const noCommune = await post('json', { ...valid, jurisdiction_id: '' });
    expect(noCommune.statusCode).toBe(400);
    const notFound = await app.inject({ url: '/api/open311/v2/requests/00000000-0000-0000-0000-000000000000.json' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toEqual([
      { code: 404, description: 'service_request_id 00000000-0000-0000-0000-000000000000 not found' },
    ]);
    const badStatus = await app.inject({ url: '/api/open311/v2/requests.json?status=pending' });
    expect(badStatus.statusCode).toBe(400);
  });

  it('formats datetimes in W3C form with the Vietnam offset', () => {
    expect(w3cVietnam('2026-11-21T20:30:00.000Z')).toBe('2026-11-22T03:30:00+07:00');
  });
});
