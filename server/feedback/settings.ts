/**
 * Abuse-protection settings of the public feedback endpoints, from the environment (read when the routes
 * are registered, so a test or the load benchmark can set them before building the app).
 *
 *   FEEDBACK_SUBMIT_MAX / FEEDBACK_SUBMIT_WINDOW_MS   submissions per client (IP) per window (30 / 10 min)
 *   FEEDBACK_TRACK_MAX                                tracking look-ups per client per minute (120)
 *   FEEDBACK_POW_BITS                                 proof-of-work difficulty in leading zero bits (14)
 */
import { z } from 'zod';

const Env = z.object({
  FEEDBACK_SUBMIT_MAX: z.coerce.number().int().min(1).default(30),
  FEEDBACK_SUBMIT_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60 * 1000),
  FEEDBACK_TRACK_MAX: z.coerce.number().int().min(1).default(120),
  FEEDBACK_POW_BITS: z.coerce.number().int().min(0).max(28).default(14),
});

export interface FeedbackSettings {
  submit: { max: number; timeWindow: number };
  /** Challenges: four per allowed submission (a phone may reload the form). */
  challenge: { max: number; timeWindow: number };
  track: { max: number; timeWindow: number };
  powBits: number;
  /** How long a challenge may be spent. */
  challengeTtlMs: number;
}

export function feedbackSettings(env: NodeJS.ProcessEnv = process.env): FeedbackSettings {
  const e = Env.parse(env);
  return {
    submit: { max: e.FEEDBACK_SUBMIT_MAX, timeWindow: e.FEEDBACK_SUBMIT_WINDOW_MS },
    challenge: { max: e.FEEDBACK_SUBMIT_MAX * 4, timeWindow: e.FEEDBACK_SUBMIT_WINDOW_MS },
    track: { max: e.FEEDBACK_TRACK_MAX, timeWindow: 60 * 1000 },
    powBits: e.FEEDBACK_POW_BITS,
    challengeTtlMs: 15 * 60 * 1000,
  };
}
