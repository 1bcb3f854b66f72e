/**
 * PAPI tags of a finding: a dimension, optionally a sub-dimension of it and an indicator of that, checked
 * against a framework (the era in force), so a board per dimension never meets a code that does not exist.
 */
import { InputError } from '../errors.js';
import type { Framework } from '../index/framework.js';

export interface PapiTag {
  dimension: string;
  subdimension?: string | null;
  indicator?: string | null;
}

export function validatePapiTag(
  tag: PapiTag,
  framework: Framework,
): Required<{ [K in keyof PapiTag]: string | null }> & { dimension: string } {
  const dim = framework.dimensions.find((d) => d.code === tag.dimension);
  if (!dim)
    throw new InputError(
      `Unknown PAPI dimension "${tag.dimension}" in ${framework.id}`,
      { path: ['dimension'] },
      'invalid_papi_tag',
    );
  const subCode = tag.subdimension || null;
  const indCode = tag.indicator || null;
  if (!subCode) {
    if (indCode)
      throw new InputError('An indicator needs its sub-dimension', { path: ['subdimension'] }, 'invalid_papi_tag');
    return { dimension: dim.code, subdimension: null, indicator: null };
  }
  const sub = dim.subdimensions.find((s) => s.code === subCode);
  if (!sub)
    throw new InputError(
      `Sub-dimension ${subCode} is not part of ${dim.code} in ${framework.id}`,
      { path: ['subdimension'] },
      'invalid_papi_tag',
    );
  if (indCode && !sub.indicators.some((i) => i.code === indCode)) {
    throw new InputError(
      `Indicator ${indCode} is not part of sub-dimension ${sub.code} in ${framework.id}`,
      { path: ['indicator'] },
      'invalid_papi_tag',
    );
  }
  return { dimension: dim.code, subdimension: sub.code, indicator: indCode };
}
