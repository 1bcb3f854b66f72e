/**
 * The one echarts wrapper of the portal, in its own lazy chunk: only the chart types and components the
 * portal uses are registered (echarts/core), so pages without charts never download echarts.
 */
import { LineChart, RadarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from './useEChart';

echarts.use([
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export default function EChart({
  option,
  label,
  height = 340,
  testId,
}: {
  option: ChartOption;
  /** What the chart shows, for screen readers (the numbers are also in the tables on the page). */
  label: string;
  height?: number;
  testId?: string;
}) {
  const { el, chart } = useEChart();
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option, chart]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
