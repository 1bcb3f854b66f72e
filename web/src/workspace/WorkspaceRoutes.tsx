/**
 * The officials' workspace: header, navigation (a side bar on desktop, a drawer on phones) and
 * one route per section. Loaded as its own chunk: the public home never downloads it.
 */
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { isSessionExpired, useLogout, useMe } from '../auth';
import { Brand } from '../components/Brand';
import { ComingSoon } from '../components/ComingSoon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoading } from '../components/PageLoading';
import { useIsPhone } from '../hooks';
import { NotFound } from '../pages/NotFound';
import { AuditPage } from './AuditPage';
import { NoAccess } from './NoAccess';
import { canSee, SECTIONS } from './nav';
import { Overview } from './Overview';
import { MODULE_PAGES } from './sections';
import { UnitsPage } from './UnitsPage';
import { UsersPage } from './UsersPage';
import { primaryUnitName } from './who';

function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation('workspace');
  const location = useLocation();
  const current = location.pathname.replace(/^\/workspace\/?/, '').split('/')[0] ?? '';
  const items: MenuProps['items'] = SECTIONS.filter((s) => canSee(me, s)).map((s) => ({
    key: s.path,
    icon: s.icon,
    label: (
      <Link to={s.path ? `/workspace/${s.path}` : '/workspace'} onClick={onNavigate}>
        {t(`nav.${s.key}`)}
      </Link>
    ),
  }));
  return <Menu mode="inline" selectedKeys={[current]} items={items} style={{ borderInlineEnd: 'none' }} />;
}

function WorkspaceShell({ me }: { me: Me }) {
  const { t, i18n } = useTranslation(['workspace', 'common']);
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  const navigate = useNavigate();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'vi';
  const unit = primaryUnitName(me, lang, t('wholeCountry'));

  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/', { replace: true }) });

  const sectionRoute = (s: (typeof SECTIONS)[number]) => {
    if (!canSee(me, s)) return <NoAccess />;
    switch (s.key) {
      case 'overview':
        return <Overview me={me} />;
      case 'units':
        return <UnitsPage />;
      case 'users':
        return <UsersPage />;
      case 'audit':
        return <AuditPage />;
      default: {
        const Page = MODULE_PAGES[s.key];
        return Page ? (
          <Suspense fallback={<PageLoading />}>
            <Page me={me} />
          </Suspense>
        ) : (
          <ComingSoon section={t(`nav.${s.key}`)} />
        );
      }
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common:skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('common:openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
            data-testid="nav-toggle"
            style={{ width: 44 }}
          />
        )}
        <Brand to="/workspace" tagline={false} />
        <span className="spacer" />
        <LanguageSwitch />
        {!phone && (
          <div className="ws-user" data-testid="ws-user">
            <strong>{me.displayName}</strong>
            <small>{unit}</small>
          </div>
        )}
        {!phone && (
          <Button icon={<LogoutOutlined />} onClick={signOut} loading={logout.isPending} data-testid="sign-out">
            {t('common:signOut')}
          </Button>
        )}
      </Layout.Header>
      <Layout hasSider={!phone}>
        {!phone && (
          <Layout.Sider width={240} theme="light" style={{ borderInlineEnd: '1px solid #e3e8eb' }}>
            <nav aria-label={t('common:mainNavigation')} style={{ paddingTop: 8 }}>
              <NavMenu me={me} />
            </nav>
          </Layout.Sider>
        )}
        {phone && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={300}
            title={
              <div className="ws-user" style={{ textAlign: 'left' }}>
                <strong>{me.displayName}</strong>
                <small>{unit}</small>
              </div>
            }
            closable={{ 'aria-label': t('common:close') }}
            styles={{ body: { padding: '8px 0' } }}
          >
            <nav aria-label={t('common:mainNavigation')}>
              <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
            </nav>
            <div style={{ padding: '16px 16px 0' }}>
              <Button block icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">
                {t('common:signOut')}
              </Button>
            </div>
          </Drawer>
        )}
        <Layout.Content id="main" className="ws-content" tabIndex={-1} style={{ outline: 'none' }}>
          <Routes>
            {SECTIONS.map((s) =>
              s.path ? (
                <Route key={s.key} path={`${s.path}/*`} element={sectionRoute(s)} />
              ) : (
                <Route key={s.key} index element={sectionRoute(s)} />
              ),
            )}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Signed-in officials only: anyone else is sent to the sign-in page and brought back after. */
export default function WorkspaceRoutes() {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (!me) {
    const expired = isSessionExpired() ? '&expired=1' : '';
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}${expired}`} replace />;
  }
  return <WorkspaceShell me={me} />;
}
