/** Types of the disclosure register API and the multipart upload both modules use. */
import { ApiError, type ApiErrorBody, apiGet } from '../api/client';

// The answers' shapes are the server's own (server/disclosures/schemas.ts), under the names the pages use.
export type {
  ComplianceBoardDto as ComplianceBoard,
  ComplianceStatus,
  DisclosureDto as Disclosure,
  DisclosureTypeDto as DisclosureType,
  FileDto,
  PublicDisclosureDto as PublicDisclosure,
} from '../../../server/disclosures/schemas';

import type { ComplianceStatus, DisclosureTypeDto as DisclosureType } from '../../../server/disclosures/schemas';

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
