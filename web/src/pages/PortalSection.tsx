import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ComingSoon } from '../components/ComingSoon';
import { NotFound } from './NotFound';

const SECTIONS = ['scores', 'plans', 'disclosures', 'feedback'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (s: string | undefined): s is Section => (SECTIONS as readonly string[]).includes(s ?? '');

/** Citizens' portal sections: later releases replace these placeholders one by one. */
export function PortalSection() {
  const { section } = useParams();
  const { t } = useTranslation('home');
  if (!isSection(section)) return <NotFound />;
  return (
    <div className="page">
      <ComingSoon section={t(`portal.${section}.title`)} />
    </div>
  );
}
