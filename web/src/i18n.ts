/**
 * i18next fed from the single catalogue in core/i18n. Vietnamese is the default and the fallback;
 * the choice is remembered in localStorage (and on the account, see useLanguage) and mirrored in
 * <html lang> so screen readers and the browser's hyphenation use the right language.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Catalogue, DEFAULT_LANG, isLang, type Lang, NAMESPACES, resources } from '../../core/i18n/index';

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

i18n.use(initReactI18next).init({
  resources,
  lng: storedLang(),
  fallbackLng: DEFAULT_LANG,
  supportedLngs: ['vi', 'en'],
  ns: NAMESPACES,
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
