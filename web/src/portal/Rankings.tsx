/**
 * /portal/rankings?year=2024&measure=total&geography=63&region= — the ranking table of every
 * province for a year and measure; every choice lives in the URL (shareable), every number comes
 * from /api/scores/rankings, downloads are the API's CSV and XLSX.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import { compareVi } from '../../../core/text/collate';
import { ErrorNotice } from '../components/ErrorNotice';
import { type FrameworkDto, type RankingRow, rankingsFileUrl, useFrameworks, useRankings, useYears } from './api';
import { ApproximationAlert, GeographyPicker, useUrlState, YearSelect } from './controls';
import { parseGeography, useScoreFormat } from './format';
import { GroupLegend, GroupTag } from './groups';
import { NativeSelect, type Option, type OptionGroup } from './NativeSelect';
import { PortalNav } from './PortalNav';
import { type Column, SortableTable, type SortState } from './SortableTable';
import './portal.css';

export function measureOptions(
  fw: FrameworkDto | undefined,
  lang: 'vi' | 'en',
  totalLabel: string,
): (Option | OptionGroup)[] {
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  return [
    { value: 'total', label: totalLabel },
    ...(fw?.dimensions ?? []).map((d) => ({
      label: `${d.number}. ${name(d)}`,
      options: [
        { value: d.code, label: `${d.number}. ${name(d)}` },
        ...d.subdimensions.map((s) => ({ value: s.code, label: `${s.code} ${name(s)}` })),
      ],
    })),
  ];
}

export default function Rankings() {
  const fmt = useScoreFormat();
  const { t, lang } = fmt;
  const [params, set] = useUrlState();
  const years = useYears();
  const frameworks = useFrameworks();
  const latest = years.data?.years.at(-1)?.year;
  const year = Number(params.get('year')) || latest;
  const measure = params.get('measure') || 'total';
  const geography = parseGeography(params.get('geography'));
  const region = params.get('region') || undefined;
  const query = { year, measure, geography, region };
  const rankings = useRankings(query, year !== undefined);

  const fwId = years.data?.years.find((y) => y.year === year)?.frameworkId;
  const fw = frameworks.data?.find((f) => f.id === fwId);
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  const regionName = (id: string | null) => {
    const r = years.data?.regions.find((x) => x.id === id);
    return r ? name(r) : '';
  };

  const sortKey = params.get('sort');
  const sort: SortState | null = sortKey ? { key: sortKey, dir: params.get('dir') === 'desc' ? 'desc' : 'asc' } : null;
  const columns: Column<RankingRow>[] = [
    {
      key: 'rank',
      title: t('rank'),
      compare: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9),
      missing: (r) => r.rank === null,
      render: (r) => <span className="score-cell">{r.rank ?? '—'}</span>,
    },
    {
      key: 'province',
      title: t('province'),
      compare: (a, b) => compareVi(name(a), name(b)),
      render: (row) => (
        <Link
          to={`/portal/provinces/${row.code}?geography=${geography}&year=${year ?? ''}`}
          data-testid="province-link"
        >
          {name(row)}
        </Link>
      ),
    },
    { key: 'region', title: t('region'), className: 'hide-phone', render: (row) => regionName(row.region) },
    {
      key: 'score',
      title: t('score'),
      align: 'right',
      compare: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      missing: (r) => r.score === null,
      render: (row) => (
        <span className={row.score === null ? 'not-rated' : 'score-cell'} data-testid="score">
          {fmt.score(row.score, measure)}
          {row.interval ? ` (${fmt.score(row.interval.lo, measure)}–${fmt.score(row.interval.hi, measure)})` : ''}
        </span>
      ),
    },
    { key: 'group', title: t('group'), render: (row) => <GroupTag group={row.group} /> },
  ];

  const data = rankings.data;
  return (
    <div className="page">
      <PortalNav />
      <h1>{t('rankingsTitle')}</h1>
      <p className="lead">{t('rankingsLead')}</p>
      {years.error ? <ErrorNotice error={years.error} onRetry={() => void years.refetch()} /> : null}
      <div className="portal-controls">
        <YearSelect
          years={years.data?.years ?? []}
          value={year}
          onChange={(v) => set({ year: v })}
          testId="year-select"
        />
        <NativeSelect
          label={t('measure')}
          testId="measure-select"
          wide
          value={measure}
          onChange={(v) => set({ measure: v === 'total' ? undefined : v })}
          options={measureOptions(fw, lang, t('total'))}
        />
        <NativeSelect
          label={t('region')}
          value={region ?? ''}
          onChange={(v) => set({ region: v || undefined })}
          options={[
            { value: '', label: t('allRegions') },
            ...(years.data?.regions ?? []).map((r) => ({ value: r.id, label: name(r) })),
          ]}
        />
        <GeographyPicker value={geography} onChange={(v) => set({ geography: v === '34' ? '34' : undefined })} />
      </div>
      <div className="portal-actions">
        <Button icon={<DownloadOutlined />} href={rankingsFileUrl(query, 'csv')} data-testid="download-csv">
          {t('downloadCsv')}
        </Button>
        <Button icon={<DownloadOutlined />} href={rankingsFileUrl(query, 'xlsx')} data-testid="download-xlsx">
          {t('downloadXlsx')}
        </Button>
      </div>
      <ApproximationAlert approximation={data?.approximation} />
      {rankings.error ? <ErrorNotice error={rankings.error} onRetry={() => void rankings.refetch()} /> : null}
      <GroupLegend />
      {data ? (
        <p className="portal-note" data-testid="rankings-caption">
          {name(data.measure)} · {data.year} · {t('ratedCount', { count: data.rated })}
          {data.thresholds
            ? ` · ${t('thresholds', {
                p25: fmt.score(data.thresholds.p25, measure),
                p50: fmt.score(data.thresholds.p50, measure),
                p75: fmt.score(data.thresholds.p75, measure),
              })}`
            : ''}
        </p>
      ) : null}
      {rankings.isLoading || years.isLoading ? <p>…</p> : null}
      {data ? (
        <SortableTable<RankingRow>
          testId="rankings-table"
          caption={`${name(data.measure)} ${data.year}`}
          columns={columns}
          rows={data.rows}
          rowKey={(r) => r.code}
          sort={sort}
          onSort={(s) => set({ sort: s.key, dir: s.dir })}
        />
      ) : null}
      <p className="portal-note">{t('source')}</p>
    </div>
  );
}
