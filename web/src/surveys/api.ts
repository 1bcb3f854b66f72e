/**
 * The survey pages' view of the API: campaigns and invitations (server/campaigns) and questionnaires,
 * templates and results (server/surveys). Shapes follow those modules' READMEs; /api/docs has the schema.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyForm } from '../../../core/surveys/form';
import type { SurveyResults } from '../../../core/surveys/results';
import { api, apiGet } from '../api/client';

export type CampaignStatus = 'draft' | 'open' | 'closed';

export interface Campaign {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  questionnaireVersionId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: CampaignStatus;
  accepting: boolean;
  invitations: number;
  used: number;
  responses: number;
  createdAt: string;
  updatedAt: string;
}

export interface Invitation {
  id: string;
  serial: number;
  cluster: string | null;
  stratum: string | null;
  weight: number | null;
  used: boolean;
  usedOn: string | null;
  createdAt: string;
}

export interface IssuedInvitation {
  id: string;
  serial: number;
  token: string;
  url: string;
}

export interface Questionnaire {
  id: string;
  unitId: string;
  formId: string;
  titleVi: string;
  titleEn: string;
  currentVersion: number;
  archived: boolean;
  updatedAt: string;
}

export interface QuestionnaireDetail extends Questionnaire {
  versions: { id: string; version: number }[];
}

export interface Template {
  key: string;
  titleVi: string;
  titleEn: string;
  questions: number;
}

export interface CampaignResults {
  results: SurveyResults;
  form: SurveyForm;
}

const enc = encodeURIComponent;

export const surveyKeys = {
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', id] as const,
  invitations: (id: string) => ['campaigns', id, 'invitations'] as const,
  questionnaires: ['surveys', 'questionnaires'] as const,
  templates: ['surveys', 'templates'] as const,
  results: (id: string) => ['surveys', 'results', id] as const,
};

export const useCampaigns = () =>
  useQuery({
    queryKey: surveyKeys.campaigns,
    queryFn: () => apiGet<{ items: Campaign[] }>('/api/campaigns').then((r) => r.items),
  });

export const useCampaign = (id: string) =>
  useQuery({ queryKey: surveyKeys.campaign(id), queryFn: () => apiGet<Campaign>(`/api/campaigns/${enc(id)}`) });

export const useInvitations = (id: string) =>
  useQuery({
    queryKey: surveyKeys.invitations(id),
    queryFn: () => apiGet<{ items: Invitation[] }>(`/api/campaigns/${enc(id)}/invitations`).then((r) => r.items),
  });

export const useQuestionnaires = () =>
  useQuery({
    queryKey: surveyKeys.questionnaires,
    queryFn: () => apiGet<{ items: Questionnaire[] }>('/api/surveys/questionnaires').then((r) => r.items),
  });

export const useTemplates = () =>
  useQuery({
    queryKey: surveyKeys.templates,
    queryFn: () => apiGet<{ items: Template[] }>('/api/surveys/templates').then((r) => r.items),
  });

export const useResults = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: surveyKeys.results(id),
    queryFn: () => apiGet<CampaignResults>(`/api/surveys/campaigns/${enc(id)}/results`),
    enabled,
  });

export interface NewCampaign {
  unitId: string;
  questionnaireId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
}

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewCampaign) => {
      // A campaign fields the questionnaire's current version.
      const q = await apiGet<QuestionnaireDetail>(`/api/surveys/questionnaires/${enc(input.questionnaireId)}`);
      const current = q.versions.find((v) => v.version === q.currentVersion) ?? q.versions.at(-1);
      return api<Campaign>('POST', '/api/campaigns', {
        unitId: input.unitId,
        questionnaireVersionId: current?.id,
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        status: 'open',
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns }),
  });
}

export function useSetStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: CampaignStatus) => api<Campaign>('PATCH', `/api/campaigns/${enc(id)}`, { status }),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns }),
  });
}

export function useIssueInvitations(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { count: number; cluster?: string }) =>
      api<{ invitations: IssuedInvitation[] }>('POST', `/api/campaigns/${enc(id)}/invitations`, input).then(
        (r) => r.invitations,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns }),
  });
}

export function useInstantiateTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; unitId: string }) =>
      api<Questionnaire>('POST', `/api/surveys/templates/${enc(input.key)}/instantiate`, { unitId: input.unitId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.questionnaires }),
  });
}

/** The printable sheet is HTML made by the server from the tokens (which only this page still knows). */
export async function openInvitationSheet(campaignId: string, tokens: string[], lang: 'vi' | 'en'): Promise<void> {
  const csrf = await apiGet<{ token: string }>('/api/auth/csrf');
  const res = await fetch(`/api/campaigns/${enc(campaignId)}/invitations/sheet`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token },
    body: JSON.stringify({ tokens, lang }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
