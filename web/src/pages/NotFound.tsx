import { useTranslation } from 'react-i18next';
import { LinkButton } from '../components/LinkButton';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="panel">
        <h1>{t('notFoundTitle')}</h1>
        <p>{t('notFoundBody')}</p>
        <LinkButton to="/" type="primary">
          {t('backHome')}
        </LinkButton>
      </section>
    </div>
  );
}
