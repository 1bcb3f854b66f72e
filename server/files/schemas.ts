/**
 * A stored file as the API shows it (evidence, public copies, attachments): one schema for the routes'
 * validation and documentation, its type for repositories and the web app, and the presenter.
 */
import { z } from 'zod';
import type { StoredFileMeta } from './store.js';

export const FileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type FileDto = z.infer<typeof FileSchema>;

export const presentFile = (f: StoredFileMeta): FileDto => ({
  id: f.id,
  filename: f.filename,
  mediaType: f.mediaType,
  size: f.size,
  createdAt: f.createdAt,
});
