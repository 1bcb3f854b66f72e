/**
 * Workspace section `surveys` (khảo sát): campaigns and questionnaires, a campaign's invitations (QR
 * codes, printable sheet) and its results. Owns every route under /workspace/surveys.
 */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router';
import { NotFound } from '../pages/NotFound';
import type { SectionPageProps } from '../workspace/sections';
import { CampaignPage } from './CampaignPage';
import { SurveysHome } from './SurveysHome';

export default function SurveysSection({ me }: SectionPageProps) {
  return (
    <AntApp component={false}>
      <Routes>
        <Route index element={<SurveysHome me={me} />} />
        <Route path="campaigns/:id" element={<CampaignPage me={me} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AntApp>
  );
}
