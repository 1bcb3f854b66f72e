/**
 * /workspace/feedback/* — the officers' side: inbox (filters in the URL), moderation queue, board per
 * dimension and unit, and one page per item where it is accepted or rejected, assigned, answered and
 * closed. Every list and number comes from /api/feedback (server/feedback/README.md).
 */
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../pages/NotFound';
import type { SectionPageProps } from '../../workspace/sections';
import { BoardPage } from './BoardPage';
import { Inbox } from './Inbox';
import { ItemPage } from './ItemPage';
import '../feedback.css';

export default function FeedbackSection({ me }: SectionPageProps) {
  const { t } = useTranslation('feedback');
  return (
    <div className="fb-ws">
      <h1 className="fb-ws-title">{t('ui.ws.title')}</h1>
      <nav className="fb-subnav" aria-label={t('ui.ws.title')}>
        <NavLink to="/workspace/feedback" end data-testid="fb-nav-inbox">
          {t('ui.ws.inbox')}
        </NavLink>
        <NavLink to="/workspace/feedback/moderation" data-testid="fb-nav-moderation">
          {t('ui.ws.moderation')}
        </NavLink>
        <NavLink to="/workspace/feedback/board" data-testid="fb-nav-board">
          {t('ui.ws.board')}
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<Inbox />} />
        <Route path="moderation" element={<Inbox moderationQueue />} />
        <Route path="board" element={<BoardPage />} />
        <Route path="items/:id" element={<ItemPage me={me} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
