import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Status } from './api';

/** Tone per status; the fb-tag-* colours keep AA contrast (antd's preset tag colours do not). */
const TONES: Record<Status, string> = {
  received: 'fb-tag-neutral',
  accepted: 'fb-tag-info',
  rejected: 'fb-tag-bad',
  in_progress: 'fb-tag-info',
  answered: 'fb-tag-ok',
  closed: 'fb-tag-ok',
};

/** A status as a coloured tag that always carries its words (never colour alone). */
export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation('feedback');
  return (
    <Tag className={TONES[status]} data-testid="status-tag">
      {t(`ui.status.${status}`)}
    </Tag>
  );
}
