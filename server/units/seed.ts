import { systemActor } from '../audit/actor.js';
import { importUnits } from '../commands/unitsImporter.js';
import type { SeedStep } from '../demo/seed.js';

/** Demo seed: the 63 + 34 provinces, 3,321 communes and the crosswalk from the shipped data/vn-admin. */
export const unitsSeedStep: SeedStep = {
  name: 'units of government (data/vn-admin)',
  async run(handle, log) {
    const r = await importUnits(handle.db, systemActor('units-import'));
    log(
      `demo data: units ${r.units.created} created, ${r.units.updated} updated; crosswalk ${r.crosswalk.created} created (${Math.round(r.ms)} ms)`,
    );
  },
};
