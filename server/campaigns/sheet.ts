/**
 * The printable invitation sheet (phiếu mời): one card per token with its number, QR code and link,
 * eight cards to an A4 page. Plain HTML with inline SVG (no script), so it prints from any browser
 * and opens under our Content-Security-Policy.
 */
import QRCode from 'qrcode';
import { formatDate } from '../../core/i18n/format.js';
import { type Lang, t } from '../../core/i18n/index.js';

export interface SheetCard {
  serial: number;
  url: string;
  cluster: string | null;
}

export interface SheetInput {
  lang: Lang;
  campaignTitle: string;
  unitName: string;
  periodStart: string;
  periodEnd: string;
  cards: SheetCard[];
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** QR code of a link as an SVG element (error correction M: survives a crumpled, photocopied sheet). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

export async function renderInvitationSheet(input: SheetInput): Promise<string> {
  const { lang } = input;
  const period = t(lang, 'surveyForm:period', {
    start: formatDate(lang, input.periodStart),
    end: formatDate(lang, input.periodEnd),
  });
  const cards = await Promise.all(
    input.cards.map(
      async (c) => `<section class="card">
  <div class="qr">${await qrSvg(c.url)}</div>
  <div class="text">
    <p class="no">${escapeHtml(t(lang, 'surveyForm:sheet.invitation', { serial: c.serial }))}</p>
    <p class="ti">${escapeHtml(input.campaignTitle)}</p>
    <p>${escapeHtml(input.unitName)} · ${escapeHtml(period)}</p>
    ${c.cluster ? `<p>${escapeHtml(t(lang, 'surveyForm:sheet.cluster', { cluster: c.cluster }))}</p>` : ''}
    <p>${escapeHtml(t(lang, 'surveyForm:sheet.scan'))}</p>
    <p class="url">${escapeHtml(c.url)}</p>
    <p class="small">${escapeHtml(t(lang, 'surveyForm:sheet.anonymous'))}</p>
  </div>
</section>`,
    ),
  );
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(lang, 'surveyForm:sheet.title'))} — ${escapeHtml(input.campaignTitle)}</title>
<style>
  @page { size: A4; margin: 10mm; }
  body { font-family: "Be Vietnam Pro", Arial, sans-serif; margin: 0; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 4mm; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
  .card { border: 1px dashed #666; padding: 3mm; display: flex; gap: 3mm; break-inside: avoid; height: 62mm; box-sizing: border-box; }
  .qr { width: 38mm; flex: none; } .qr svg { width: 38mm; height: 38mm; }
  .text p { margin: 0 0 1.5mm; font-size: 9pt; }
  .text .no { font-weight: 600; font-size: 11pt; } .text .ti { font-weight: 600; }
  .url { font-family: monospace; word-break: break-all; font-size: 8.5pt; }
  .small { color: #444; font-size: 8pt; }
  @media screen { body { padding: 12px; max-width: 210mm; } }
</style>
</head>
<body>
<h1>${escapeHtml(t(lang, 'surveyForm:sheet.title'))}: ${escapeHtml(input.campaignTitle)}</h1>
<div class="grid">
${cards.join('\n')}
</div>
</body>
</html>`;
}
