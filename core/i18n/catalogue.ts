/**
 * The whole catalogue: the base namespaces (vi.ts, en.ts) and the larger modules' namespaces
 * (modules/<name>.ts, Vietnamese and English side by side). The server and CLI use all of it; the web
 * app bundles only the base and loads each module's namespace when a page needs it (web/src/i18n.ts),
 * which is why nothing the web app imports at start-up may import this file.
 */
import { enBase } from './en.js';
import { disclosuresEn, disclosuresVi } from './modules/disclosures.js';
import { documentsEn, documentsVi } from './modules/documents.js';
import { feedbackEn, feedbackVi } from './modules/feedback.js';
import { inspectionsEn, inspectionsVi } from './modules/inspections.js';
import { plansEn, plansVi } from './modules/plans.js';
import { surveyFormEn, surveyFormVi } from './modules/surveyForm.js';
import { surveysEn, surveysVi } from './modules/surveys.js';
import type { Widen } from './types.js';
import { viBase } from './vi.js';

export const vi = {
  ...viBase,
  plans: plansVi,
  documents: documentsVi,
  feedback: feedbackVi,
  disclosures: disclosuresVi,
  inspections: inspectionsVi,
  surveys: surveysVi,
  surveyForm: surveyFormVi,
} as const;

export const en: Widen<typeof vi> = {
  ...enBase,
  plans: plansEn,
  documents: documentsEn,
  feedback: feedbackEn,
  disclosures: disclosuresEn,
  inspections: inspectionsEn,
  surveys: surveysEn,
  surveyForm: surveyFormEn,
};
