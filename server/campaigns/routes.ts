/**
 * Fielding endpoints (server/campaigns/README.md):
 *  - officers (subject `Survey`, unit-scoped): campaigns, invitations (tokens shown once), the printable
 *    invitation sheet;
 *  - citizens (public, the token is the only key): the form of a token, its QR code and web app
 *    manifest, and submitting the answers exactly once.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isLang, type Lang } from '../../core/i18n/index.js';
import type { SurveyForm } from '../../core/surveys/form.js';
import { notFound } from '../http/errors.js';
import { actorOf } from '../policies/principal.js';
import { authorizeUser } from '../policies/request.js';
import { scopeToUnits } from '../policies/scope.js';
import {
  CAMPAIGN_STATUSES,
  createCampaign,
  createInvitations,
  isAccepting,
  MAX_INVITATIONS_PER_BATCH,
  submitResponse,
  updateCampaign,
} from './commands.js';
import { findQuestionnaireVersion } from './questionnaires.js';
import {
  type CampaignCounts,
  type CampaignRow,
  campaignCounts,
  campaignQuery,
  findCampaign,
  findInvitationByToken,
  listInvitations,
} from './repository.js';
import { qrSvg, renderInvitationSheet } from './sheet.js';
import { invitationUrl, TOKEN_PATTERN, tokenHash } from './tokens.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Token = z.string().regex(TOKEN_PATTERN, 'not an invitation token');

const CampaignDto = z.object({
  id: z.string(),
  unitId: z.string().meta({ example: 'vn2025:33' }),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  questionnaireVersionId: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  accepting: z.boolean().meta({ description: 'open and today within the period' }),
  invitations: z.number().int(),
  used: z.number().int().meta({ description: 'invitations already used' }),
  responses: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type CampaignDto = z.infer<typeof CampaignDto>;

function presentCampaign(c: CampaignRow, counts: CampaignCounts | undefined): CampaignDto {
  return {
    id: c.id,
    unitId: c.unit_id,
    unitNameVi: c.unit_name_vi,
    unitNameEn: c.unit_name_en,
    questionnaireVersionId: c.questionnaire_version_id,
    title: c.title,
    periodStart: c.period_start,
    periodEnd: c.period_end,
    status: c.status as CampaignDto['status'],
    accepting: isAccepting(c),
    invitations: counts?.invitations ?? 0,
    used: counts?.used ?? 0,
    responses: counts?.responses ?? 0,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

const InvitationDto = z.object({
  id: z.string(),
  serial: z.number().int(),
  cluster: z.string().nullable(),
  stratum: z.string().nullable(),
  weight: z.number().nullable(),
  used: z.boolean(),
  usedOn: z.string().nullable(),
  createdAt: z.string(),
});

const IssuedDto = z.object({
  id: z.string(),
  serial: z.number().int(),
  token: z.string().meta({ description: 'shown only now; the server keeps its hash' }),
  url: z.string().meta({ example: 'https://papi.example.vn/s/3q2-7d8Kx0Wj1Y4Qm9ZbVA' }),
});

const PublicFormDto = z.object({
  campaign: z.object({
    title: z.string(),
    unitNameVi: z.string(),
    unitNameEn: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    accepting: z.boolean(),
  }),
  form: z.custom<SurveyForm>().meta({ description: 'the questionnaire (core/surveys/form.ts SurveyForm)' }),
  used: z.boolean().meta({ description: 'the token has already been used to answer' }),
});

const Receipt = z.object({
  responseId: z.string().uuid(),
  receivedOn: z.string().meta({ description: 'YYYY-MM-DD (Vietnam)' }),
});

const IdParams = z.object({ id: z.string().min(1) });
const TokenParams = z.object({ token: Token });

/** The origin citizens' links use: the request's own (behind a proxy: X-Forwarded-*, trustProxy). */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  /** The campaign, checked against the caller's reach (read outside reach → 404, write → 403). */
  async function campaignFor(request: FastifyRequest, id: string, action: 'read' | 'update' | 'create') {
    await authorizeUser(request, action, 'Survey');
    const campaign = await findCampaign(db, id);
    if (!campaign) throw notFound('Campaign');
    const principal = await authorizeUser(request, action, 'Survey', { unitPath: campaign.unit_path });
    return { campaign, principal };
  }

  async function presentOne(id: string): Promise<CampaignDto> {
    const c = await findCampaign(db, id);
    if (!c) throw notFound('Campaign');
    return presentCampaign(c, (await campaignCounts(db, [id])).get(id));
  }

  // ------------------------------------------------------------------------------------------ officers

  app.get(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Survey campaigns (đợt khảo sát) in reach, newest first, with invitation and response counts',
        querystring: z.object({
          unitId: z.string().optional().meta({ description: 'only this unit and below' }),
          questionnaireVersionId: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(CampaignDto) }) },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'read', 'Survey');
      let q = scopeToUnits(campaignQuery(db), principal, 'survey_campaign.unit_id');
      if (request.query.unitId) {
        const unit = await db
          .selectFrom('unit')
          .select('path')
          .where('id', '=', request.query.unitId)
          .executeTakeFirst();
        if (!unit) return { items: [] };
        q = q.where('unit.path', 'like', `${unit.path}%`);
      }
      if (request.query.questionnaireVersionId) {
        q = q.where('survey_campaign.questionnaire_version_id', '=', request.query.questionnaireVersionId);
      }
      const rows = await q.orderBy('survey_campaign.created_at', 'desc').orderBy('survey_campaign.id').execute();
      const counts = await campaignCounts(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentCampaign(r, counts.get(r.id))) };
    },
  );

  app.post(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a survey campaign of a unit in reach, fielding one questionnaire version',
        body: z.object({
          unitId: z.string().min(1).meta({ example: 'vn2025:33' }),
          questionnaireVersionId: z.string().min(1),
          title: z.string().min(1).max(300).meta({ example: 'Khảo sát mức độ hài lòng quý IV/2026' }),
          periodStart: IsoDay,
          periodEnd: IsoDay,
          status: z.enum(CAMPAIGN_STATUSES).optional().meta({ description: 'default draft' }),
        }),
        response: { 201: CampaignDto },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Survey', request.body.unitId);
      const c = await createCampaign(db, actorOf(principal), request.body);
      return reply.status(201).send(await presentOne(c.id));
    },
  );

  app.get(
    '/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign with its counts',
        params: IdParams,
        response: { 200: CampaignDto },
      },
    },
    async (request) => {
      await campaignFor(request, request.params.id, 'read');
      return presentOne(request.params.id);
    },
  );

  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Rename, re-date, open or close a campaign',
        params: IdParams,
        body: z.object({
          title: z.string().min(1).max(300).optional(),
          periodStart: IsoDay.optional(),
          periodEnd: IsoDay.optional(),
          status: z.enum(CAMPAIGN_STATUSES).optional(),
        }),
        response: { 200: CampaignDto },
      },
    },
    async (request) => {
      const { principal } = await campaignFor(request, request.params.id, 'update');
      await updateCampaign(db, actorOf(principal), request.params.id, request.body);
      return presentOne(request.params.id);
    },
  );

  app.get(
    '/campaigns/:id/invitations',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Invitations of a campaign (never their tokens: only hashes are stored)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(InvitationDto) }) },
      },
    },
    async (request) => {
      await campaignFor(request, request.params.id, 'read');
      const rows = await listInvitations(db, request.params.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          serial: r.serial,
          cluster: r.cluster,
          stratum: r.stratum,
          weight: r.weight === null ? null : Number(r.weight),
          used: r.used_on !== null,
          usedOn: r.used_on,
          createdAt: r.created_at,
        })),
      };
    },
  );

  app.post(
    '/campaigns/:id/invitations',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Issue invitations: fresh tokens, links and QR codes, shown ONCE (print them now)',
        params: IdParams,
        body: z.object({
          count: z.number().int().min(1).max(MAX_INVITATIONS_PER_BATCH),
          cluster: z.string().max(200).nullish().meta({ description: 'village / residential group (thôn, tổ)' }),
          stratum: z.string().max(200).nullish(),
          weight: z.number().positive().nullish().meta({ description: 'design weight of each respondent' }),
        }),
        response: { 201: z.object({ invitations: z.array(IssuedDto) }) },
      },
    },
    async (request, reply) => {
      const { principal } = await campaignFor(request, request.params.id, 'update');
      const issued = await createInvitations(db, actorOf(principal), request.params.id, request.body);
      const origin = originOf(request);
      return reply
        .status(201)
        .send({ invitations: issued.map((i) => ({ ...i, url: invitationUrl(origin, i.token) })) });
    },
  );

  app.post(
    '/campaigns/:id/invitations/sheet',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Printable invitation sheet (HTML, QR codes inline) for tokens of this campaign',
        params: IdParams,
        body: z.object({
          tokens: z.array(Token).min(1).max(MAX_INVITATIONS_PER_BATCH),
          lang: z.enum(['vi', 'en']).optional(),
        }),
        response: { 200: z.string().meta({ description: 'text/html' }) },
      },
    },
    async (request, reply) => {
      const { campaign } = await campaignFor(request, request.params.id, 'read');
      const byHash = new Map(request.body.tokens.map((tk) => [tokenHash(tk), tk]));
      const rows = await db
        .selectFrom('survey_invitation')
        .select(['token_hash', 'serial', 'cluster'])
        .where('campaign_id', '=', campaign.id)
        .where('token_hash', 'in', [...byHash.keys()])
        .orderBy('serial')
        .execute();
      // Every token must belong to this campaign: a sheet never prints someone else's links.
      if (rows.length !== byHash.size) throw notFound('Invitation');
      const lang: Lang = request.body.lang ?? 'vi';
      const origin = originOf(request);
      const html = await renderInvitationSheet({
        lang,
        campaignTitle: campaign.title,
        unitName: lang === 'en' ? campaign.unit_name_en : campaign.unit_name_vi,
        periodStart: campaign.period_start,
        periodEnd: campaign.period_end,
        cards: rows.map((r) => ({
          serial: r.serial,
          cluster: r.cluster,
          url: invitationUrl(origin, byHash.get(r.token_hash) ?? ''),
        })),
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // ------------------------------------------------------------------------------------------ citizens

  /** Invitation + campaign of a public token (404 for an unknown token: nothing to learn by guessing). */
  async function publicInvitation(token: string) {
    const invitation = await findInvitationByToken(db, token);
    if (!invitation) throw notFound('Invitation');
    const campaign = await findCampaign(db, invitation.campaign_id);
    if (!campaign) throw notFound('Invitation');
    return { invitation, campaign };
  }

  app.get(
    '/s/:token',
    {
      schema: {
        tags: ['citizen form'],
        summary: 'The questionnaire and campaign of an invitation token (public; the token is the key)',
        params: TokenParams,
        response: { 200: PublicFormDto },
      },
    },
    async (request, reply) => {
      const { invitation, campaign } = await publicInvitation(request.params.token);
      const version = await findQuestionnaireVersion(db, campaign.questionnaire_version_id);
      if (!version) throw notFound('Questionnaire');
      reply.header('cache-control', 'no-cache');
      return {
        campaign: {
          title: campaign.title,
          unitNameVi: campaign.unit_name_vi,
          unitNameEn: campaign.unit_name_en,
          periodStart: campaign.period_start,
          periodEnd: campaign.period_end,
          accepting: isAccepting(campaign),
        },
        form: version.form,
        used: invitation.used_on !== null,
      };
    },
  );

  app.post(
    '/s/:token/responses',
    {
      schema: {
        tags: ['citizen form'],
        summary:
          'Submit the answers of an invitation, exactly once: 201 stored; 200 the same responseId again (a retry); 409 the token was used by another response',
        params: TokenParams,
        body: z.object({
          responseId: z
            .string()
            .uuid()
            .meta({ description: 'made by the client before queueing; the idempotency key' }),
          answers: z.record(z.string(), z.unknown()),
        }),
        response: { 200: Receipt, 201: Receipt },
      },
    },
    async (request, reply) => {
      const receipt = await submitResponse(db, { token: request.params.token, ...request.body });
      return reply
        .status(receipt.created ? 201 : 200)
        .send({ responseId: receipt.responseId, receivedOn: receipt.receivedOn });
    },
  );

  app.get(
    '/s/:token/qr.svg',
    {
      schema: {
        tags: ['citizen form'],
        summary: 'QR code (SVG) of the link of an invitation token',
        params: TokenParams,
        querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        response: { 200: z.string().meta({ description: 'image/svg+xml' }) },
      },
    },
    async (request, reply) => {
      const { invitation } = await publicInvitation(request.params.token);
      const svg = await qrSvg(invitationUrl(originOf(request), request.params.token));
      if (request.query.download === '1') {
        reply.header('content-disposition', `attachment; filename="invitation-${invitation.serial}.svg"`);
      }
      return reply.type('image/svg+xml').send(svg);
    },
  );

  app.get(
    '/s/:token/manifest.webmanifest',
    {
      schema: {
        tags: ['citizen form'],
        summary: 'Web app manifest of the citizen form of a token (installable, opens on this survey)',
        params: TokenParams,
        querystring: z.object({ lang: z.string().optional() }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const { campaign } = await publicInvitation(request.params.token);
      const lang: Lang = isLang(request.query.lang) ? request.query.lang : 'vi';
      reply.type('application/manifest+json');
      return {
        name: campaign.title,
        short_name: lang === 'en' ? 'Survey' : 'Khảo sát',
        description: lang === 'en' ? campaign.unit_name_en : campaign.unit_name_vi,
        lang,
        id: `/s/${request.params.token}`,
        start_url: `/s/${request.params.token}`,
        scope: '/s/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5f7a',
        icons: [
          { src: '/survey-icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/survey-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      };
    },
  );
};
