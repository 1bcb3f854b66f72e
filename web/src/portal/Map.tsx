/**
 * /portal/map?year=2024&measure=total&geography=63 — provinces coloured by performance group
 * (colour-blind-safe palette, legend with text), not-rated provinces grey and labelled; click a
 * province (or use the list below, by keyboard) to open its profile. Scores from /api/scores/rankings.
 */
import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { useIsPhone } from '../hooks';
import { type Group, useFrameworks, useRankings, useYears } from './api';
import { ApproximationAlert, GeographyPicker, useUrlState, YearSelect } from './controls';
import { parseGeography, useScoreFormat } from './format';
import { GROUP_COLOURS, GROUP_ORDER, GroupLegend, GroupTag, NOT_RATED_COLOUR } from './groups';
import { NativeSelect } from './NativeSelect';
import { PortalNav } from './PortalNav';
import { measureOptions } from './Rankings';
import './portal.css';

const ProvinceMap = lazy(() => import('./charts/ProvinceMap'));

export const BOUNDARIES_ATTRIBUTION =
  'Province boundaries: Open Development Mekong / Department of Survey and Mapping (Địa phận tỉnh, 2016), via geoBoundaries (Runfola et al. 2020, www.geoboundaries.org), CC BY-SA 4.0. Simplified, re-attributed and dissolved to the 34 units of 2025 by the OpenPAPI project. Codes and names: dvhcvn and thanglequoc/vietnamese-provinces-database (MIT).';

export default function MapPage() {
  const fmt = useScoreFormat();
  const { t, lang } = fmt;
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [params, set] = useUrlState();
  const years = useYears();
  const frameworks = useFrameworks();
  const year = Number(params.get('year')) || years.data?.years.at(-1)?.year;
  const measure = params.get('measure') || 'total';
  const geography = parseGeography(params.get('geography'));
  const rankings = useRankings({ year, measure, geography }, year !== undefined);
  const fw = frameworks.data?.find((f) => f.id === years.data?.years.find((y) => y.year === year)?.frameworkId);
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);

  const data = rankings.data;
  const mapData =
    data?.rows.map((r) => ({
      code: r.code,
      name: name(r),
      fill: r.group ? GROUP_COLOURS[r.group].fill : NOT_RATED_COLOUR.fill,
      tooltip: `${name(r)}: ${fmt.score(r.score, measure)}${r.rank ? ` · ${t('rank')} ${r.rank}` : ''} · ${
        r.group ? t(`groups.${r.group}`) : t('notRated')
      }`,
    })) ?? [];
  const byGroup = (g: Group | null) => data?.rows.filter((r) => r.group === g) ?? [];

  return (
    <div className="page">
      <PortalNav />
      <h1>{t('mapTitle')}</h1>
      <p className="lead">{t('mapLead')}</p>
      {years.error ? <ErrorNotice error={years.error} /> : null}
      <div className="portal-controls">
        <YearSelect years={years.data?.years ?? []} value={year} onChange={(v) => set({ year: v })} />
        <NativeSelect
          label={t('measure')}
          wide
          value={measure}
          onChange={(v) => set({ measure: v === 'total' ? undefined : v })}
          options={measureOptions(fw, lang, t('total'))}
        />
        <GeographyPicker value={geography} onChange={(v) => set({ geography: v === '34' ? '34' : undefined })} />
      </div>
      <ApproximationAlert approximation={data?.approximation} />
      {rankings.error ? <ErrorNotice error={rankings.error} /> : null}
      <GroupLegend />
      <ul className="group-legend">
        <li>
          <GroupTag group={null} />
        </li>
      </ul>
      <Suspense fallback={<p>{t('chartLoading')}</p>}>
        {data ? (
          <ProvinceMap
            geography={geography}
            data={mapData}
            height={phone ? 520 : 640}
            label={`${t('mapTitle')}: ${name(data.measure)} ${data.year}`}
            onSelect={(code) => navigate(`/portal/provinces/${code}?geography=${geography}&year=${data.year}`)}
          />
        ) : null}
      </Suspense>
      <p className="portal-note" data-testid="map-attribution">
        {BOUNDARIES_ATTRIBUTION}
      </p>
      {data ? (
        <section className="portal-section" aria-labelledby="map-list">
          <h2 id="map-list">{t('mapList')}</h2>
          <div className="dimension-grid">
            {[...GROUP_ORDER, null].map((g) =>
              byGroup(g).length === 0 ? null : (
                <div key={g ?? 'none'} className="panel panel-small">
                  <h3>
                    <GroupTag group={g} /> <span className="count">({byGroup(g).length})</span>
                  </h3>
                  <ul className="sub-list">
                    {byGroup(g).map((r) => (
                      <li key={r.code}>
                        <Link to={`/portal/provinces/${r.code}?geography=${geography}&year=${data.year}`}>
                          {name(r)}
                        </Link>
                        <span className={r.score === null ? 'not-rated' : 'score-cell'}>
                          {fmt.score(r.score, measure)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              ),
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
