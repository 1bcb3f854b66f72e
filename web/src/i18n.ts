/**
 * i18next fed from the single catalogue in core/i18n. Vietnamese is the default and the fallback;
 * the choice is remembered in localStorage (and on the account, see useLanguage) and mirrored in
 * <html lang> so screen readers and the browser's hyphenation use the right language.
 */
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enBase } from '../../core/i18n/en';
// Types only from index (it joins the whole catalogue): erased from the bundle.
import type { BaseNamespace, Catalogue, ModuleNamespace } from '../../core/i18n/index';
import { DEFAULT_LANG, isLang, type Lang } from '../../core/i18n/lang';
import { viBase } from '../../core/i18n/vi';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Catalogue;
  }
}

export const LANG_STORAGE_KEY = 'openpapi.lang';

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function applyLang(lang: string): void {
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/**
 * The larger modules' sentences (core/i18n/modules) are chunks of their own, fetched the first time
 * a page of that module renders (react-i18next suspends it meanwhile), so the public pages do not
 * carry the officials' vocabulary. The record's type makes a new module namespace without a loader a
 * compile error.
 */
type Both = { vi: object; en: object };
const MODULE_CATALOGUES: Record<ModuleNamespace, () => Promise<Both>> = {
  plans: () => import('../../core/i18n/modules/plans').then((m) => ({ vi: m.plansVi, en: m.plansEn })),
  documents: () => import('../../core/i18n/modules/documents').then((m) => ({ vi: m.documentsVi, en: m.documentsEn })),
  feedback: () => import('../../core/i18n/modules/feedback').then((m) => ({ vi: m.feedbackVi, en: m.feedbackEn })),
  disclosures: () =>
    import('../../core/i18n/modules/disclosures').then((m) => ({ vi: m.disclosuresVi, en: m.disclosuresEn })),
  inspections: () =>
    import('../../core/i18n/modules/inspections').then((m) => ({ vi: m.inspectionsVi, en: m.inspectionsEn })),
  surveys: () => import('../../core/i18n/modules/surveys').then((m) => ({ vi: m.surveysVi, en: m.surveysEn })),
  surveyForm: () =>
    import('../../core/i18n/modules/surveyForm').then((m) => ({ vi: m.surveyFormVi, en: m.surveyFormEn })),
};

const isModuleNamespace = (ns: string): ns is ModuleNamespace => Object.hasOwn(MODULE_CATALOGUES, ns);

const moduleBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    if (!isModuleNamespace(namespace)) return callback(null, {});
    MODULE_CATALOGUES[namespace]().then(
      (both) => {
        // One file holds both languages: keep the other one too, so switching language later
        // does not suspend the page again.
        const other = language === 'en' ? 'vi' : 'en';
        if (!i18n.hasResourceBundle(other, namespace)) i18n.addResourceBundle(other, namespace, both[other]);
        callback(null, both[language === 'en' ? 'en' : 'vi'] as Record<string, unknown>);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

i18n
  .use(moduleBackend)
  .use(initReactI18next)
  .init({
    resources: { vi: viBase, en: enBase },
    // The bundled namespaces are complete; the backend is asked only for the module namespaces.
    partialBundledLanguages: true,
    lng: storedLang(),
    fallbackLng: DEFAULT_LANG,
    supportedLngs: ['vi', 'en'],
    ns: Object.keys(viBase) as BaseNamespace[],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

export function currentLang(): Lang {
  return isLang(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANG;
}

export default i18n;
