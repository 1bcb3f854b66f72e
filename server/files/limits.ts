/**
 * What may be uploaded where. Types are checked on the bytes (file-type), never on the name or the
 * client's Content-Type: a renamed executable is refused whatever it claims to be.
 */
import { fileTypeFromBuffer } from 'file-type';
import { InputError } from '../../core/errors.js';

export interface FileLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Accepted media types (as detected from the content). */
  mediaTypes: readonly string[];
  /** Most files per upload. */
  maxFiles: number;
}

const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic'] as const;
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MB = 1024 * 1024;

export const FILE_LIMITS = {
  /** Officials' evidence (ảnh chụp, biên bản, văn bản): photos, PDF, Word and Excel files. */
  evidence: { maxBytes: 10 * MB, mediaTypes: [...IMAGES, PDF, DOCX, XLSX], maxFiles: 10 },
  /** Citizens' attachments on public forms: photos and PDF only, smaller. */
  citizenAttachment: { maxBytes: 5 * MB, mediaTypes: [...IMAGES, PDF], maxFiles: 5 },
  /** Spreadsheets officials import (task lists, sampling frames, XLSForms). */
  spreadsheet: { maxBytes: 10 * MB, mediaTypes: [XLSX], maxFiles: 1 },
} as const satisfies Record<string, FileLimits>;

export interface UploadedFile {
  /** Name as given by the uploader (we keep only the last path segment, NFC). */
  filename: string;
  /** What the client said; informative only. */
  mediaType: string;
  content: Buffer;
  /** Form field the file came in. */
  field?: string;
}

/** Keeps the last path segment, NFC, without control characters; never empty. */
export function cleanFilename(name: string): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // Control characters (U+0000–U+001F, U+007F) would break headers and logs: dropped.
  const clean = [...last]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

const human = (bytes: number): string =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** The media type read from the bytes, or application/octet-stream when unknown. */
export async function detectMediaType(content: Buffer): Promise<string> {
  return (await fileTypeFromBuffer(content))?.mime ?? 'application/octet-stream';
}

/**
 * Checks one upload against `limits` and returns the media type detected from its bytes.
 * Throws an InputError naming the file and the problem.
 */
export async function checkUpload(file: UploadedFile, limits: FileLimits): Promise<string> {
  const name = cleanFilename(file.filename);
  const loc = { file: name, path: file.field ? [file.field] : [] };
  if (file.content.length === 0) throw new InputError(`${name}: the file is empty`, loc, 'file_empty');
  if (file.content.length > limits.maxBytes) {
    throw new InputError(
      `${name}: ${human(file.content.length)} is larger than the ${human(limits.maxBytes)} allowed`,
      loc,
      'file_too_large',
    );
  }
  const detected = await fileTypeFromBuffer(file.content);
  if (!detected || !limits.mediaTypes.includes(detected.mime)) {
    throw new InputError(
      `${name}: ${detected ? `a ${detected.ext.toUpperCase()} file` : 'this kind of file'} is not accepted here ` +
        `(accepted: ${limits.mediaTypes.map((t) => t.split('/')[1]).join(', ')})`,
      loc,
      'file_type_not_allowed',
    );
  }
  return detected.mime;
}
