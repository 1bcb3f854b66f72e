import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLang } from '../../../core/i18n/lang';
import { useLanguage } from '../auth';

/** VI | EN, always visible in the header; each option names its language in that language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang, setLang } = useLanguage();
  return (
    <Segmented
      aria-label={t('language')}
      data-testid="language-switch"
      value={lang}
      onChange={(v) => {
        if (isLang(v)) void setLang(v);
      }}
      options={[
        {
          value: 'vi',
          label: (
            <span lang="vi" title={t('languageVi')}>
              VI
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span lang="en" title={t('languageEn')}>
              EN
            </span>
          ),
        },
      ]}
    />
  );
}
