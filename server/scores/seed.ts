import { systemActor } from '../audit/actor.js';
import { importPublishedScores } from '../commands/publishedScoresImporter.js';
import type { SeedStep } from '../demo/seed.js';

/** Demo seed: the published PAPI scores 2011–2024 (data/papi), so the public portal opens on real numbers. */
export const publishedScoresSeedStep: SeedStep = {
  name: 'published PAPI scores (data/papi)',
  async run(handle, log) {
    const r = await importPublishedScores(handle.db, systemActor('scores-import'));
    log(
      `demo data: PAPI scores ${r.rows} rows (${r.years[0]}–${r.years.at(-1)}), ${r.changed} stored (${Math.round(r.ms)} ms)`,
    );
  },
};
