/**
 * Choose a commune, ward or special zone as of today by typing part of its name (diacritics optional:
 * "an thi" finds Xã An Thi), through the public unit search API. Each option says its province, since
 * many communes share a name.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import type { UnitDto, UnitList } from '../api/types';
import { useFormat } from '../format';
import { useDebounced } from '../hooks';
import { provinceIdOf, unitName, useProvinces } from '../units';

export const COMMUNE_TYPES = 'commune,ward,special_zone';

export function CommunePicker({
  id,
  value,
  onChange,
  selected,
  onSelectUnit,
  allowClear,
  placeholder,
  testId,
  ariaDescribedBy,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The chosen unit (kept by the parent so its name shows whatever the current search). */
  selected?: UnitDto;
  onSelectUnit?: (unit: UnitDto | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  ariaDescribedBy?: string;
}) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const asOf = useMemo(() => todayInVietnam(), []);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({
    queryKey: ['units', 'search', 'communes', q, asOf],
    queryFn: () => apiGet<UnitList>('/api/units', { q, asOf, type: COMMUNE_TYPES, limit: 30 }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const provinces = useProvinces(asOf);
  const provinceName = (u: UnitDto) => {
    const p = provinces.data?.items.find((x) => x.id === provinceIdOf(u));
    return p ? unitName(p, fmt.lang) : '';
  };
  const label = (u: UnitDto) => {
    const province = provinceName(u);
    return province ? `${unitName(u, fmt.lang)} — ${province}` : unitName(u, fmt.lang);
  };

  const found = q.length >= 2 ? (search.data?.items ?? []) : [];
  const units = selected && !found.some((u) => u.id === selected.id) ? [selected, ...found] : found;

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      aria-describedby={ariaDescribedBy}
      value={value}
      allowClear={allowClear}
      placeholder={placeholder ?? t('ui.form.communePlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
      loading={search.isFetching}
      notFoundContent={
        q.length < 2
          ? t('ui.form.communeTypeMore')
          : search.isFetching
            ? t('ui.form.communeSearching')
            : t('ui.form.communeNone', { q })
      }
      options={units.map((u) => ({ value: u.id, label: label(u) }))}
      onChange={(v) => {
        onChange?.(v);
        onSelectUnit?.(units.find((u) => u.id === v));
        setText('');
      }}
      style={{ width: '100%' }}
    />
  );
}
