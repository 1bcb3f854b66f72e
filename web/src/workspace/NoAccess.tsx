import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {t('noAccessTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('noAccessBody')}</Typography.Paragraph>
    </Card>
  );
}
