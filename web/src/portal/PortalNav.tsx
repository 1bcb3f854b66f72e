import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Links between the portal's views (keyboard and screen-reader friendly plain links). */
export function PortalNav() {
  const { t } = useTranslation('portal');
  return (
    <nav className="portal-nav" aria-label="PAPI">
      <NavLink to="/portal/rankings">{t('navRankings')}</NavLink>
      <span aria-hidden>·</span>
      <NavLink to="/portal/map">{t('navMap')}</NavLink>
      <span aria-hidden>·</span>
      <NavLink to="/portal/compare">{t('navCompare')}</NavLink>
      <span aria-hidden>·</span>
      <a href="/api/docs" target="_blank" rel="noreferrer">
        {t('apiLink')}
      </a>
    </nav>
  );
}
