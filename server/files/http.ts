/**
 * HTTP side of the file store: reading a multipart/form-data upload (fields + files, within limits)
 * and sending a stored file back with a safe Content-Disposition.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import { cleanFilename, type FileLimits, type UploadedFile } from './limits.js';
import type { StoredFileMeta } from './store.js';

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const human = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Reads the whole multipart body into memory within `limits` (a file over `maxBytes`, or more than
 * `maxFiles` files → 413 naming the file). Types are checked later by checkUpload/storeFile, on the bytes.
 */
export async function readMultipart(request: FastifyRequest, limits: FileLimits): Promise<MultipartBody> {
  if (!request.isMultipart()) {
    throw new HttpError(415, 'not_multipart', 'Send the form as multipart/form-data');
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const parts = request.parts({
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 100, fieldSize: 1024 * 1024 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (content.length === 0 && !part.filename) continue; // an empty file input
        files.push({ filename: part.filename, mediaType: part.mimetype, content, field: part.fieldname });
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpError(413, 'file_too_large', `A file is larger than the ${human(limits.maxBytes)} allowed`);
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new HttpError(413, 'too_many_files', `At most ${limits.maxFiles} files may be sent at once`);
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new HttpError(413, 'too_many_parts', 'The form has too many fields');
    }
    throw err;
  }
  return { fields, files };
}

/** RFC 6266 / 5987: an ASCII fallback name plus the exact UTF-8 name. */
export function contentDisposition(filename: string, download: boolean): string {
  const name = cleanFilename(filename);
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${download ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored file. Images and PDF may be shown inline; everything else downloads, and no stored file
 * is ever sniffed into HTML by the browser.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { meta: StoredFileMeta; content: Buffer },
  options: { download?: boolean } = {},
): FastifyReply {
  const inlineOk = /^image\/|^application\/pdf$/.test(file.meta.mediaType);
  return reply
    .header('content-type', file.meta.mediaType)
    .header('content-length', file.content.length)
    .header('content-disposition', contentDisposition(file.meta.filename, options.download ?? !inlineOk))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=0')
    .send(file.content);
}
