/**
 * Providers and routes. The public pages (home, portal sections) are in the first bundle; the
 * login page and the whole officials' workspace are separate chunks loaded on demand, so a
 * citizen on a phone downloads only what the home page needs.
 */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { ME_KEY, markSessionExpired } from './auth';
import { PageLoading } from './components/PageLoading';
import { useIsPhone } from './hooks';
import { PublicLayout } from './layout/PublicLayout';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { PortalSection } from './pages/PortalSection';
import { appTheme } from './theme';

const Login = lazy(() => import('./pages/Login'));
const Workspace = lazy(() => import('./workspace/WorkspaceRoutes'));
// PAPI portal: each view is its own chunk; charts (echarts) are a further lazy chunk inside the profile.
const Rankings = lazy(() => import('./portal/Rankings'));
const ProvinceProfile = lazy(() => import('./portal/ProvinceProfile'));
const Compare = lazy(() => import('./portal/Compare'));
const PortalMap = lazy(() => import('./portal/Map'));

const queryClient: QueryClient = new QueryClient({
  // A 401 while signed in means the session ended (expired, or signed out elsewhere): forget the
  // user, so the workspace sends them to the sign-in page with a word of explanation.
  queryCache: new QueryCache({
    onError: (err) => {
      if (err instanceof ApiError && err.status === 401 && queryClient.getQueryData(ME_KEY)) {
        markSessionExpired();
        queryClient.setQueryData(ME_KEY, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a dropped connection might.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  const { i18n } = useTranslation();
  const phone = useIsPhone();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.resolvedLanguage === 'en' ? enUS : viVN} theme={appTheme(phone)}>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route element={<PublicLayout />}>
                <Route index element={<Home />} />
                <Route path="login" element={<Login />} />
                <Route path="portal/rankings" element={<Rankings />} />
                <Route path="portal/provinces/:code" element={<ProvinceProfile />} />
                <Route path="portal/compare" element={<Compare />} />
                <Route path="portal/map" element={<PortalMap />} />
                <Route path="portal/scores" element={<Navigate to="/portal/rankings" replace />} />
                <Route path="portal/:section" element={<PortalSection />} />
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route path="workspace/*" element={<Workspace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
