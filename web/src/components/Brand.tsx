import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Brand({ to = '/', tagline = true }: { to?: string; tagline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="brand" aria-label={`${t('appName')} — ${t('home')}`}>
      <img src="/favicon.svg" alt="" />
      <span>{t('appName')}</span>
      {tagline && <span className="brand-tagline">{t('tagline')}</span>}
    </Link>
  );
}
