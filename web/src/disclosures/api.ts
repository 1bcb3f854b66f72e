/** Types of the disclosure register API and the multipart upload both modules use. */
import { ApiError, type ApiErrorBody, apiGet } from '../api/client';

export interface FileDto {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

export type ComplianceStatus = 'complete' | 'ongoing' | 'too_short' | 'missing';

export interface DisclosureType {
  id: string;
  nameVi: string;
  nameEn: string;
  legalBasisVi: string;
  legalBasisEn: string;
  rule: { kind: 'days'; days: number } | { kind: 'throughout' };
  personalData: boolean;
  required: boolean;
  active: boolean;
  papi: { conceptId: string; subdimension: string; indicators: string[] }[];
}

export interface Disclosure {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  typeId: string;
  title: string;
  period: string;
  year: number;
  places: string[];
  placeNote: string | null;
  postedFrom: string;
  postedUntil: string | null;
  periodEnd: string | null;
  published: boolean;
  redacted: boolean;
  summary: string | null;
  compliance: {
    status: Exclude<ComplianceStatus, 'missing'>;
    postedDays: number;
    requiredDays: number;
    dueUntil: string;
  };
  evidence: FileDto[];
  publicCopies: FileDto[];
}

export interface PublicDisclosure
  extends Pick<
    Disclosure,
    | 'id'
    | 'unitId'
    | 'unitNameVi'
    | 'unitNameEn'
    | 'typeId'
    | 'title'
    | 'period'
    | 'year'
    | 'places'
    | 'placeNote'
    | 'postedFrom'
    | 'postedUntil'
    | 'summary'
    | 'publicCopies'
  > {
  provinceNameVi: string | null;
  provinceNameEn: string | null;
}

export interface ComplianceBoard {
  year: number;
  today: string;
  units: { id: string; nameVi: string; nameEn: string }[];
  types: DisclosureType[];
  cells: { unitId: string; typeId: string; status: ComplianceStatus }[];
  totals: Record<string, Record<ComplianceStatus, number>>;
}

export const useTypesQuery = () => ({
  queryKey: ['disclosures', 'types'],
  queryFn: () => apiGet<{ items: DisclosureType[] }>('/api/disclosures/types'),
  staleTime: 10 * 60_000,
});

/** POST multipart/form-data with the CSRF token (the JSON client cannot send files). */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const { token } = await apiGet<{ token: string }>('/api/auth/csrf');
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': token },
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const body = data as ApiErrorBody | undefined;
    throw new ApiError(res.status, body?.code ?? 'unknown', body?.message ?? res.statusText, body?.path, body?.issues);
  }
  return data as T;
}

export const STATUS_COLOR: Record<ComplianceStatus, string> = {
  complete: 'green',
  ongoing: 'blue',
  too_short: 'orange',
  missing: 'red',
};
