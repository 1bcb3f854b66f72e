import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Table, Tag, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import type { UnitDto, UnitList } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { unitName, useProvinces } from '../units';

/** The children endpoint may answer a list or a page; accept both. */
async function fetchChildren(id: string, asOf: string): Promise<UnitDto[]> {
  const res = await apiGet<UnitDto[] | UnitList>(`/api/units/${encodeURIComponent(id)}/children`, { asOf });
  return Array.isArray(res) ? res : res.items;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The unit tree on a chosen date: provinces (63 before 1 July 2025, 34 after), then the units
 * under each one, loaded when opened. Selecting a unit lists its children with type and code.
 */
export function UnitsPage() {
  const { t } = useTranslation('units');
  const fmt = useFormat();
  const phone = useIsPhone();
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<UnitDto | undefined>();
  const [loaded, setLoaded] = useState<Record<string, UnitDto[]>>({});
  const provinces = useProvinces(asOf);

  // On a phone the list of children is below the tree: bring it into view when a unit is chosen.
  const childrenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (phone && selected) childrenRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [phone, selected]);

  const children = useQuery({
    queryKey: ['units', 'children', selected?.id, asOf],
    queryFn: () => fetchChildren(selected?.id ?? '', asOf),
    enabled: !!selected,
  });

  const treeData = useMemo<DataNode[]>(() => {
    const key = fold(filter);
    const toNode = (u: UnitDto): DataNode => ({
      key: u.id,
      title: (
        <span>
          {unitName(u, fmt.lang)} <span style={{ color: '#4a5a63', fontSize: 13 }}>· {u.code}</span>
        </span>
      ),
      isLeaf: u.level >= 2 && loaded[u.id]?.length === 0,
      children: loaded[u.id]?.map(toNode),
    });
    return (provinces.data?.items ?? [])
      .filter((p) => !key || fold(`${p.fullNameVi} ${p.fullNameEn}`).includes(key))
      .map(toNode);
  }, [provinces.data, loaded, filter, fmt.lang]);

  const byId = useMemo(() => {
    const map = new Map<string, UnitDto>();
    for (const p of provinces.data?.items ?? []) map.set(p.id, p);
    for (const list of Object.values(loaded)) for (const u of list) map.set(u.id, u);
    return map;
  }, [provinces.data, loaded]);

  const loadData = async (node: EventDataNode<DataNode>) => {
    const id = String(node.key);
    if (loaded[id]) return;
    const list = await fetchChildren(id, asOf);
    setLoaded((prev) => ({ ...prev, [id]: list }));
  };

  const validity = (u: UnitDto) =>
    t('validFromTo', {
      from: u.validFrom ? fmt.date(u.validFrom) : t('sinceStart'),
      to: u.validTo ? fmt.date(u.validTo) : t('openEnded'),
    });

  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
        <label htmlFor="units-as-of" style={{ fontWeight: 600 }}>
          {t('asOf')}
        </label>
        <DatePicker
          id="units-as-of"
          data-testid="units-as-of"
          value={dayjs(asOf)}
          format="DD/MM/YYYY"
          allowClear={false}
          onChange={(d) => {
            if (!d) return;
            setAsOf(d.format('YYYY-MM-DD'));
            setLoaded({});
            setSelected(undefined);
          }}
        />
      </div>

      <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : 'minmax(280px, 380px) 1fr', gap: 16 }}>
        <Card
          title={`${t('provinces')} (${fmt.number(provinces.data?.total ?? 0)})`}
          styles={{ body: { padding: 12 } }}
        >
          <Input
            allowClear
            placeholder={t('filterPlaceholder')}
            aria-label={t('filterPlaceholder')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          {provinces.isError && <ErrorNotice error={provinces.error} onRetry={() => provinces.refetch()} />}
          <div style={{ maxHeight: phone ? 360 : 560, overflowY: 'auto' }} data-testid="unit-tree">
            <Tree
              key={asOf}
              blockNode
              treeData={treeData}
              loadData={loadData}
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => setSelected(keys[0] ? byId.get(String(keys[0])) : undefined)}
            />
          </div>
        </Card>

        <Card
          ref={childrenRef}
          style={{ scrollMarginTop: 72 }}
          title={selected ? t('children', { name: unitName(selected, fmt.lang) }) : t('title')}
        >
          {!selected && <Typography.Paragraph style={{ marginBottom: 0 }}>{t('chooseProvince')}</Typography.Paragraph>}
          {selected && children.isError && <ErrorNotice error={children.error} onRetry={() => children.refetch()} />}
          {selected && !children.isError && (
            <div className="table-scroll">
              <Table<UnitDto>
                data-testid="unit-children"
                rowKey="id"
                size="small"
                loading={children.isPending}
                dataSource={children.data ?? []}
                locale={{ emptyText: t('childrenEmpty') }}
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { title: t('name'), key: 'name', render: (_, u) => unitName(u, fmt.lang) },
                  { title: t('type'), key: 'type', render: (_, u) => <Tag>{t(`types.${u.unitType}`)}</Tag> },
                  { title: t('code'), dataIndex: 'code', key: 'code' },
                  ...(phone
                    ? []
                    : [{ title: t('validity'), key: 'validity', render: (_: unknown, u: UnitDto) => validity(u) }]),
                ]}
              />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
