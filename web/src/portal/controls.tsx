/**
 * Pieces every portal page shares: page state kept in the URL (so views can be linked and the back
 * button works), the year picker, the 63/34-province picker and the "approximation" warning of the
 * 34-province view; and `useMountNear`, which loads lazy charts only when they come near the viewport.
 */
import { Alert, Segmented } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useIsPhone } from '../hooks';
import type { Approximation, Geography } from './api';
import { useScoreFormat } from './format';
import { NativeSelect } from './NativeSelect';

/** The URL's query as page state; `set` merges a patch (undefined or '' removes a key) and navigates. */
export function useUrlState(): [URLSearchParams, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  return [params, set];
}

/** Survey years, newest first. */
export function YearSelect({
  years,
  value,
  onChange,
  testId,
}: {
  years: readonly { year: number }[];
  value: number | undefined;
  onChange: (year: string) => void;
  testId?: string;
}) {
  const { t } = useScoreFormat();
  return (
    <NativeSelect
      label={t('year')}
      testId={testId}
      value={String(value ?? '')}
      onChange={onChange}
      options={[...years].reverse().map((y) => ({ value: String(y.year), label: String(y.year) }))}
    />
  );
}

/** 63 provinces (as surveyed) or the 34 units of 2025; short labels on phones. */
export function GeographyPicker({ value, onChange }: { value: Geography; onChange: (g: Geography) => void }) {
  const { t } = useScoreFormat();
  const phone = useIsPhone();
  return (
    <div className="control">
      {t('geography')}
      <Segmented
        aria-label={t('geography')}
        value={value}
        onChange={(v) => onChange(v === '34' ? '34' : '63')}
        options={[
          { value: '63', label: phone ? '63' : t('geography63') },
          { value: '34', label: phone ? '34' : t('geography34') },
        ]}
      />
    </div>
  );
}

/** The warning shown with 34-province figures (they are recomputed from the 63 surveyed provinces). */
export function ApproximationAlert({ approximation }: { approximation: Approximation | null | undefined }) {
  const { t, lang } = useScoreFormat();
  if (!approximation) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('approximation')}
      description={lang === 'vi' ? approximation.textVi : approximation.textEn}
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * `[ref, on]`: `on` becomes true once `ready` and the element given to `ref` (a chart's section) comes within
 * 300 px of the viewport. Charts (lazy echarts chunk, ~190 KB gz) below the fold are then fetched and parsed
 * only when someone scrolls towards them, never competing with the numbers at the top; and never in the
 * same commit as the numbers, which would make React hold the whole page until the chunk has run.
 */
export function useMountNear<T extends Element>(ready: boolean): [(el: T | null) => void, boolean] {
  const [el, setEl] = useState<T | null>(null);
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!ready || on || !el) return;
    if (typeof IntersectionObserver !== 'function') {
      setOn(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setOn(true), {
      rootMargin: '300px 0px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ready, on, el]);
  return [setEl, on];
}
