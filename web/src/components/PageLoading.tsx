import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 12, padding: 48 }}
    >
      <Spin />
      <span>{t('loading')}</span>
    </div>
  );
}
