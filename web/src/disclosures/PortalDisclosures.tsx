/**
 * Public portal page /portal/disclosures: what communes have made public (budget, collections, land-use
 * plans, prices, projects), by province and commune. Phone-first and light: native selects, plain markup,
 * no antd components. Only published postings, never the evidence or a named poor-household list.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import type { UnitDto, UnitList } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useFormat } from '../format';
import { NativeSelect } from '../portal/NativeSelect';
import { useProvinces } from '../units';
import { type PublicDisclosure, useTypesQuery } from './api';
import '../portal/portal.css';
import { compareVi } from '../../../core/text/collate';
import './disclosures.css';

const DEFAULT_PROVINCE = 'vn2025:33';

export default function PortalDisclosures() {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const asOf = useMemo(() => todayInVietnam(), []);
  const province = params.get('province') ?? DEFAULT_PROVINCE;
  const commune = params.get('commune') ?? '';
  const typeId = params.get('type') ?? '';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'province') next.delete('commune');
    setParams(next, { replace: true });
  };

  const provinces = useProvinces(asOf);
  const communes = useQuery({
    queryKey: ['units', 'children', province, asOf],
    queryFn: async () => {
      const res = await apiGet<UnitDto[] | UnitList>(`/api/units/${encodeURIComponent(province)}/children`, { asOf });
      return (Array.isArray(res) ? res : res.items).filter((u) => u.codeSystem !== 'local');
    },
  });
  const types = useQuery(useTypesQuery());
  const list = useQuery({
    queryKey: ['public-disclosures', province, commune, typeId],
    queryFn: () =>
      apiGet<{ items: PublicDisclosure[] }>('/api/public/disclosures', {
        unitId: commune || province,
        typeId: typeId || undefined,
      }),
  });
  const typeName = (id: string) => {
    const ty = types.data?.items.find((x) => x.id === id);
    return ty ? (fmt.lang === 'en' ? ty.nameEn : ty.nameVi) : id;
  };
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);

  return (
    <div className="page" data-testid="portal-disclosures">
      <h1 style={{ marginTop: 0 }}>{t('portal.title')}</h1>
      <p className="lead">{t('portal.lead')}</p>
      <div className="portal-controls">
        <NativeSelect
          label={t('portal.province')}
          value={province}
          onChange={(v) => set('province', v)}
          testId="pd-province"
          options={(provinces.data?.items ?? [])
            .map((p) => ({ value: p.id, label: name(p) }))
            .sort((a, b) => compareVi(a.label, b.label))}
        />
        <NativeSelect
          label={t('portal.commune')}
          value={commune}
          onChange={(v) => set('commune', v)}
          testId="pd-commune"
          wide
          options={[
            { value: '', label: t('portal.allCommunes') },
            ...(communes.data ?? [])
              .map((u) => ({ value: u.id, label: name(u) }))
              .sort((a, b) => compareVi(a.label, b.label)),
          ]}
        />
        <NativeSelect
          label={t('portal.kind')}
          value={typeId}
          onChange={(v) => set('type', v)}
          testId="pd-kind"
          wide
          options={[
            { value: '', label: t('allKinds') },
            ...(types.data?.items ?? []).map((x) => ({ value: x.id, label: typeName(x.id) })),
          ]}
        />
      </div>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <PageLoading />}
      {list.data && (
        <>
          <p aria-live="polite" data-testid="pd-count">
            {list.data.items.length === 0
              ? t('portal.empty')
              : t('portal.count', { count: fmt.number(list.data.items.length) })}
          </p>
          <ul className="pd-list">
            {list.data.items.map((d) => (
              <li key={d.id} className="pd-item" data-testid="pd-item">
                <span className="pd-kind">{typeName(d.typeId)}</span>
                <h3>{d.title}</h3>
                <p className="pd-meta">
                  <strong>{fmt.lang === 'en' ? d.unitNameEn : d.unitNameVi}</strong>
                  {d.provinceNameVi ? `, ${fmt.lang === 'en' ? d.provinceNameEn : d.provinceNameVi}` : ''} ·{' '}
                  {t('period')} {d.period}
                </p>
                <p className="pd-meta">
                  {d.postedUntil
                    ? t('portal.postedFromTo', { from: fmt.date(d.postedFrom), to: fmt.date(d.postedUntil) })
                    : t('portal.postedSince', { date: fmt.date(d.postedFrom) })}
                </p>
                <p className="pd-meta">
                  {t('portal.where')}: {d.places.map((p) => t(`place.${p as 'other'}`)).join(', ')}
                  {d.placeNote ? ` (${d.placeNote})` : ''}
                </p>
                {d.summary && <p className="pd-meta">{d.summary}</p>}
                {d.publicCopies.map((f) => (
                  <a
                    key={f.id}
                    className="pd-download"
                    href={`/api/public/disclosures/${d.id}/files/${f.id}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('portal.download')}: {f.filename}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="pd-privacy">{t('portal.privacy')}</p>
    </div>
  );
}
