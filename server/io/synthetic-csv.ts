/**
 * Writes SYNTHETIC PAPI-shaped microdata (core/synthetic) to a CSV file, streaming with back-pressure so
 * 400,000 × 120 files never sit in memory. Missing answers are written as an empty cell, or `NA` for one in
 * seven of them, so readers see both conventions.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  type SyntheticPapiOptions,
  syntheticItemNames,
  syntheticPapiRespondents,
} from '../../core/synthetic/papi-microdata.js';

export async function writeSyntheticPapiCsv(path: string, options: SyntheticPapiOptions): Promise<void> {
  const out = createWriteStream(path);
  const header = ['id', 'province', 'stratum', 'psu', 'weight', ...syntheticItemNames(options.items)];
  let buf = `${header.join(',')}\n`;
  let missingSeen = 0;
  for (const r of syntheticPapiRespondents(options)) {
    let line = `${r.id},${r.province},${r.stratum},${r.psu},${r.weight}`;
    for (let i = 0; i < r.answers.length; i++) {
      const a = r.answers[i]!;
      if (Number.isNaN(a)) line += missingSeen++ % 7 === 0 ? ',NA' : ',';
      else line += `,${a}`;
    }
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
