/** Number and date formatting bound to the current language (the rules live in core/i18n/format.ts). */
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../core/i18n/format';
import { isLang, type Lang } from '../../core/i18n/lang';

export function useFormat() {
  const { i18n } = useTranslation();
  const lang: Lang = isLang(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'vi';
  return {
    lang,
    number: (n: number, o?: Intl.NumberFormatOptions) => formatNumber(lang, n, o),
    date: (d: Date | string) => formatDate(lang, d),
    dateTime: (d: Date | string) => formatDateTime(lang, d),
  };
}
