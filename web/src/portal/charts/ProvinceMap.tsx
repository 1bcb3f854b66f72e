/**
 * The choropleth (lazy chunk): TopoJSON from /api/boundaries/:geography turned into GeoJSON with
 * topojson-client, registered with echarts' map chart, provinces filled by group colour. Clicking a
 * province calls onSelect (the page opens its profile). The page also lists every province as links,
 * so nothing on the map needs a mouse.
 */
import { MapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { useEChart } from './useEChart';

echarts.use([MapChart, TooltipComponent, AriaComponent, SVGRenderer]);

export interface MapDatum {
  code: string;
  name: string;
  fill: string;
  tooltip: string;
}

const registered = new Set<string>();

async function ensureMap(geography: string): Promise<string> {
  const mapName = `vn-${geography}`;
  if (registered.has(mapName)) return mapName;
  const res = await fetch(`/api/boundaries/${geography}`);
  if (!res.ok) throw new Error(`boundaries ${geography}: HTTP ${res.status}`);
  const topo = (await res.json()) as Topology<{ provinces: GeometryCollection<{ code: string; name: string }> }>;
  const geo = feature(topo, topo.objects.provinces);
  echarts.registerMap(mapName, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered.add(mapName);
  return mapName;
}

export default function ProvinceMap({
  geography,
  data,
  label,
  onSelect,
  height = 560,
}: {
  geography: '63' | '34';
  data: MapDatum[];
  label: string;
  onSelect: (code: string) => void;
  height?: number;
}) {
  const [mapName, setMapName] = useState<string | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let live = true;
    void ensureMap(geography).then((m) => live && setMapName(m));
    return () => {
      live = false;
    };
  }, [geography]);

  const { el, chart } = useEChart((c) =>
    c.on('click', (p) => {
      const d = p.data as { code?: string } | undefined;
      if (d?.code) select.current(d.code);
    }),
  );

  useEffect(() => {
    if (!chart.current || !mapName) return;
    chart.current.setOption(
      {
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: 'item', formatter: (p: { data?: MapDatum }) => p.data?.tooltip ?? '' },
        series: [
          {
            type: 'map',
            map: mapName,
            nameProperty: 'code',
            roam: true,
            // Fill the box without distorting the shape (the archipelagos widen the map eastwards).
            layoutCenter: ['50%', '50%'],
            layoutSize: '98%',
            scaleLimit: { min: 1, max: 8 },
            itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: '#e4e7ea' },
            emphasis: { label: { show: false }, itemStyle: { areaColor: '#f2b705' } },
            select: { disabled: true },
            data: data.map((d) => ({
              name: d.code,
              code: d.code,
              tooltip: d.tooltip,
              itemStyle: { areaColor: d.fill },
            })),
          },
        ],
      },
      true,
    );
  }, [mapName, data, chart]);

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} data-testid="province-map" />;
}
