/** How the portal shows engine numbers: fixed decimals in the page language, "not rated" for null. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import type { ChangeDto, Geography, Group } from './api';

/** Decimals shown: totals and dimensions 2; sub-dimensions (published scale, small numbers) 3. */
export const decimalsFor = (measure: string) => (/^\d\.\d+$/.test(measure) ? 3 : 2);

export function useScoreFormat() {
  const { t } = useTranslation('portal');
  const f = useFormat();
  const score = (v: number | null, measure = 'total') =>
    v === null
      ? t('notRated')
      : f.number(v, { minimumFractionDigits: decimalsFor(measure), maximumFractionDigits: decimalsFor(measure) });
  const signed = (v: number, measure = 'total') =>
    f.number(Math.abs(v), { minimumFractionDigits: decimalsFor(measure), maximumFractionDigits: decimalsFor(measure) });
  const change = (c: ChangeDto | null, measure = 'total'): string => {
    if (!c) return t('noPrevious');
    if (!c.comparable) return t('notComparable', { year: c.fromYear, breakYear: c.breakYears[0] ?? c.toYear });
    if (c.delta === null) return t('noPrevious');
    const rounded = Number(c.delta.toFixed(decimalsFor(measure)));
    const base =
      rounded === 0
        ? t('changeFlat', { year: c.fromYear })
        : t(c.delta > 0 ? 'changeUp' : 'changeDown', { delta: signed(c.delta, measure), year: c.fromYear });
    if (c.significant === null) return base;
    return `${base} (${t(c.significant ? 'significant' : 'notSignificant')})`;
  };
  return { ...f, score, change, t };
}

export const parseGeography = (s: string | null): Geography => (s === '34' ? '34' : '63');
export const isGroup = (g: unknown): g is Group =>
  g === 'best' || g === 'high-average' || g === 'low-average' || g === 'poorest';
