/**
 * The four performance groups: a colour-blind-safe sequential blue → orange palette (distinct for
 * deuteranopia, protanopia and tritanopia, and in greyscale by lightness), ALWAYS with the text label.
 * Text colours reach WCAG AA (≥ 4.5:1) on each fill.
 */
import { useTranslation } from 'react-i18next';
import type { Group } from './api';

export const GROUP_ORDER: Group[] = ['best', 'high-average', 'low-average', 'poorest'];

export const GROUP_COLOURS: Record<Group, { fill: string; text: string }> = {
  best: { fill: '#1d5b8f', text: '#ffffff' },
  'high-average': { fill: '#9cc3e4', text: '#0b2238' },
  'low-average': { fill: '#f7c99a', text: '#3d2100' },
  poorest: { fill: '#a64b00', text: '#ffffff' },
};
export const NOT_RATED_COLOUR = { fill: '#e4e7ea', text: '#30383d' };

export function GroupTag({ group }: { group: Group | null }) {
  const { t } = useTranslation('portal');
  const c = group ? GROUP_COLOURS[group] : NOT_RATED_COLOUR;
  return (
    <span className="group-tag" style={{ background: c.fill, color: c.text }} data-group={group ?? 'not-rated'}>
      {group ? t(`groups.${group}`) : t('notRated')}
    </span>
  );
}

export function GroupLegend() {
  const { t } = useTranslation('portal');
  return (
    <ul className="group-legend" aria-label={t('groupLegend')}>
      {GROUP_ORDER.map((g) => (
        <li key={g}>
          <GroupTag group={g} />
        </li>
      ))}
    </ul>
  );
}
