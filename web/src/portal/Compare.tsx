/**
 * /portal/compare?codes=22,01&year=2024&geography=63 — 2 to 4 provinces side by side on the total,
 * every dimension and sub-dimension of the year, with the national median; a radar of the dimensions
 * (lazy echarts chunk). Every number comes from /api/scores/compare.
 */
import { Alert, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { sortVi } from '../../../core/text/collate';
import { ErrorNotice } from '../components/ErrorNotice';
import { useIsPhone } from '../hooks';
import { type CompareDto, useCompare, useYears } from './api';
import { ApproximationAlert, GeographyPicker, useMountNear, useUrlState, YearSelect } from './controls';
import { Downloads } from './Downloads';
import { parseGeography, useScoreFormat } from './format';
import { GroupLegend, GroupTag } from './groups';
import { NativeSelect } from './NativeSelect';
import { PortalNav } from './PortalNav';
import { type Column, SortableTable } from './SortableTable';
import './portal.css';

const EChart = lazy(() => import('./charts/EChart'));
/** Colour-blind-safe line colours (Okabe–Ito) with distinct symbols for the radar series. */
const SERIES = [
  { color: '#0072b2', symbol: 'circle' },
  { color: '#d55e00', symbol: 'diamond' },
  { color: '#009e73', symbol: 'triangle' },
  { color: '#6a3d9a', symbol: 'rect' },
];

type MeasureRow = CompareDto['measures'][number];

export default function Compare() {
  const fmt = useScoreFormat();
  const { t, lang } = fmt;
  const phone = useIsPhone();
  const [params, set] = useUrlState();
  const years = useYears();
  const geography = parseGeography(params.get('geography'));
  const year = Number(params.get('year')) || years.data?.years.at(-1)?.year;
  const codes = (params.get('codes') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => /^\d{2}$/.test(c))
    .slice(0, 4);
  const compare = useCompare(codes, year, geography);
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  // Vietnamese order in both languages: English names differ from Vietnamese ones only by diacritics.
  const provinces = sortVi(years.data?.provinces[geography] ?? [], name);

  const setCode = (i: number, code: string) => {
    const next = [...codes];
    if (code) next[i] = code;
    else next.splice(i, 1);
    set({ codes: [...new Set(next.filter(Boolean))].join(',') });
  };

  const data = compare.data;
  const [radarRef, chartsOn] = useMountNear<HTMLElement>(data !== undefined);
  const columns: Column<MeasureRow>[] = data
    ? [
        {
          key: 'measure',
          title: t('measure'),
          render: (m) =>
            m.measure === 'total' ? (
              <strong>{name(m)}</strong>
            ) : m.dimension === null ? (
              <strong>
                {m.measure.toUpperCase()}. {name(m)}
              </strong>
            ) : (
              `${m.measure} ${name(m)}`
            ),
        },
        ...data.provinces.map(
          (p): Column<MeasureRow> => ({
            key: p.code,
            title: name(p),
            render: (m) => {
              const v = p.values[m.measure];
              return (
                <span className="cell-stack">
                  <span
                    className={v?.score == null ? 'not-rated' : 'score-cell'}
                    data-testid={`cmp-${p.code}-${m.measure}`}
                  >
                    {fmt.score(v?.score ?? null, m.measure)}
                    {v?.rank != null ? ` (${v.rank})` : ''}
                  </span>
                  {v?.score == null ? null : <GroupTag group={v.group} />}
                </span>
              );
            },
          }),
        ),
        {
          key: 'median',
          title: t('nationalMedian'),
          className: 'hide-phone',
          render: (m) => <span className="score-cell">{fmt.score(m.nationalMedian, m.measure)}</span>,
        },
      ]
    : [];

  const dims = data?.measures.filter((m) => m.dimension === null && m.measure !== 'total') ?? [];
  const radarOption = data
    ? {
        tooltip: {},
        legend: { bottom: 0 },
        radar: {
          indicator: dims.map((d) => ({ name: d.measure.toUpperCase(), min: 0, max: 10 })),
          radius: phone ? '55%' : '65%',
        },
        series: [
          {
            type: 'radar',
            data: data.provinces.map((p, i) => ({
              name: name(p),
              value: dims.map((d) => p.values[d.measure]?.score ?? null),
              symbol: SERIES[i]?.symbol,
              lineStyle: { color: SERIES[i]?.color, width: 2, type: i % 2 ? 'dashed' : 'solid' },
              itemStyle: { color: SERIES[i]?.color },
            })),
          },
        ],
      }
    : null;

  return (
    <div className="page">
      <PortalNav />
      <h1>{t('compareTitle')}</h1>
      <p className="lead">{t('compareLead')}</p>
      {years.error ? <ErrorNotice error={years.error} /> : null}
      <div className="portal-controls">
        <YearSelect years={years.data?.years ?? []} value={year} onChange={(v) => set({ year: v })} />
        <GeographyPicker
          value={geography}
          onChange={(v) => set({ geography: v === '34' ? '34' : undefined, codes: undefined })}
        />
      </div>
      <div className="portal-controls">
        {[0, 1, 2, 3].slice(0, Math.min(4, codes.length + 1)).map((i) => (
          <NativeSelect
            key={i}
            label={`${t('province')} ${i + 1}`}
            testId={`compare-province-${i + 1}`}
            value={codes[i] ?? ''}
            onChange={(v) => setCode(i, v)}
            options={[{ value: '', label: '—' }, ...provinces.map((p) => ({ value: p.code, label: name(p) }))]}
          />
        ))}
      </div>
      {codes.length < 2 ? <Alert type="info" showIcon title={t('chooseAtLeastTwo')} /> : null}
      {compare.error ? <ErrorNotice error={compare.error} /> : null}
      <ApproximationAlert approximation={data?.approximation} />
      {compare.isLoading && codes.length >= 2 ? <Skeleton active /> : null}
      {data ? (
        <>
          <Downloads
            path="/api/scores/compare"
            query={{ codes: codes.join(','), year: data.year, geography }}
            testId="compare-download"
          />
          <GroupLegend />
          <SortableTable<MeasureRow>
            testId="compare-table"
            caption={`${t('compareTitle')} ${data.year}`}
            columns={columns}
            rows={data.measures}
            rowKey={(m) => m.measure}
          />
          <section className="portal-section" aria-labelledby="cmp-radar" ref={radarRef}>
            <h2 id="cmp-radar">{t('dimensions')}</h2>
            <Suspense fallback={<p>{t('chartLoading')}</p>}>
              {radarOption ? (
                chartsOn ? (
                  <EChart option={radarOption} label={`${t('compareTitle')} ${data.year}`} testId="compare-radar" />
                ) : (
                  <p>{t('chartLoading')}</p>
                )
              ) : null}
            </Suspense>
          </section>
          <p className="portal-note">
            {data.provinces.map((p, i) => (
              <span key={p.code}>
                {i > 0 ? ' · ' : ''}
                <Link to={`/portal/provinces/${p.code}?geography=${geography}&year=${data.year}`}>
                  {t('viewProfile', { province: name(p) })}
                </Link>
              </span>
            ))}
          </p>
        </>
      ) : null}
      <p className="portal-note">{t('source')}</p>
    </div>
  );
}
