/**
 * Two-stage sampling (chọn mẫu hai giai đoạn) as PAPI does it: villages (thôn, tổ dân phố) drawn with
 * probability proportional to size (PPS), then residents drawn by simple random sampling within each
 * selected village. Seeded and reproducible (pure-rand Mersenne Twister, whose seeding spreads nearby seeds
 * well — xoroshiro128+'s first outputs for seeds 0, 1, 2 are nearly equal): the same frames, parameters
 * and seed give the same sample on every machine.
 *
 * Stage 1, per stratum h with n_h villages to draw from villages of sizes M_i (total M_h):
 *   - certainty units: while some village has n_h·M_i/M_h ≥ 1 it is taken with certainty (π_i = 1) and
 *     removed, and n_h and M_h are reduced (repeated until none is left);
 *   - the rest by systematic PPS in frame order: interval I = M/n, seeded start r ~ U[0, I), points
 *     r + k·I (k = 0…n−1); village i is hit when a point falls in its cumulative range. π_i = n·M_i/M.
 * Stage 2: m_i = min(m, N_i) residents by SRS without replacement from the N_i listed in village i
 *   (or, without a resident list, m_i "slots" against the village population): π_{j|i} = m_i/N_i.
 * Weight w = 1/(π_i·π_{j|i}) (inverse inclusion probability); Σw estimates the population.
 *
 * Design columns for core/survey (`openpapi estimate --strata stratum --cluster psu --weight weight`):
 *   - PPS villages: stratum = h, psu = village code (with-replacement approximation, the usual choice for
 *     PPS designs: leave --fpc out); `fpc` = villages of the stratum in the frame, for analysts who want the
 *     without-replacement approximation.
 *   - Certainty villages are self-representing: their own stratum `h/code`, each resident their own PSU
 *     (`code#k`), `fpc` = N_i residents (SRS without replacement, exact).
 * Allocation of the villages over strata: proportional to stratum population (largest remainder), at
 * least min(2, villages in the stratum) so each stratum can estimate its variance.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';
import { InputError } from '../errors.js';
import { foldVietnamese } from '../text/fold.js';
import type { SheetRows } from './xlsform.js';

export interface VillageFrameRow {
  code: string;
  name: string | null;
  population: number;
  stratum: string;
}

/** A resident of the list: only a register id and the village — never a name (no personal data kept). */
export interface ResidentFrameRow {
  village: string;
  id: string;
}

export interface SamplingParams {
  /** Villages to draw in total (allocated over strata). */
  villages: number;
  /** Residents to draw in each selected village. */
  residentsPerVillage: number;
  seed: number;
}

export interface SampleMember {
  seq: number;
  stratum: string;
  psu: string;
  villageCode: string;
  villageName: string | null;
  residentId: string | null;
  villageProbability: number;
  residentProbability: number;
  weight: number;
  fpc: number | null;
  certainty: boolean;
}

export interface SelectedVillage {
  stratum: string;
  code: string;
  name: string | null;
  population: number;
  probability: number;
  certainty: boolean;
  /** Residents listed for the village (or its population when there is no resident list). */
  residents: number;
  sampled: number;
}

export interface StratumSummary {
  stratum: string;
  villagesInFrame: number;
  population: number;
  allocated: number;
  certainty: number;
  /** Sampling interval and random start of the systematic PPS part (null when all are certainty). */
  interval: number | null;
  start: number | null;
}

export interface SampleSummary {
  seed: number;
  villages: SelectedVillage[];
  strata: StratumSummary[];
}

export interface SampleResult {
  summary: SampleSummary;
  members: SampleMember[];
}

/** A uniform number in [0, 1) with 53 random bits. */
function uniform01(rng: ReturnType<typeof mersenne>): number {
  const hi = uniformInt(rng, 0, 2 ** 26 - 1);
  const lo = uniformInt(rng, 0, 2 ** 27 - 1);
  return (hi * 2 ** 27 + lo) / 2 ** 53;
}

/** Proportional allocation with the largest-remainder rule and a floor of min(2, N_h). */
export function allocate(total: number, sizes: { population: number; units: number }[]): number[] {
  const floors = sizes.map((s) => Math.min(2, s.units));
  const minimum = floors.reduce((a, b) => a + b, 0);
  const capacity = sizes.reduce((a, s) => a + s.units, 0);
  if (total < minimum)
    throw new InputError(
      `at least ${minimum} villages are needed (2 per stratum)`,
      { path: ['villages'] },
      'sample_too_small',
    );
  if (total > capacity)
    throw new InputError(
      `only ${capacity} villages are in the frame, ${total} asked`,
      { path: ['villages'] },
      'sample_too_large',
    );
  const alloc = [...floors];
  let left = total - minimum;
  // Hand out the rest proportionally to population among strata with room, one at a time by largest deficit.
  while (left > 0) {
    const pop = sizes.reduce((a, s, h) => a + (alloc[h]! < s.units ? s.population : 0), 0);
    let best = -1;
    let bestGap = Number.NEGATIVE_INFINITY;
    sizes.forEach((s, h) => {
      if (alloc[h]! >= s.units) return;
      const target = (total * s.population) / pop;
      const gap = target - alloc[h]!;
      if (gap > bestGap + 1e-12) {
        best = h;
        bestGap = gap;
      }
    });
    alloc[best]! += 1;
    left--;
  }
  return alloc;
}

export function drawSample(
  villages: VillageFrameRow[],
  residents: ResidentFrameRow[] | null,
  params: SamplingParams,
): SampleResult {
  if (!Number.isInteger(params.villages) || params.villages < 1)
    throw new InputError('villages must be a positive whole number', { path: ['villages'] });
  if (!Number.isInteger(params.residentsPerVillage) || params.residentsPerVillage < 1)
    throw new InputError('residentsPerVillage must be a positive whole number', { path: ['residentsPerVillage'] });
  if (!Number.isSafeInteger(params.seed)) throw new InputError('seed must be a whole number', { path: ['seed'] });
  const rng = mersenne(params.seed | 0);

  // Strata in order of first appearance in the frame.
  const strata = new Map<string, VillageFrameRow[]>();
  for (const v of villages) {
    const list = strata.get(v.stratum);
    if (list) list.push(v);
    else strata.set(v.stratum, [v]);
  }
  const names = [...strata.keys()];
  const alloc = allocate(
    params.villages,
    names.map((h) => ({
      population: strata.get(h)!.reduce((a, v) => a + v.population, 0),
      units: strata.get(h)!.length,
    })),
  );

  const residentsOf = new Map<string, string[]>();
  if (residents) {
    for (const r of residents) {
      const list = residentsOf.get(r.village);
      if (list) list.push(r.id);
      else residentsOf.set(r.village, [r.id]);
    }
  }

  const selected: SelectedVillage[] = [];
  const stratumSummaries: StratumSummary[] = [];
  names.forEach((h, hi) => {
    const frame = strata.get(h)!;
    let n = alloc[hi]!;
    let rest = [...frame];
    const certain: VillageFrameRow[] = [];
    for (;;) {
      const total = rest.reduce((a, v) => a + v.population, 0);
      const big = rest.filter((v) => (n * v.population) / total >= 1);
      if (big.length === 0 || n === 0) break;
      certain.push(...big);
      n -= big.length;
      rest = rest.filter((v) => !big.includes(v));
      if (n <= 0) break;
    }
    // More certainty units than allocated can only happen when n ≥ all villages: take them all.
    const chosen: { v: VillageFrameRow; p: number; certainty: boolean }[] = [];
    for (const v of frame) if (certain.includes(v)) chosen.push({ v, p: 1, certainty: true });
    let interval: number | null = null;
    let start: number | null = null;
    if (n > 0 && rest.length > 0) {
      const total = rest.reduce((a, v) => a + v.population, 0);
      interval = total / n;
      start = uniform01(rng) * interval;
      let cum = 0;
      let k = 0;
      for (const v of rest) {
        const next = cum + v.population;
        let hit = false;
        while (k < n && start + k * interval < next) {
          hit = true;
          k++;
        }
        if (hit) chosen.push({ v, p: (n * v.population) / total, certainty: false });
        cum = next;
      }
    }
    chosen.sort((a, b) => frame.indexOf(a.v) - frame.indexOf(b.v));
    for (const c of chosen) {
      const listed = residentsOf.get(c.v.code);
      const N = residents ? (listed?.length ?? 0) : c.v.population;
      if (residents && N === 0)
        throw new InputError(
          `village ${c.v.code} was selected but has no residents in the resident list`,
          { path: ['residents', c.v.code] },
          'no_residents',
        );
      selected.push({
        stratum: h,
        code: c.v.code,
        name: c.v.name,
        population: c.v.population,
        probability: c.p,
        certainty: c.certainty,
        residents: N,
        sampled: Math.min(params.residentsPerVillage, N),
      });
    }
    stratumSummaries.push({
      stratum: h,
      villagesInFrame: frame.length,
      population: frame.reduce((a, v) => a + v.population, 0),
      allocated: alloc[hi]!,
      certainty: certain.length,
      interval,
      start,
    });
  });

  // Stage 2, village by village in selection order.
  const members: SampleMember[] = [];
  for (const sv of selected) {
    const N = sv.residents;
    const m = sv.sampled;
    const pick = srsIndices(rng, N, m);
    const listed = residentsOf.get(sv.code);
    const stratumFrame = strata.get(sv.stratum)!;
    pick.forEach((idx, k) => {
      const residentProbability = m / N;
      members.push({
        seq: members.length + 1,
        stratum: sv.certainty ? `${sv.stratum}/${sv.code}` : sv.stratum,
        psu: sv.certainty ? `${sv.code}#${k + 1}` : sv.code,
        villageCode: sv.code,
        villageName: sv.name,
        residentId: listed ? (listed[idx] ?? null) : null,
        villageProbability: sv.probability,
        residentProbability,
        weight: 1 / (sv.probability * residentProbability),
        fpc: sv.certainty ? N : stratumFrame.length,
        certainty: sv.certainty,
      });
    });
  }
  return { summary: { seed: params.seed, villages: selected, strata: stratumSummaries }, members };
}

/** m distinct indices of 0…N−1 by a partial Fisher–Yates shuffle, returned in frame order. */
function srsIndices(rng: ReturnType<typeof mersenne>, N: number, m: number): number[] {
  const idx = Array.from({ length: N }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = uniformInt(rng, i, N - 1);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, m).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------- frames from tables

const key = (h: string) =>
  foldVietnamese(h)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

function findColumn(sheet: SheetRows, aliases: string[]): string | undefined {
  return sheet.headers.find((h) => aliases.includes(key(h)));
}

const VILLAGE_CODE = ['code', 'village_code', 'ma_thon', 'ma', 'ma_thon_to', 'village_id', 'psu'];
const VILLAGE_NAME = ['name', 'village_name', 'ten_thon', 'ten', 'ten_thon_to', 'village'];
const POPULATION = ['population', 'dan_so', 'so_dan', 'size', 'so_nguoi', 'so_ho', 'households'];
const STRATUM = ['stratum', 'strata', 'tang', 'commune', 'xa', 'ma_xa', 'district', 'huyen'];
const RESIDENT_VILLAGE = ['village_code', 'village', 'ma_thon', 'thon', 'code_thon', 'psu'];
const RESIDENT_ID = ['resident_id', 'id', 'ma_nguoi_dan', 'ma_ho', 'ma', 'so_thu_tu', 'stt', 'household_id'];

/** A village list (CSV/XLSX: code, name?, population, stratum?) → frame rows; InputError with file, row, column. */
export function villageFrameFromTable(sheet: SheetRows, file: string): VillageFrameRow[] {
  const codeCol = findColumn(sheet, VILLAGE_CODE);
  const popCol = findColumn(sheet, POPULATION);
  const nameCol = findColumn(
    sheet,
    VILLAGE_NAME.filter((a) => a !== key(codeCol ?? '')),
  );
  const stratumCol = findColumn(sheet, STRATUM);
  if (!codeCol) throw new InputError('no village code column (code / ma_thon)', { file, row: 1 }, 'frame_invalid');
  if (!popCol) throw new InputError('no population column (population / dan_so)', { file, row: 1 }, 'frame_invalid');
  const seen = new Map<string, number>();
  const out: VillageFrameRow[] = [];
  for (const { row, cells } of sheet.rows) {
    const code = (cells[codeCol] ?? '').trim();
    if (code === '') throw new InputError('the village code is empty', { file, row, column: codeCol }, 'frame_invalid');
    if (seen.has(code))
      throw new InputError(
        `village ${code} is listed twice (first on row ${seen.get(code)})`,
        { file, row, column: codeCol },
        'frame_invalid',
      );
    seen.set(code, row);
    const raw = (cells[popCol] ?? '').trim().replace(/[\s.,](?=\d{3}(\D|$))/g, '');
    const population = Number(raw);
    if (raw === '' || !Number.isFinite(population) || population <= 0)
      throw new InputError(
        `population must be a positive number, got '${cells[popCol] ?? ''}'`,
        { file, row, column: popCol },
        'frame_invalid',
      );
    out.push({
      code,
      name: nameCol ? (cells[nameCol] ?? '').trim() || null : null,
      population,
      stratum: stratumCol ? (cells[stratumCol] ?? '').trim() || 'all' : 'all',
    });
  }
  if (out.length === 0) throw new InputError('the village list has no rows', { file, row: 2 }, 'frame_invalid');
  return out;
}

/** A resident list (village code + register id). Other columns (names, addresses) are NOT kept. */
export function residentFrameFromTable(sheet: SheetRows, file: string): ResidentFrameRow[] {
  const villageCol = findColumn(sheet, RESIDENT_VILLAGE);
  const idCol = findColumn(
    sheet,
    RESIDENT_ID.filter((a) => a !== key(villageCol ?? '')),
  );
  if (!villageCol)
    throw new InputError('no village column (village_code / ma_thon)', { file, row: 1 }, 'frame_invalid');
  if (!idCol)
    throw new InputError(
      'no resident id column (resident_id / ma_nguoi_dan / ma_ho)',
      { file, row: 1 },
      'frame_invalid',
    );
  const seen = new Map<string, number>();
  const out: ResidentFrameRow[] = [];
  for (const { row, cells } of sheet.rows) {
    const village = (cells[villageCol] ?? '').trim();
    const id = (cells[idCol] ?? '').trim();
    if (village === '')
      throw new InputError('the village is empty', { file, row, column: villageCol }, 'frame_invalid');
    if (id === '') throw new InputError('the resident id is empty', { file, row, column: idCol }, 'frame_invalid');
    const k = `${village}\u0000${id}`;
    if (seen.has(k))
      throw new InputError(
        `resident ${id} of village ${village} is listed twice (first on row ${seen.get(k)})`,
        { file, row, column: idCol },
        'frame_invalid',
      );
    seen.set(k, row);
    out.push({ village, id });
  }
  if (out.length === 0) throw new InputError('the resident list has no rows', { file, row: 2 }, 'frame_invalid');
  return out;
}

/** Residents whose village is not in the village frame: an error naming the first such row. */
export function checkResidentsAgainstVillages(villages: VillageFrameRow[], residents: ResidentFrameRow[]): void {
  const codes = new Set(villages.map((v) => v.code));
  const i = residents.findIndex((r) => !codes.has(r.village));
  if (i >= 0)
    throw new InputError(
      `village ${residents[i]!.village} of the resident list is not in the village list`,
      { path: ['residents', i] },
      'frame_mismatch',
    );
}

/** The design columns as a CSV-ready table (what `openpapi estimate` and the campaign invitations use). */
export const SAMPLE_COLUMNS = [
  'seq',
  'stratum',
  'psu',
  'village_code',
  'village_name',
  'resident_id',
  'village_probability',
  'resident_probability',
  'weight',
  'fpc',
  'certainty',
] as const;

export function sampleRows(members: SampleMember[]): (string | number)[][] {
  return members.map((m) => [
    m.seq,
    m.stratum,
    m.psu,
    m.villageCode,
    m.villageName ?? '',
    m.residentId ?? '',
    m.villageProbability,
    m.residentProbability,
    m.weight,
    m.fpc ?? '',
    m.certainty ? 1 : 0,
  ]);
}

/** Invitation batches for fielding (server/campaigns POST /api/campaigns/:id/invitations): one per PSU and weight. */
export interface InvitationBatch {
  stratum: string;
  cluster: string;
  weight: number;
  count: number;
}

export function invitationBatches(
  members: readonly Pick<SampleMember, 'stratum' | 'psu' | 'weight'>[],
): InvitationBatch[] {
  const out = new Map<string, InvitationBatch>();
  for (const m of members) {
    const key = `${m.stratum}\u0000${m.psu}\u0000${m.weight}`;
    const b = out.get(key);
    if (b) b.count++;
    else out.set(key, { stratum: m.stratum, cluster: m.psu, weight: m.weight, count: 1 });
  }
  return [...out.values()];
}
