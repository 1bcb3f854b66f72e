/**
 * Workspace section `plans` (kế hoạch): the list of plans of the units in reach, a plan with its
 * tabs, the draft-from-diagnosis wizard and a task's page. Owns every route under /workspace/plans.
 */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router';
import { NotFound } from '../pages/NotFound';
import type { SectionPageProps } from '../workspace/sections';
import { DraftWizard } from './DraftWizard';
import { PlanList } from './PlanList';
import { PlanPage } from './PlanPage';
import { TaskPage } from './TaskPage';
import './plans.css';

export default function PlansSection({ me }: SectionPageProps) {
  return (
    <AntApp component={false}>
      <Routes>
        <Route index element={<PlanList me={me} />} />
        <Route path="new" element={<DraftWizard me={me} />} />
        <Route path="tasks/:taskId" element={<TaskPage />} />
        <Route path=":planId" element={<PlanPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AntApp>
  );
}
