import { ArrowRightOutlined, LoginOutlined, SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LinkButton } from '../components/LinkButton';
import { UnitSearch } from '../components/UnitSearch';

const STEPS = ['measure', 'diagnose', 'plan', 'report', 'inspect', 'engage', 'remeasure'] as const;
const PORTAL = ['scores', 'plans', 'disclosures', 'feedback'] as const;
/** Portal sections that are open (the others show a coming-soon card). */
const PORTAL_LINKS: Partial<Record<(typeof PORTAL)[number], string>> = {
  scores: '/portal/rankings',
  feedback: '/portal/feedback',
};

/**
 * The public home: what OpenPAPI is, the improvement cycle, unit search, citizens' sections.
 * Plain HTML and CSS around a few small antd controls: citizens on phones download little.
 */
export function Home() {
  const { t } = useTranslation(['home', 'common']);
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="page hero-inner">
          <h1 id="hero-title">{t('heroTitle')}</h1>
          <p>{t('heroLead')}</p>
          <div className="cta">
            <Button
              size="large"
              icon={<SearchOutlined />}
              href="#search"
              onClick={(e) => {
                e.preventDefault();
                document.getElementById('search')?.scrollIntoView({ behavior: 'smooth' });
                document.querySelector<HTMLInputElement>('[data-testid="unit-search"]')?.focus({ preventScroll: true });
              }}
            >
              {t('ctaSearch')}
            </Button>
            <LinkButton to="/login" size="large" ghost icon={<LoginOutlined />}>
              {t('ctaOfficials')}
            </LinkButton>
          </div>
        </div>
      </section>

      <div className="page">
        <section id="search" className="panel" aria-labelledby="search-title">
          <h2 id="search-title">{t('searchTitle')}</h2>
          <UnitSearch />
        </section>

        <section aria-labelledby="cycle-title" className="home-section">
          <h2 id="cycle-title">{t('cycleTitle')}</h2>
          <p className="lead">{t('cycleLead')}</p>
          <ol className="card-grid">
            {STEPS.map((step, i) => (
              <li key={step} className="panel panel-small">
                <h3>
                  <span className="step-number" aria-hidden>
                    {i + 1}
                  </span>
                  <span>{t(`steps.${step}.title`)}</span>
                </h3>
                <p>{t(`steps.${step}.body`)}</p>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="portal-title" className="home-section">
          <h2 id="portal-title">{t('portalTitle')}</h2>
          <p className="lead">{t('portalLead')}</p>
          <ul className="card-grid">
            {PORTAL.map((section) => (
              <li key={section}>
                <Link to={PORTAL_LINKS[section] ?? `/portal/${section}`} className="panel panel-small panel-link">
                  {section in PORTAL_LINKS ? null : <span className="soon-tag">{t('common:comingSoonTag')}</span>}
                  <h3>{t(`portal.${section}.title`)}</h3>
                  <p>{t(`portal.${section}.body`)}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="officials-title" className="panel home-section">
          <h2 id="officials-title">{t('officialsTitle')}</h2>
          <p>{t('officialsBody')}</p>
          <LinkButton to="/login" type="primary" icon={<ArrowRightOutlined />} iconPlacement="end">
            {t('common:signIn')}
          </LinkButton>
        </section>
      </div>
    </>
  );
}
