import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { withQuery } from '../api/client';
import { useScoreFormat } from './format';

/** CSV and XLSX links for an API table (`format=csv|xlsx` on the same stable URL). */
export function Downloads({
  path,
  query,
  testId,
}: {
  path: string;
  query: Record<string, string | number | undefined>;
  testId?: string;
}) {
  const { t } = useScoreFormat();
  return (
    <div className="portal-actions">
      <Button
        icon={<DownloadOutlined />}
        href={withQuery(path, { ...query, format: 'csv' })}
        data-testid={testId ? `${testId}-csv` : undefined}
      >
        {t('downloadCsv')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        href={withQuery(path, { ...query, format: 'xlsx' })}
        data-testid={testId ? `${testId}-xlsx` : undefined}
      >
        {t('downloadXlsx')}
      </Button>
    </div>
  );
}
