/**
 * One echarts instance bound to a <div>: created on mount (SVG renderer: crisp, and the e2e tests can
 * read the shapes), resized with its box, disposed on unmount. `setup` runs once on the new instance
 * (e.g. to listen for clicks). The caller registers its chart types with echarts.use first.
 */
import * as echarts from 'echarts/core';
import { type RefObject, useEffect, useRef } from 'react';

export function useEChart(setup?: (chart: echarts.ECharts) => void): {
  el: RefObject<HTMLDivElement | null>;
  chart: RefObject<echarts.ECharts | null>;
} {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const firstSetup = useRef(setup);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = c;
    firstSetup.current?.(c);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  return { el, chart };
}
