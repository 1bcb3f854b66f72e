/**
 * /portal/provinces/:code?geography=63&year=2024 — one province: headline total (score, rank, group,
 * change), dimensions with groups and changes ("not comparable" across era breaks), the sub-dimension
 * dashboard, radar against the national median and trends (lazy echarts chunk), and the engine's
 * strengths/weaknesses sentences. Every number comes from /api/scores/provinces/:code.
 */
import { Alert, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useIsPhone } from '../hooks';
import { type ProfileMeasure, type ProfileYear, prefetchProfile, useDiagnosis, useProfile } from './api';
import { ApproximationAlert, GeographyPicker, useMountNear, useUrlState, YearSelect } from './controls';
import { Downloads } from './Downloads';
import { parseGeography, useScoreFormat } from './format';
import { GROUP_COLOURS, GroupLegend, GroupTag } from './groups';
import { NativeSelect } from './NativeSelect';
import { PortalNav } from './PortalNav';
import { ProvincePlans } from './ProvincePlans';
import { type Column, SortableTable } from './SortableTable';
import './portal.css';

const EChart = lazy(() => import('./charts/EChart'));

// Loaded on a visit to a profile: fetch its data now, while the app is still booting.
{
  const m = /^\/portal\/provinces\/([^/]+)\/?$/.exec(window.location.pathname);
  if (m?.[1]) {
    prefetchProfile(
      decodeURIComponent(m[1]),
      parseGeography(new URLSearchParams(window.location.search).get('geography')),
    );
  }
}

export default function ProvinceProfile() {
  const { code = '' } = useParams();
  const fmt = useScoreFormat();
  const { t, lang } = fmt;
  const phone = useIsPhone();
  const [params, set] = useUrlState();
  const geography = parseGeography(params.get('geography'));
  const profile = useProfile(code, geography);
  const data = profile.data;
  const yearParam = Number(params.get('year'));
  const py: ProfileYear | undefined = data?.years.find((y) => y.year === yearParam) ?? data?.years.at(-1);
  const diagnosis = useDiagnosis(code, geography, py?.year, lang);
  const trendMeasure = params.get('trend') || 'total';
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  const [radarRef, radarOn] = useMountNear<HTMLElement>(data !== undefined);
  const [trendRef, trendOn] = useMountNear<HTMLElement>(data !== undefined);

  const radarOption = (() => {
    if (!py || !data) return null;
    const dims = py.dimensions;
    return {
      tooltip: {},
      legend: { bottom: 0, data: [name(data.province), t('nationalMedian')] },
      radar: {
        indicator: dims.map((d) => ({ name: d.measure.toUpperCase(), min: 0, max: 10 })),
        radius: phone ? '58%' : '65%',
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: name(data.province),
              value: dims.map((d) => d.score),
              lineStyle: { color: GROUP_COLOURS.best.fill, width: 2 },
              itemStyle: { color: GROUP_COLOURS.best.fill },
              areaStyle: { opacity: 0.15 },
            },
            {
              name: t('nationalMedian'),
              value: dims.map((d) => d.nationalMedian),
              lineStyle: { color: GROUP_COLOURS.poorest.fill, type: 'dashed', width: 2 },
              itemStyle: { color: GROUP_COLOURS.poorest.fill },
              symbol: 'diamond',
            },
          ],
        },
      ],
    };
  })();

  const trendOption = (() => {
    if (!data) return null;
    const pick = (y: ProfileYear): ProfileMeasure | undefined =>
      trendMeasure === 'total' ? y.total : y.dimensions.find((d) => d.measure === trendMeasure);
    const points = data.years.map(
      (y) => [String(y.year), pick(y)?.score ?? null, pick(y)?.nationalMedian ?? null] as const,
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: [name(data.province), t('nationalMedian')] },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: points.map((p) => p[0]) },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          name: name(data.province),
          type: 'line',
          data: points.map((p) => p[1]),
          connectNulls: false,
          lineStyle: { color: GROUP_COLOURS.best.fill, width: 3 },
          itemStyle: { color: GROUP_COLOURS.best.fill },
        },
        {
          name: t('nationalMedian'),
          type: 'line',
          data: points.map((p) => p[2]),
          symbol: 'diamond',
          lineStyle: { color: GROUP_COLOURS.poorest.fill, type: 'dashed', width: 2 },
          itemStyle: { color: GROUP_COLOURS.poorest.fill },
        },
      ],
    };
  })();

  if (profile.error) {
    const missing = profile.error instanceof ApiError && (profile.error.status === 404 || profile.error.status === 400);
    return (
      <div className="page">
        <PortalNav />
        {missing ? (
          <Alert type="warning" showIcon title={t('unknownProvince')} />
        ) : (
          <ErrorNotice error={profile.error} />
        )}
      </div>
    );
  }
  if (!data || !py) {
    return (
      <div className="page">
        <Skeleton active />
      </div>
    );
  }

  const rated = py.total.score !== null;
  const dimColumns: Column<ProfileMeasure>[] = [
    {
      key: 'name',
      title: t('measure'),
      render: (m) => (
        <>
          {m.measure.toUpperCase()}. {name(m)}
          <span className="show-phone change-line">{fmt.change(m.change, m.measure)}</span>
        </>
      ),
    },
    {
      key: 'score',
      title: t('score'),
      align: 'right',
      render: (m) => (
        <span className={m.score === null ? 'not-rated' : 'score-cell'} data-testid="dim-score">
          {fmt.score(m.score, m.measure)}
        </span>
      ),
    },
    {
      key: 'rank',
      title: t('rank'),
      render: (m) => (m.rank === null ? '—' : t('rankOf', { rank: m.rank, of: m.of })),
    },
    { key: 'group', title: t('group'), render: (m) => <GroupTag group={m.group} /> },
    { key: 'change', title: t('change'), className: 'hide-phone', render: (m) => fmt.change(m.change, m.measure) },
  ];

  return (
    <div className="page">
      <PortalNav />
      <p className="portal-note">{t('profileTitle')}</p>
      <h1 data-testid="profile-name">{name(data.province)}</h1>
      <p className="portal-note">{lang === 'vi' ? data.province.regionVi : data.province.regionEn}</p>
      <div className="portal-controls">
        <YearSelect years={data.years} value={py.year} onChange={(v) => set({ year: v })} testId="year-select" />
        <GeographyPicker
          value={geography}
          onChange={(v) => set({ geography: v === '34' ? '34' : undefined, year: undefined })}
        />
      </div>
      <ApproximationAlert approximation={data.approximation} />

      <section className="panel" aria-labelledby="headline">
        <h2 id="headline">
          {t('total')} {py.year}
        </h2>
        {rated ? (
          <div className="headline">
            <span className="big" data-testid="total-score">
              {fmt.score(py.total.score)}
            </span>
            <span data-testid="total-rank">{t('rankOfLong', { rank: py.total.rank, of: py.total.of })}</span>
            <GroupTag group={py.total.group} />
          </div>
        ) : (
          <p className="not-rated" data-testid="total-score">
            {t('notRatedYear', { province: name(data.province), year: py.year })}
          </p>
        )}
        <p data-testid="total-change">
          {t('changeSince')}: {fmt.change(py.total.change)}
        </p>
      </section>

      <section className="portal-section" aria-labelledby="dims">
        <h2 id="dims">{t('dimensions')}</h2>
        <GroupLegend />
        <SortableTable<ProfileMeasure>
          testId="dimensions-table"
          caption={`${t('dimensions')} ${py.year}`}
          columns={dimColumns}
          rows={py.dimensions}
          rowKey={(m) => m.measure}
        />
      </section>

      <section className="portal-section" aria-labelledby="diag">
        <h2 id="diag">{t('diagnosis')}</h2>
        {diagnosis.error ? <ErrorNotice error={diagnosis.error} /> : null}
        {diagnosis.data ? (
          <ul className="sentences" data-testid="diagnosis">
            {diagnosis.data.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        ) : (
          <Skeleton active paragraph={{ rows: 3 }} />
        )}
      </section>

      <section className="portal-section" aria-labelledby="radar" ref={radarRef}>
        <h2 id="radar">{t('radar')}</h2>
        <Suspense fallback={<p>{t('chartLoading')}</p>}>
          {radarOption && rated ? (
            radarOn ? (
              <EChart option={radarOption} label={`${t('radar')}: ${name(data.province)} ${py.year}`} testId="radar" />
            ) : (
              <p>{t('chartLoading')}</p>
            )
          ) : (
            <p className="not-rated">{t('notRated')}</p>
          )}
        </Suspense>
      </section>

      <section className="portal-section" aria-labelledby="subs">
        <h2 id="subs">{t('dashboard')}</h2>
        <ul className="dimension-grid">
          {py.dimensions.map((d) => (
            <li key={d.measure} className="panel panel-small">
              <h3>
                {d.measure.toUpperCase()}. {name(d)}
              </h3>
              <ul className="sub-list">
                {py.subdimensions
                  .filter((s) => s.dimension === d.measure)
                  .map((s) => (
                    <li key={s.measure}>
                      <span>
                        {s.measure} {name(s)}
                      </span>
                      <span className="sub-value">
                        <span className={s.score === null ? 'not-rated' : 'score-cell'}>
                          {fmt.score(s.score, s.measure)}
                        </span>
                        <GroupTag group={s.group} />
                      </span>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <ProvincePlans code={code} geography={geography} />

      <section className="portal-section" aria-labelledby="trend" ref={trendRef}>
        <h2 id="trend">{t('trend')}</h2>
        <div className="portal-controls">
          <NativeSelect
            label={t('trendMeasure')}
            wide
            value={trendMeasure}
            onChange={(v) => set({ trend: v === 'total' ? undefined : v })}
            options={[
              { value: 'total', label: t('total') },
              ...(data.years.at(-1)?.dimensions ?? []).map((d) => ({
                value: d.measure,
                label: `${d.measure.toUpperCase()}. ${name(d)}`,
              })),
            ]}
          />
        </div>
        <p className="portal-note">{t('trendNote')}</p>
        <Suspense fallback={<p>{t('chartLoading')}</p>}>
          {trendOption ? (
            trendOn ? (
              <EChart option={trendOption} label={`${t('trend')}: ${name(data.province)}`} testId="trend" />
            ) : (
              <p>{t('chartLoading')}</p>
            )
          ) : null}
        </Suspense>
      </section>

      <Downloads path={`/api/scores/provinces/${data.province.code}`} query={{ geography }} testId="profile-download" />
      <p className="portal-note">
        <Link to={`/portal/rankings?year=${py.year}&geography=${geography}`}>{t('navRankings')}</Link> ·{' '}
        <Link to={`/portal/compare?codes=${data.province.code}&year=${py.year}&geography=${geography}`}>
          {t('navCompare')}
        </Link>
      </p>
      <p className="portal-note">{t('source')}</p>
    </div>
  );
}
