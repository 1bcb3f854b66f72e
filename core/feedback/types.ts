/**
 * The vocabulary of citizen feedback: three legally distinct tracks and one status machine.
 */

/** feedback = phản ánh, kiến nghị; complaint = khiếu nại (Luật Khiếu nại 2011); denunciation = tố cáo (Luật Tố cáo 2018). */
export const TRACKS = ['feedback', 'complaint', 'denunciation'] as const;
export type Track = (typeof TRACKS)[number];

/** received (đã tiếp nhận) → accepted (thụ lý) | rejected (không thụ lý) → in_progress → answered → closed. */
export const STATUSES = ['received', 'accepted', 'rejected', 'in_progress', 'answered', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** PAPI dimensions a category can speak to. */
export const FEEDBACK_DIMENSIONS = ['D3', 'D4', 'D5', 'D6', 'D7'] as const;
export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];

export const MODERATION_STATES = ['clear', 'pending', 'approved', 'rejected'] as const;
export type Moderation = (typeof MODERATION_STATES)[number];

export const isTrack = (v: string): v is Track => (TRACKS as readonly string[]).includes(v);
export const isStatus = (v: string): v is Status => (STATUSES as readonly string[]).includes(v);
