/**
 * The feedback API as the web pages use it (server/feedback/README.md is the contract): DTO types,
 * fetch functions and react-query hooks. Public calls (submit, challenge, track, published list) work
 * without a session; officers' calls go through the same client with the session cookie and CSRF.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardRow as CoreBoardRow } from '../../../core/feedback/board';
import { ApiError, type ApiErrorBody, api, apiGet, withQuery } from '../api/client';

/** The three legally distinct tracks: phản ánh/kiến nghị, khiếu nại, tố cáo. */
export const TRACKS = ['feedback', 'complaint', 'denunciation'] as const;
export type Track = (typeof TRACKS)[number];

export const STATUSES = ['received', 'accepted', 'rejected', 'in_progress', 'answered', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const DIMENSIONS = ['D3', 'D4', 'D5', 'D6', 'D7', 'D8'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Category {
  id: string;
  nameVi: string;
  nameEn: string;
  dimension: Dimension;
}

export interface NamedUnit {
  id: string;
  nameVi: string;
  nameEn: string;
}

/** Proof of work: a decimal nonce such that SHA-256(challenge + nonce) starts with `bits` zero bits. */
export interface Challenge {
  challenge: string;
  bits: number;
  expiresAt: string;
}

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface SubmitBody {
  /** Chosen by the client; a retry reuses it and the item is stored once. */
  submissionId: string;
  track: Track;
  categoryId: string;
  communeId: string;
  description: string;
  lat?: number;
  lon?: number;
  place?: string;
  contact?: Contact;
  challenge: string;
  nonce: string;
  /** Honeypot: always empty from a person (the field is hidden from people and assistive tech). */
  website?: string;
}

export interface SubmitResult {
  trackingCode: string;
  track: Track;
  status: 'received';
  /** Date (YYYY-MM-DD) by which the unit must accept or refuse the matter (thụ lý). */
  acceptDue: string;
  moderation: 'clear' | 'pending';
}

export interface Rating {
  resolved: boolean;
  score: number | null;
  comment?: string | null;
  ratedAt?: string;
}

/** What anyone holding the tracking code sees: never the citizen's identity. */
export interface Tracking {
  trackingCode: string;
  track: Track;
  category: Category;
  commune: NamedUnit;
  /** The responsible unit. */
  unit: NamedUnit;
  title: string;
  status: Status;
  receivedAt: string;
  acceptDue: string;
  resolveDue: string | null;
  overdue: boolean;
  rejectReason: string | null;
  /** Feedback track only (complaints and denunciations are answered in writing, not here). */
  answer: string | null;
  answeredAt: string | null;
  events: { at: string; status: Status | null; note: string | null }[];
  rating: Rating | null;
  canRate: boolean;
}

/** A published answer (portal): feedback and petitions only, no personal data. */
export interface PublicAnswer {
  id: string;
  category: Category;
  commune: NamedUnit;
  unit: NamedUnit;
  title: string;
  description: string;
  receivedAt: string;
  answer: string;
  answeredAt: string;
  onTime: boolean;
  rating: { resolved: boolean; score: number | null } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type Moderation = 'clear' | 'pending' | 'approved' | 'rejected';

/** One item in an officer's inbox. */
export interface Summary {
  id: string;
  trackingCode: string;
  track: Track;
  category: Category;
  commune: NamedUnit;
  unit: NamedUnit;
  title: string;
  status: Status;
  receivedAt: string;
  acceptDue: string;
  resolveDue: string | null;
  overdue: boolean;
  moderation: Moderation;
  moderationFlags: string[];
  handler: { id: string; username: string; displayName: string | null } | null;
  source: 'web' | 'open311';
  hasAttachments: boolean;
}

export interface Detail extends Summary {
  description: string;
  lat: number | null;
  lon: number | null;
  place: string | null;
  rejectReason: string | null;
  answer: string | null;
  answeredAt: string | null;
  acceptedOn: string | null;
  closedAt: string | null;
  complex: boolean;
  remoteArea: boolean;
  /** Null when hidden: a denunciation seen by anyone but its handling officer. */
  contact: { name: string | null; phone: string | null; email: string | null; address: string | null } | null;
  contactHidden: boolean;
  attachments: { id: string; filename: string | null; mediaType: string; size: number }[];
  events: {
    id: string;
    at: string;
    kind: string;
    status: Status | null;
    note: string | null;
    public: boolean;
    actorName: string;
  }[];
  rating: Rating | null;
  canEdit: boolean;
  isHandler: boolean;
  allowedTransitions: Status[];
}

// The board's figures are core's (core/feedback/board.ts); the API adds a label to each row.
export type BoardRow = CoreBoardRow & { label: string };

export interface Board {
  total: BoardRow;
  byDimension: BoardRow[];
  byUnit: BoardRow[];
  byTrack: BoardRow[];
}

// ---------------------------------------------------------------------------------------------
// Public calls

export const useCategories = () =>
  useQuery({
    queryKey: ['feedback', 'categories'],
    queryFn: () => apiGet<Category[]>('/api/feedback/categories'),
    staleTime: 10 * 60_000,
  });

export const fetchChallenge = () => apiGet<Challenge>('/api/feedback/challenge');

/**
 * The public submission: JSON, or multipart/form-data (`payload` = the JSON, plus `attachments`) when
 * files go with it; the CSRF token like every write; errors in the JSON client's shape.
 */
export async function submitFeedback(body: SubmitBody, files: File[]): Promise<SubmitResult> {
  if (files.length === 0) return api<SubmitResult>('POST', '/api/feedback', body);
  const form = new FormData();
  form.set('payload', JSON.stringify(body));
  for (const f of files) form.append('attachments', f, f.name);
  const { token } = await apiGet<{ token: string }>('/api/auth/csrf');
  let res: Response;
  try {
    res = await fetch('/api/feedback', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': token },
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = data as Partial<ApiErrorBody> | undefined;
    throw new ApiError(res.status, e?.code ?? 'unknown', e?.message ?? res.statusText, e?.path, e?.issues);
  }
  return data as SubmitResult;
}

export const useTracking = (code: string | undefined) =>
  useQuery({
    queryKey: ['feedback', 'track', code],
    queryFn: () => apiGet<Tracking>(`/api/feedback/track/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
  });

export function useRate(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { resolved: boolean; score?: number; comment?: string }) =>
      api<Tracking>('POST', `/api/feedback/track/${encodeURIComponent(code)}/rating`, body),
    onSuccess: (data) => qc.setQueryData(['feedback', 'track', code], data),
  });
}

export const PUBLIC_PAGE_SIZE = 20;

export const useAnswers = (filters: { dimension?: string; unitId?: string; q?: string; page?: number }) =>
  useQuery({
    queryKey: ['feedback', 'answers', filters],
    queryFn: () => apiGet<Page<PublicAnswer>>('/api/feedback/answers', { ...filters, pageSize: PUBLIC_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

// ---------------------------------------------------------------------------------------------
// Officers' calls

export interface InboxFilters {
  track?: string;
  status?: string;
  overdue?: string;
  dimension?: string;
  unitId?: string;
  moderation?: string;
  q?: string;
  page?: number;
}

export const INBOX_PAGE_SIZE = 50;

export const useInbox = (filters: InboxFilters) =>
  useQuery({
    queryKey: ['feedback', 'items', filters],
    queryFn: () => apiGet<Page<Summary>>('/api/feedback/items', { ...filters, pageSize: INBOX_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

export const useDetail = (id: string | undefined) =>
  useQuery({
    queryKey: ['feedback', 'item', id],
    queryFn: () => apiGet<Detail>(`/api/feedback/items/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });

export interface TransitionBody {
  to: Status;
  reason?: string;
  answer?: string;
  note?: string;
  notePublic?: boolean;
  complex?: boolean;
  remoteArea?: boolean;
}

export type Action =
  | { kind: 'transition'; body: TransitionBody }
  | { kind: 'assign'; body: { userId: string } }
  | { kind: 'notes'; body: { note: string; public?: boolean } }
  | { kind: 'moderation'; body: { decision: 'approved' | 'rejected'; note?: string } }
  | { kind: 'extend'; body: { reason: string } };

export function useAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: Action) =>
      api<Detail>('POST', `/api/feedback/items/${encodeURIComponent(id)}/${kind}`, body),
    onSuccess: (data) => {
      qc.setQueryData(['feedback', 'item', id], data);
      return qc.invalidateQueries({ queryKey: ['feedback', 'items'] });
    },
  });
}

export interface Handler {
  id: string;
  username: string;
  displayName: string | null;
}

/** Officers who may be assigned to handle the item (needs write reach on it). */
export const useHandlers = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['feedback', 'handlers', id],
    queryFn: () => apiGet<Handler[]>(`/api/feedback/items/${encodeURIComponent(id)}/handlers`),
    enabled,
    staleTime: 60_000,
  });

export const useBoard = (filters: { unitId?: string; from?: string; to?: string }) =>
  useQuery({
    queryKey: ['feedback', 'board', filters],
    queryFn: () => apiGet<Board>('/api/feedback/board', filters),
    placeholderData: keepPreviousData,
  });

export const exportUrl = (filters: InboxFilters) => withQuery('/api/feedback/export.csv', { ...filters });
