/**
 * PDF from the same DOCX, converted by LibreOffice (`libreoffice --headless --convert-to pdf`), so the
 * PDF and the DOCX cannot drift apart: there is one layout, the DOCX one. Each conversion runs in its own
 * temporary directory with its own LibreOffice profile (two conversions sharing a profile block each
 * other), one at a time (LibreOffice is heavy on the small servers provinces run), with a time limit.
 * When LibreOffice is not installed the caller gets a clear 503, never a hang or a blank file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HttpError } from '../http/errors.js';

export interface PdfOptions {
  /** The LibreOffice program; default `libreoffice` on PATH (Debian's package). */
  binary?: string;
  /** Kill the conversion after this long; default 60 s (a cold start takes ~5 s on 2 cores). */
  timeoutMs?: number;
}

export const converterUnavailable = () =>
  new HttpError(
    503,
    'converter_unavailable',
    'PDF export needs LibreOffice on the server (Debian: apt-get install libreoffice-writer-nogui); download the DOCX instead',
  );

let queue: Promise<unknown> = Promise.resolve();

/** Runs conversions one after another. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

function run(binary: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(converterUnavailable());
      if (error.killed) {
        return reject(new HttpError(503, 'converter_timeout', `PDF conversion took longer than ${timeoutMs / 1000} s`));
      }
      reject(new Error(`LibreOffice failed: ${String(stderr).trim() || error.message}`));
    });
  });
}

/** Converts a DOCX file (bytes) to PDF (bytes) with LibreOffice. */
export function docxToPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  const binary = options.binary ?? process.env.OPENPAPI_LIBREOFFICE ?? 'libreoffice';
  const timeoutMs = options.timeoutMs ?? 60_000;
  return serialised(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openpapi-pdf-'));
    try {
      const input = join(dir, 'document.docx');
      await writeFile(input, docx);
      await run(
        binary,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        timeoutMs,
      );
      const pdf = await readFile(join(dir, 'document.pdf')).catch(() => {
        throw new Error('LibreOffice finished without writing a PDF');
      });
      return pdf;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
