/**
 * Entry of the citizen survey form (web/survey.html, served for /s/:token by server/campaigns/page.ts):
 * React, the router and the catalogue only — none of the officials' app (antd, react-query), so a rural
 * phone downloads a fraction of the main bundle. The same page also works inside the main app
 * (route s/:token in App.tsx), which the Vite dev server uses.
 */
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import i18n from '../i18n';
import SurveyFormPage from './SurveyFormPage';

// The form's sentences before the first render, so the page never shows a loading state for them;
// the service worker then caches their chunk with the rest of what this page loaded.
await i18n.loadNamespaces('surveyForm');

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from survey.html');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <Routes>
        <Route path="s/:token" element={<SurveyFormPage />} />
      </Routes>
    </BrowserRouter>
  </StrictMode>,
);
