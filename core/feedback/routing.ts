/**
 * Routing: which unit handles an item (đơn vị xử lý), from its category, commune and track.
 * Rules may name a category, a commune and a track (each optional); the most specific matching rule wins
 * (commune counts more than category, category more than track; ties: the later rule). Without a rule the
 * commune handles it, except the built-in rule that sends denunciations of corruption to the province
 * (a commune should not investigate its own officials).
 */
import type { Track } from './types.js';

export type RoutingTarget = 'commune' | 'province' | 'unit';

export interface RoutingRule {
  id: string;
  categoryId: string | null;
  communeId: string | null;
  track: Track | null;
  target: RoutingTarget;
  targetUnitId: string | null;
}

export const BUILT_IN_RULES: readonly RoutingRule[] = [
  {
    id: 'built-in:corruption-denunciation',
    categoryId: 'corruption',
    communeId: null,
    track: 'denunciation',
    target: 'province',
    targetUnitId: null,
  },
];

export interface RoutingInput {
  categoryId: string;
  communeId: string;
  /** The commune's province (top of its path). */
  provinceId: string;
  track: Track;
}

const specificity = (r: RoutingRule): number => (r.communeId ? 4 : 0) + (r.categoryId ? 2 : 0) + (r.track ? 1 : 0);

/** The rule that applies, or null (the commune itself). */
export function matchRule(rules: readonly RoutingRule[], input: RoutingInput): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const r of [...BUILT_IN_RULES, ...rules]) {
    if (r.categoryId && r.categoryId !== input.categoryId) continue;
    if (r.communeId && r.communeId !== input.communeId) continue;
    if (r.track && r.track !== input.track) continue;
    if (!best || specificity(r) >= specificity(best)) best = r;
  }
  return best;
}

/** The responsible unit id. */
export function routeTo(rules: readonly RoutingRule[], input: RoutingInput): string {
  const rule = matchRule(rules, input);
  if (!rule || rule.target === 'commune') return input.communeId;
  if (rule.target === 'province') return input.provinceId;
  return rule.targetUnitId ?? input.communeId;
}
