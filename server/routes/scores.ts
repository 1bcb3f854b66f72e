/**
 * PAPI scores, public read-only API (stable URLs, no login): years, rankings (JSON, CSV, XLSX), province
 * profiles, diagnosis sentences and comparisons. Every number is computed by the index engine
 * (core/index) on the stored published scores (server/scores); 34-province answers are the engine's
 * population-weighted re-basing and carry its approximation note.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RankingsDto } from '../../core/index/dto.js';
import { GROUPS } from '../../core/index/groups.js';
import { compare, diagnosis, profile, rankings } from '../scores/queries.js';
import { type Geography, loadSeries, referenceData } from '../scores/repository.js';
import {
  compareTable,
  flatCsv,
  flatXlsx,
  PROFILE_COLUMNS,
  profileRows,
  rankingFileName,
  rankingsCsv,
  rankingsXlsx,
} from '../scores/tables.js';

const GeographyQ = z.enum(['63', '34']).default('63').meta({
  description:
    '63 = the provinces as PAPI published them (until 2025); 34 = the provinces from 2025-07-01, scores re-based (population-weighted approximation, not official)',
});
const YearQ = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .optional()
  .meta({ description: 'survey year (default: the latest stored year)', example: 2024 });
const MeasureQ = z
  .string()
  .regex(/^(total|d[1-8]|[1-8]\.\d{1,2})$/, { error: 'measure is total, d1 … d8 or a sub-dimension code like 2.1' })
  .default('total')
  .meta({
    description: 'total, a dimension d1 … d8, or a sub-dimension code of that year (e.g. 2.1)',
    example: 'total',
  });
const RegionQ = z
  .string()
  .regex(/^[a-z-]{2,60}$/)
  .optional()
  .meta({
    description: 'socio-economic region id (see /api/scores/years); ranks stay national',
    example: 'red-river-delta',
  });
const CodeParams = z.object({
  code: z.string().min(1).max(10).meta({ description: 'two-digit GSO province code of the geography', example: '22' }),
});

const Interval = z.object({ lo: z.number(), hi: z.number() }).meta({ description: '95% interval' });
const GroupS = z
  .enum(GROUPS)
  .meta({ description: 'performance group (METHOD.md §2.3): best > P75 ≥ high-average ≥ P50 > … ' });
const Status = z.enum(['rated', 'partial', 'not-rated']);
const Thresholds = z
  .object({ p25: z.number(), p50: z.number(), p75: z.number(), n: z.number().int() })
  .meta({ description: 'R type-7 quartiles over the rated provinces; n = number rated' });
const Approximation = z
  .object({
    kind: z.string(),
    official: z.boolean(),
    method: z.string(),
    weights: z.string(),
    missingRule: z.string().optional(),
    textVi: z.string(),
    textEn: z.string(),
  })
  .meta({ description: 'present when the numbers are not official (34-province re-basing)' });
const MeasureName = z.object({ measure: z.string(), nameVi: z.string(), nameEn: z.string() });

const RankingRow = z.object({
  rank: z.number().int().nullable().meta({ description: 'competition rank, 1 = best; null = not rated' }),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  region: z.string().nullable(),
  score: z.number().nullable().meta({ description: 'unrounded score; null = not rated (never 0)' }),
  interval: Interval.nullable(),
  rankInterval: Interval.nullable().meta({ description: 'rank interval (microdata runs only)' }),
  group: GroupS.nullable(),
  status: Status,
});
const RankingsS = z.object({
  year: z.number().int(),
  geography: z.enum(['63', '34']),
  codeSystem: z.string(),
  frameworkId: z.string(),
  measure: MeasureName,
  region: z.string().nullable(),
  rated: z.number().int(),
  thresholds: Thresholds.nullable(),
  rows: z.array(RankingRow),
  approximation: Approximation.nullable(),
});

const Change = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  delta: z.number().nullable().meta({ description: 'null when not comparable or not rated in one year' }),
  comparable: z.boolean(),
  reason: z.string().nullable(),
  breakYears: z.array(z.number().int()).meta({ description: 'era breaks that revised the measure' }),
  significant: z.boolean().nullable().meta({ description: 'null when either year has no interval' }),
});
const ProfileMeasure = MeasureName.extend({
  dimension: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  of: z.number().int(),
  group: GroupS.nullable(),
  interval: Interval.nullable(),
  nationalMedian: z.number().nullable(),
  change: Change.nullable(),
});
const ProfileS = z.object({
  geography: z.enum(['63', '34']),
  codeSystem: z.string(),
  province: z.object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    region: z.string().nullable(),
    regionVi: z.string().nullable(),
    regionEn: z.string().nullable(),
  }),
  years: z.array(
    z.object({
      year: z.number().int(),
      frameworkId: z.string(),
      status: Status,
      total: ProfileMeasure,
      dimensions: z.array(ProfileMeasure),
      subdimensions: z.array(ProfileMeasure),
    }),
  ),
  approximation: Approximation.nullable(),
});

const Format = z.enum(['json', 'csv', 'xlsx']).default('json').meta({ description: 'json, csv (UTF-8 BOM) or xlsx' });
const RankingsQuery = z.object({
  year: YearQ,
  measure: MeasureQ,
  geography: GeographyQ,
  region: RegionQ,
  format: Format,
});
const FileQuery = RankingsQuery.omit({ format: true });

type Cells = Parameters<typeof flatCsv>[1];

/** A flat table as a CSV or XLSX download. */
async function sendFile(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  base: string,
  columns: readonly string[],
  rows: Cells,
  about: [string, string | number][],
) {
  if (format === 'csv')
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${base}.csv"`)
      .send(flatCsv(columns, rows));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${base}.xlsx"`)
    .send(await flatXlsx(base, columns, rows, about));
}

const SOURCE_NOTE: [string, string] = [
  'source',
  'PAPI published sub-dimension scores (papi.org.vn), computed by OpenPAPI',
];

async function sendRankings(reply: FastifyReply, t: RankingsDto, format: 'json' | 'csv' | 'xlsx') {
  if (format === 'csv')
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${rankingFileName(t, 'csv')}"`)
      .send(rankingsCsv(t));
  if (format === 'xlsx')
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${rankingFileName(t, 'xlsx')}"`)
      .send(await rankingsXlsx(t));
  return t;
}

export const scoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const series = (g: Geography) => loadSeries(app.ctx.handle, g);

  app.get(
    '/scores/years',
    {
      schema: {
        tags: ['scores'],
        summary: 'Years with stored PAPI scores, the framework of each year, geographies and regions',
        response: {
          200: z.object({
            years: z.array(
              z.object({
                year: z.number().int(),
                frameworkId: z.string(),
                era: z.string(),
                rated: z.number().int().meta({ description: 'provinces with a total score (63 provinces)' }),
              }),
            ),
            geographies: z.array(
              z.object({
                id: z.enum(['63', '34']),
                codeSystem: z.string(),
                provinces: z.number().int(),
                official: z.boolean(),
              }),
            ),
            regions: z.array(z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() })),
            provinces: z.object({
              '63': z.array(
                z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), region: z.string().nullable() }),
              ),
              '34': z.array(
                z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), region: z.string().nullable() }),
              ),
            }),
          }),
        },
      },
    },
    async () => {
      const s = await series('63');
      const ref = await referenceData();
      const prov = (list: typeof ref.provinces63) =>
        list.map((p) => ({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn, region: p.region ?? null }));
      return {
        years: s.years.map((y) => ({
          year: y.year,
          frameworkId: y.frameworkId,
          era: s.frameworks.frameworks.find((f) => f.id === y.frameworkId)?.era ?? '',
          rated: y.provinces.filter((p) => p.total !== null).length,
        })),
        geographies: [
          { id: '63' as const, codeSystem: 'vn2008', provinces: ref.provinces63.length, official: true },
          { id: '34' as const, codeSystem: 'vn2025', provinces: ref.provinces34.length, official: false },
        ],
        regions: ref.regions,
        provinces: { '63': prov(ref.provinces63), '34': prov(ref.provinces34) },
      };
    },
  );

  app.get(
    '/scores/rankings',
    {
      schema: {
        tags: ['scores'],
        summary: 'Ranking table of all provinces for a year and measure (JSON, or CSV/XLSX with format=)',
        querystring: RankingsQuery,
        response: { 200: RankingsS },
      },
    },
    async (req, reply) => {
      const q = req.query;
      return sendRankings(reply, rankings(await series(q.geography), q.geography, q), q.format);
    },
  );

  app.get(
    '/scores/rankings.csv',
    {
      schema: {
        tags: ['scores'],
        summary: 'The ranking table as CSV (UTF-8 with BOM; not rated = empty cell)',
        querystring: FileQuery,
      },
    },
    async (req, reply) =>
      sendRankings(reply, rankings(await series(req.query.geography), req.query.geography, req.query), 'csv'),
  );

  app.get(
    '/scores/rankings.xlsx',
    {
      schema: { tags: ['scores'], summary: 'The ranking table as an Excel workbook (XLSX)', querystring: FileQuery },
    },
    async (req, reply) =>
      sendRankings(reply, rankings(await series(req.query.geography), req.query.geography, req.query), 'xlsx'),
  );

  app.get(
    '/scores/provinces/:code',
    {
      schema: {
        tags: ['scores'],
        summary: 'Province profile: every year, total, dimensions and sub-dimensions with ranks, groups and changes',
        params: CodeParams,
        querystring: z.object({ geography: GeographyQ, format: Format }),
        response: { 200: ProfileS },
      },
    },
    async (req, reply) => {
      const p = await profile(await series(req.query.geography), req.query.geography, req.params.code);
      if (req.query.format === 'json') return p;
      const approx: [string, string][] = p.approximation ? [['approximation_en', p.approximation.textEn]] : [];
      return sendFile(
        reply,
        req.query.format,
        `papi-profile-${p.province.code}-${p.geography}`,
        PROFILE_COLUMNS,
        profileRows(p),
        [['province', `${p.province.code} ${p.province.nameVi}`], ['geography', p.geography], SOURCE_NOTE, ...approx],
      );
    },
  );

  app.get(
    '/scores/provinces/:code/diagnosis',
    {
      schema: {
        tags: ['scores'],
        summary: "The engine's diagnosis of a province in a year: data and plain sentences (vi or en)",
        params: CodeParams,
        querystring: z.object({
          year: YearQ,
          lang: z.enum(['vi', 'en']).default('vi'),
          geography: GeographyQ,
        }),
        response: {
          200: z.object({
            year: z.number().int(),
            lang: z.enum(['vi', 'en']),
            sentences: z.array(z.string()),
            diagnosis: z.record(z.string(), z.unknown()).meta({
              description: 'core/index Diagnosis: total, dimensions, subdimensions, strengths, weaknesses, suggestion',
            }),
          }),
        },
      },
    },
    async (req) => {
      const d = await diagnosis(await series(req.query.geography), req.params.code, req.query);
      return { ...d, diagnosis: d.diagnosis as unknown as Record<string, unknown> };
    },
  );

  app.get(
    '/scores/compare',
    {
      schema: {
        tags: ['scores'],
        summary: 'Compare 2–4 provinces in a year on the total, every dimension and sub-dimension',
        querystring: z.object({
          codes: z
            .string()
            .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2}){1,3}\s*$/, {
              error: 'codes: 2 to 4 province codes separated by commas',
            })
            .meta({ example: '22,01' }),
          year: YearQ,
          geography: GeographyQ,
          format: Format,
        }),
        response: {
          200: z.object({
            year: z.number().int(),
            geography: z.enum(['63', '34']),
            frameworkId: z.string(),
            measures: z.array(
              MeasureName.extend({ dimension: z.string().nullable(), nationalMedian: z.number().nullable() }),
            ),
            provinces: z.array(
              z.object({
                code: z.string(),
                nameVi: z.string(),
                nameEn: z.string(),
                region: z.string().nullable(),
                status: Status,
                values: z.record(
                  z.string(),
                  z.object({
                    score: z.number().nullable(),
                    rank: z.number().int().nullable(),
                    group: GroupS.nullable(),
                  }),
                ),
              }),
            ),
            approximation: Approximation.nullable(),
          }),
        },
      },
    },
    async (req, reply) => {
      const codes = req.query.codes.split(',').map((c) => c.trim());
      const c = compare(await series(req.query.geography), req.query.geography, codes, req.query.year);
      if (req.query.format === 'json') return c;
      const { columns, rows } = compareTable(c);
      return sendFile(
        reply,
        req.query.format,
        `papi-compare-${c.year}-${c.provinces.map((p) => p.code).join('-')}-${c.geography}`,
        columns,
        rows,
        [['year', c.year], ['geography', c.geography], SOURCE_NOTE],
      );
    },
  );
};
