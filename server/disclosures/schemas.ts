/**
 * The disclosure register API's answers as zod schemas: the routes validate and document with them,
 * the repository returns their types, and the web app imports the same types (never its own copies).
 */
import { z } from 'zod';
import { type FileDto, FileSchema } from '../files/schemas.js';

export type { FileDto };

export const RuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  z.object({ kind: z.literal('throughout') }),
]);
export const PapiLinkSchema = z.object({
  conceptId: z.string().regex(/^d\d\.[a-z0-9-]+$/),
  subdimension: z.string().regex(/^\d\.\d$/),
  indicators: z.array(z.string().regex(/^\d\.\d\.\d+$/)),
});
export const TypeSchema = z.object({
  id: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  legalBasisVi: z.string(),
  legalBasisEn: z.string(),
  rule: RuleSchema,
  personalData: z.boolean(),
  required: z.boolean(),
  active: z.boolean(),
  papi: z.array(PapiLinkSchema),
  position: z.number(),
});
export const ComplianceSchema = z.object({
  status: z.enum(['complete', 'ongoing', 'too_short']),
  postedDays: z.number(),
  requiredDays: z.number(),
  dueUntil: z.string(),
});
export const DisclosureSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  typeId: z.string(),
  title: z.string(),
  period: z.string(),
  year: z.number(),
  places: z.array(z.string()),
  placeNote: z.string().nullable(),
  postedFrom: z.string(),
  postedUntil: z.string().nullable(),
  periodEnd: z.string().nullable(),
  published: z.boolean(),
  redacted: z.boolean(),
  summary: z.string().nullable(),
  compliance: ComplianceSchema,
  evidence: z.array(FileSchema),
  publicCopies: z.array(FileSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PublicDisclosureSchema = DisclosureSchema.pick({
  id: true,
  unitId: true,
  unitNameVi: true,
  unitNameEn: true,
  typeId: true,
  title: true,
  period: true,
  year: true,
  places: true,
  placeNote: true,
  postedFrom: true,
  postedUntil: true,
  summary: true,
  publicCopies: true,
}).extend({ provinceNameVi: z.string().nullable(), provinceNameEn: z.string().nullable() });

export const ComplianceBoardSchema = z.object({
  year: z.number(),
  today: z.string(),
  units: z.array(z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() })),
  types: z.array(TypeSchema),
  cells: z.array(
    z.object({
      unitId: z.string(),
      typeId: z.string(),
      status: z.enum(['complete', 'ongoing', 'too_short', 'missing']),
      records: z.array(ComplianceSchema.extend({ id: z.string() })),
    }),
  ),
  totals: z.record(z.string(), z.record(z.string(), z.number())),
});

export type DisclosureTypeDto = z.infer<typeof TypeSchema>;
export type DisclosureDto = z.infer<typeof DisclosureSchema>;
export type PublicDisclosureDto = z.infer<typeof PublicDisclosureSchema>;
export type ComplianceBoardDto = z.infer<typeof ComplianceBoardSchema>;
export type ComplianceStatus = ComplianceBoardDto['cells'][number]['status'];
