/**
 * Workspace section `reports` (báo cáo định kỳ): the periods board (timeliness and completeness of
 * each lower unit, and the caller's own report) and one report's page. Owns /workspace/reports/*.
 */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router';
import { NotFound } from '../pages/NotFound';
import type { SectionPageProps } from '../workspace/sections';
import { ReportPage } from './ReportPage';
import { ReportsBoard } from './ReportsBoard';
import './plans.css';

export default function ReportsSection({ me }: SectionPageProps) {
  return (
    <AntApp component={false}>
      <Routes>
        <Route index element={<ReportsBoard me={me} />} />
        <Route path=":reportId" element={<ReportPage me={me} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AntApp>
  );
}
