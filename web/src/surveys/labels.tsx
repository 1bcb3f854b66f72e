import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import type { CampaignStatus } from './api';

export const canWrite = (me: Me): boolean =>
  me.roles.some((r) => r.role === 'province_officer' || r.role === 'commune_officer' || r.role === 'system_admin');

const COLORS: Record<CampaignStatus, string> = { draft: 'default', open: 'green', closed: 'volcano' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('surveys');
  return <Tag color={COLORS[status]}>{t(`ui.statuses.${status}`)}</Tag>;
}
