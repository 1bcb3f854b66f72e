import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, RoleAssignment } from '../api/types';
import { RemindersPanel } from '../reminders/RemindersPanel';
import { roleUnitName } from './who';

/** Who you are, your roles and the units they cover: the first thing an official sees. */
export function Overview({ me }: { me: Me }) {
  const { t, i18n } = useTranslation(['workspace', 'common', 'roles']);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'vi';
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }} data-testid="greeting">
        {t('greeting', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('overviewLead')}</Typography.Paragraph>

      {me.roles.length > 0 && <RemindersPanel />}

      <Card title={t('account')} style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('preferredLanguage')}>
            {me.locale === 'en' ? t('common:languageEn') : t('common:languageVi')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('rolesTitle')}>
        {me.roles.length === 0 ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('noRoles')}</Typography.Paragraph>
        ) : (
          <Table<RoleAssignment>
            data-testid="my-roles"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={me.roles}
            columns={[
              { title: t('role'), key: 'role', render: (_, r) => t(`roles:${r.role}`) },
              { title: t('unit'), key: 'unit', render: (_, r) => roleUnitName(r, lang, t('wholeCountry')) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
