/**
 * Deadlines per track (thời hạn thụ lý và giải quyết), with the statutory defaults; an administrator may
 * override them (server table `feedback_track_config`).
 *
 * - complaint — Luật Khiếu nại 2011: accept within 10 days of receipt (Đ.27); resolve within 30 days of
 *   acceptance, complex cases up to 45; remote, hard-to-reach areas 45, complex 60 (Đ.28).
 * - denunciation — Luật Tố cáo 2018: accept within 7 working days (Đ.24); resolve within 30 days of
 *   acceptance, complex cases extended once by 30 days (Đ.30).
 * - feedback/petition — no single statute: 10 working days to accept, 30 days to answer (configurable).
 */
import type { Track } from './types.js';

export interface TrackConfig {
  track: Track;
  acceptDays: number;
  acceptWorkingDays: boolean;
  resolveDays: number;
  resolveWorkingDays: boolean;
  /** Total days for a complex case (vụ việc phức tạp). */
  complexResolveDays: number;
  /** Total days in a remote area (vùng sâu, vùng xa); a complex remote case adds both extensions. */
  remoteResolveDays: number;
}

export const DEFAULT_TRACK_CONFIG: Readonly<Record<Track, TrackConfig>> = {
  feedback: {
    track: 'feedback',
    acceptDays: 10,
    acceptWorkingDays: true,
    resolveDays: 30,
    resolveWorkingDays: false,
    complexResolveDays: 45,
    remoteResolveDays: 45,
  },
  complaint: {
    track: 'complaint',
    acceptDays: 10,
    acceptWorkingDays: false,
    resolveDays: 30,
    resolveWorkingDays: false,
    complexResolveDays: 45,
    remoteResolveDays: 45,
  },
  denunciation: {
    track: 'denunciation',
    acceptDays: 7,
    acceptWorkingDays: true,
    resolveDays: 30,
    resolveWorkingDays: false,
    complexResolveDays: 60,
    remoteResolveDays: 30,
  },
};

export function mergeTrackConfig(overrides: readonly TrackConfig[]): Record<Track, TrackConfig> {
  const out = { ...DEFAULT_TRACK_CONFIG };
  for (const o of overrides) out[o.track] = o;
  return out;
}

/** Checks an administrator's edit: positive whole days, complex/remote not shorter than the base. */
export function trackConfigProblems(c: TrackConfig): { field: keyof TrackConfig; message: string }[] {
  const out: { field: keyof TrackConfig; message: string }[] = [];
  for (const f of ['acceptDays', 'resolveDays', 'complexResolveDays', 'remoteResolveDays'] as const) {
    if (!Number.isInteger(c[f]) || c[f] < 1 || c[f] > 365) out.push({ field: f, message: `${f} must be 1–365 days` });
  }
  if (c.complexResolveDays < c.resolveDays)
    out.push({ field: 'complexResolveDays', message: 'complexResolveDays must be at least resolveDays' });
  if (c.remoteResolveDays < c.resolveDays)
    out.push({ field: 'remoteResolveDays', message: 'remoteResolveDays must be at least resolveDays' });
  return out;
}
