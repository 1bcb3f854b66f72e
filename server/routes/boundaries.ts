/**
 * Province boundaries for the portal's map (TopoJSON, CC BY-SA 4.0, see data/vn-admin/boundaries/SOURCE.md):
 * 63 provinces (vn2008 codes) or 34 (vn2025 codes). Public; cached by browsers for a day.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shippedDataDir } from '../io/published-scores.js';

export const BOUNDARIES_ATTRIBUTION =
  'Province boundaries: Open Development Mekong / Department of Survey and Mapping (Địa phận tỉnh, 2016), via geoBoundaries (Runfola et al. 2020, www.geoboundaries.org), CC BY-SA 4.0. Simplified, re-attributed and dissolved to the 34 units of 2025 by the OpenPAPI project. Codes and names: dvhcvn and thanglequoc/vietnamese-provinces-database (MIT).';

const cache = new Map<string, Promise<Buffer>>();

export const boundaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/boundaries/:geography',
    {
      schema: {
        tags: ['scores'],
        summary: `Province boundaries as TopoJSON (object "provinces", properties code, name, name_en). ${BOUNDARIES_ATTRIBUTION}`,
        params: z.object({
          geography: z
            .enum(['63', '34'])
            .meta({ description: '63 = provinces until 2025-06-30, 34 = from 2025-07-01' }),
        }),
      },
    },
    async (req, reply) => {
      const g = req.params.geography;
      let file = cache.get(g);
      if (!file) {
        file = readFile(join(shippedDataDir(), 'vn-admin', 'boundaries', `vn-provinces-${g}.topo.json`));
        file.catch(() => cache.delete(g));
        cache.set(g, file);
      }
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(await file);
    },
  );
};
