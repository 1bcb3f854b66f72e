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
import { preloadable } from './components/preloadable';
import { useIsPhone } from './hooks';
import { PublicLayout } from './layout/PublicLayout';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { PortalSection } from './pages/PortalSection';
import { appTheme } from './theme';

const Login = lazy(() => import('./pages/Login'));
const Workspace = lazy(() => import('./workspace/WorkspaceRoutes'));
// PAPI portal: each view is its own chunk; charts (echarts) are a further lazy chunk inside the profile.
const PORTAL_VIEWS = {
  rankings: preloadable(() => import('./portal/Rankings')),
  provinces: preloadable(() => import('./portal/ProvinceProfile')),
  compare: preloadable(() => import('./portal/Compare')),
  map: preloadable(() => import('./portal/Map')),
};
const Rankings = PORTAL_VIEWS.rankings.View;
const ProvinceProfile = PORTAL_VIEWS.provinces.View;
const Compare = PORTAL_VIEWS.compare.View;
const PortalMap = PORTAL_VIEWS.map.View;
const PortalDisclosures = lazy(() => import('./disclosures/PortalDisclosures'));

/**
 * A cold visit straight to a portal view (a shared link): its chunk (which the server already named
 * in a Link header, and which starts fetching the view's data) is loaded before the first render, so
 * the page renders once instead of first showing a loading state. main.tsx awaits this.
 */
export function preloadCurrentView(): Promise<void> {
  const view = /^\/portal\/([a-z]+)/.exec(window.location.pathname)?.[1];
  if (!view || !Object.hasOwn(PORTAL_VIEWS, view)) return Promise.resolve();
  // A chunk that fails to load is reported by the route's own lazy path; never block the app on it.
  return PORTAL_VIEWS[view as keyof typeof PORTAL_VIEWS].preload().catch(() => undefined);
}
// Citizen feedback: the public form, tracking and the portal's answers, one chunk each.
const FeedbackForm = lazy(() => import('./feedback/FeedbackForm'));
const FeedbackTrack = lazy(() => import('./feedback/TrackPage'));
const FeedbackAnswers = lazy(() => import('./feedback/PortalAnswers'));
// The citizen survey form: its own small chunk without antd, usable offline (web/src/survey-form).
const SurveyForm = lazy(() => import('./survey-form/SurveyFormPage'));

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
                <Route path="portal/disclosures" element={<PortalDisclosures />} />
                <Route path="portal/scores" element={<Navigate to="/portal/rankings" replace />} />
                <Route path="portal/feedback" element={<FeedbackAnswers />} />
                <Route path="feedback" element={<FeedbackForm />} />
                <Route path="feedback/track" element={<FeedbackTrack />} />
                <Route path="portal/:section" element={<PortalSection />} />
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route path="workspace/*" element={<Workspace />} />
              <Route path="s/:token" element={<SurveyForm />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
