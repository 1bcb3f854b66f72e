import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Input from 'antd/es/input/Input';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import type { UnitList } from '../api/types';
import { useFormat } from '../format';
import { useDebounced } from '../hooks';
import { PUBLIC_UNIT_TYPES, provinceIdOf, unitName, useProvinces } from '../units';
import { ErrorNotice } from './ErrorNotice';

const LIMIT = 20;

/**
 * Search provinces, cities, communes and wards as of today, diacritics optional ("ha noi" finds
 * Hà Nội): debounced, one request per pause in typing, results with type, province and code.
 */
export function UnitSearch() {
  const { t } = useTranslation('home');
  const { t: tu } = useTranslation('units');
  const fmt = useFormat();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const asOf = useMemo(() => todayInVietnam(), []);
  const enabled = q.length >= 2;

  const search = useQuery({
    queryKey: ['units', 'search', q, asOf],
    queryFn: () => apiGet<UnitList>('/api/units', { q, asOf, type: PUBLIC_UNIT_TYPES, limit: LIMIT }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const needsProvinces = !!search.data?.items.some((u) => u.level > 1);
  const provinces = useProvinces(asOf, needsProvinces);
  const provinceName = (id: string | undefined) => {
    const p = id ? provinces.data?.items.find((u) => u.id === id) : undefined;
    return p ? unitName(p, fmt.lang) : undefined;
  };

  const items = enabled ? (search.data?.items ?? []) : [];
  const total = enabled ? (search.data?.total ?? 0) : 0;

  return (
    <div>
      <label htmlFor={inputId} style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
        {t('searchLabel')}
      </label>
      <Input
        id={inputId}
        type="search"
        size="large"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('searchPlaceholder')}
        prefix={<SearchOutlined aria-hidden />}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        data-testid="unit-search"
      />
      <p id={hintId} className="muted" style={{ margin: '6px 0 0', fontSize: 14 }}>
        {t('searchHint', { date: fmt.date(asOf) })}
      </p>

      <div aria-live="polite" data-testid="unit-results">
        {text.trim().length === 1 && <p>{t('searchTooShort')}</p>}
        {enabled && search.isError && <ErrorNotice error={search.error} onRetry={() => search.refetch()} />}
        {enabled && search.isSuccess && !search.isPlaceholderData && (
          <p style={{ margin: '12px 0 0', fontWeight: 600 }}>
            {total === 0
              ? t('searchEmpty', { q })
              : total > items.length
                ? t('searchCountMore', { count: fmt.number(total), shown: items.length })
                : t('searchCount', { count: fmt.number(total) })}
          </p>
        )}
        {items.length > 0 && (
          <ul className="unit-results">
            {items.map((u) => {
              const province = provinceName(provinceIdOf(u));
              return (
                <li key={u.id} data-unit-id={u.id}>
                  <span className="unit-name">{unitName(u, fmt.lang)}</span>
                  <span className="type-tag">{tu(`types.${u.unitType}`)}</span>
                  <span className="unit-meta">
                    {province ? `${t('inProvince', { province })} · ` : ''}
                    {t('code')} {u.code}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
