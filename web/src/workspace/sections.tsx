/**
 * The workspace pages of the larger modules, each its own lazy chunk, keyed by section (nav.tsx).
 * A module adds one line here and sets `built: true` on its section; the page receives the signed-in
 * user and owns every route below its section path (`/workspace/plans/*`).
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Me } from '../api/types';
import type { SectionKey } from './nav';

export interface SectionPageProps {
  me: Me;
}

type SectionPage = LazyExoticComponent<ComponentType<SectionPageProps>>;

export const MODULE_PAGES: Partial<Record<SectionKey, SectionPage>> = {
  disclosures: lazy(() => import('../disclosures/DisclosuresSection')),
  inspections: lazy(() => import('../inspections/InspectionsSection')),
  // e.g. plans: lazySection(() => import('../plans/PlansSection')),
  feedback: lazy(() => import('../feedback/workspace/FeedbackSection')),
  plans: lazy(() => import('../plans/PlansSection')),
  reports: lazy(() => import('../plans/ReportsSection')),
  surveys: lazy(() => import('../surveys/SurveysSection')),
};

/** `lazy` typed for section pages. */
export const lazySection = (load: () => Promise<{ default: ComponentType<SectionPageProps> }>): SectionPage =>
  lazy(load);
