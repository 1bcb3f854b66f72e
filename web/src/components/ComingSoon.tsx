import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** An honest placeholder for a section a later release builds: no fake data. */
export function ComingSoon({ section }: { section: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel coming-soon" data-testid="coming-soon">
      <ClockCircleOutlined className="coming-soon-icon" aria-hidden />
      <div>
        <h1>{section}</h1>
        <p className="strong">{t('comingSoonTitle')}</p>
        <p className="muted">{t('comingSoonBody', { section })}</p>
      </div>
    </section>
  );
}
