import { LoginOutlined, UserOutlined } from '@ant-design/icons';
import { Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '../auth';
import { Brand } from '../components/Brand';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LinkButton } from '../components/LinkButton';
import { PageLoading } from '../components/PageLoading';
import { useIsPhone } from '../hooks';

/** Header (brand, language, sign-in), the page, and a footer: the frame of every public page. */
export function PublicLayout() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { data: me } = useMe();
  const onLoginPage = useLocation().pathname === '/login';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Brand />
        <span className="spacer" />
        <LanguageSwitch />
        {me ? (
          <LinkButton to="/workspace" type="primary" icon={<UserOutlined />} data-testid="to-workspace">
            {t('workspace')}
          </LinkButton>
        ) : onLoginPage ? null : (
          <LinkButton to="/login" type="primary" icon={phone ? undefined : <LoginOutlined />} data-testid="sign-in">
            {t('signIn')}
          </LinkButton>
        )}
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('footer')}</Layout.Footer>
    </Layout>
  );
}
