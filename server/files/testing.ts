/**
 * Test helpers for uploads, shared by every module that takes files: real file bytes (the store
 * detects types from bytes, so fakes would be refused) and one multipart/form-data body builder for
 * `app.inject`.
 */

/** A valid 1×1 PNG (detected as image/png from its bytes). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a real PDF (detected as application/pdf). */
export const PDF_MINIMAL = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FormPart {
  name: string;
  value: string | Buffer;
  /** Makes the part a file. */
  filename?: string;
  /** The part's declared Content-Type (files default to application/octet-stream). */
  contentType?: string;
}

/** multipart/form-data body and its content type, for `app.inject`. */
export function multipart(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----openpapi${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type =
      p.contentType !== undefined || p.filename !== undefined
        ? `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n`
        : '';
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A body with one file part named `file`, the shape most upload endpoints take. */
export const oneFile = (filename: string, value: Buffer, contentType: string) =>
  multipart([{ name: 'file', filename, value, contentType }]);
