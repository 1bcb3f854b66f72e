/**
 * The shapes the feedback API answers with (zod: OpenAPI docs AND the response serialiser, which drops
 * any key not listed here — a second guard that identity fields cannot slip into a public answer).
 * Documented in README.md.
 */
import { z } from 'zod';
import { MODERATION_STATES, STATUSES, TRACKS } from '../../core/feedback/types.js';

export const TrackSchema = z.enum(TRACKS);
export const StatusSchema = z.enum(STATUSES);

export const CategoryDtoSchema = z.object({
  id: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  dimension: z.string(),
});
export type CategoryDto = z.infer<typeof CategoryDtoSchema>;

export const UnitRefSchema = z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() });
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const RatingDtoSchema = z
  .object({
    resolved: z.boolean(),
    score: z.number().int().nullable(),
    comment: z.string().nullable(),
    ratedAt: z.string(),
  })
  .nullable();

export const SubmitResultDtoSchema = z.object({
  trackingCode: z.string(),
  track: TrackSchema,
  status: StatusSchema,
  acceptDue: z.string(),
  moderation: z.enum(MODERATION_STATES),
});
export type SubmitResultDto = z.infer<typeof SubmitResultDtoSchema>;

/**
 * What the citizen tracking a code and the officer's inbox both see of an item: its code, where it went,
 * its status and deadlines (hạn tiếp nhận, hạn giải quyết). Only fields fit for the public belong here.
 */
const feedbackStatusFields = {
  trackingCode: z.string(),
  track: TrackSchema,
  category: CategoryDtoSchema,
  commune: UnitRefSchema,
  unit: UnitRefSchema,
  title: z.string(),
  status: StatusSchema,
  receivedAt: z.string(),
  acceptDue: z.string(),
  resolveDue: z.string().nullable(),
  overdue: z.boolean(),
};

export const TrackingDtoSchema = z.object({
  ...feedbackStatusFields,
  rejectReason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), status: StatusSchema.nullable(), note: z.string().nullable() })),
  rating: RatingDtoSchema,
  canRate: z.boolean(),
});
export type TrackingDto = z.infer<typeof TrackingDtoSchema>;

export const PublicAnswerDtoSchema = z.object({
  id: z.string(),
  category: CategoryDtoSchema,
  commune: UnitRefSchema,
  unit: UnitRefSchema,
  title: z.string(),
  description: z.string(),
  receivedAt: z.string(),
  answer: z.string(),
  answeredAt: z.string(),
  onTime: z.boolean(),
  rating: z.object({ resolved: z.boolean(), score: z.number().int().nullable() }).nullable(),
});
export type PublicAnswerDto = z.infer<typeof PublicAnswerDtoSchema>;

export const HandlerSchema = z
  .object({ id: z.string(), username: z.string(), displayName: z.string().nullable() })
  .nullable();

export const FeedbackSummaryDtoSchema = z.object({
  id: z.string(),
  ...feedbackStatusFields,
  moderation: z.enum(MODERATION_STATES),
  moderationFlags: z.array(z.string()),
  handler: HandlerSchema,
  source: z.string(),
  hasAttachments: z.boolean(),
});
export type FeedbackSummaryDto = z.infer<typeof FeedbackSummaryDtoSchema>;

export const ContactSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
export type ContactDto = z.infer<typeof ContactSchema>;

export const FeedbackDetailDtoSchema = FeedbackSummaryDtoSchema.extend({
  description: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  place: z.string().nullable(),
  rejectReason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  complex: z.boolean(),
  remoteArea: z.boolean(),
  contact: ContactSchema.nullable(),
  contactHidden: z.boolean(),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string().nullable(), mediaType: z.string(), size: z.number() }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      kind: z.string(),
      status: StatusSchema.nullable(),
      note: z.string().nullable(),
      public: z.boolean(),
      actorName: z.string(),
    }),
  ),
  rating: RatingDtoSchema,
  canEdit: z.boolean(),
  isHandler: z.boolean(),
  allowedTransitions: z.array(StatusSchema),
});
export type FeedbackDetailDto = z.infer<typeof FeedbackDetailDtoSchema>;

export const BoardRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  overdueOpen: z.number(),
  rated: z.number(),
  resolvedRate: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
export const BoardDtoSchema = z.object({
  total: BoardRowSchema,
  byDimension: z.array(BoardRowSchema),
  byUnit: z.array(BoardRowSchema),
  byTrack: z.array(BoardRowSchema),
});

export const TrackConfigDtoSchema = z.object({
  track: TrackSchema,
  acceptDays: z.number().int(),
  acceptWorkingDays: z.boolean(),
  resolveDays: z.number().int(),
  resolveWorkingDays: z.boolean(),
  complexResolveDays: z.number().int(),
  remoteResolveDays: z.number().int(),
});

export const RoutingRuleDtoSchema = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  communeId: z.string().nullable(),
  track: TrackSchema.nullable(),
  target: z.enum(['commune', 'province', 'unit']),
  targetUnitId: z.string().nullable(),
});
