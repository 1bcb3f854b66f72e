/**
 * The small ND30 formatting rules, each one testable: number and symbol, place and date, the issuing
 * body's name from a unit, signature lines, recipients, Roman numerals, rule lengths.
 */
import { t } from '../i18n/index.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(iso: string): { y: number; m: number; d: number } {
  const match = ISO_DAY.exec(iso);
  if (!match) throw new Error(`expected a YYYY-MM-DD date, got "${iso}"`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Vietnamese upper case (Ủ, Â, Đ…), as ND30 wants for names of bodies and titles. */
export const upperVi = (s: string): string => s.toLocaleUpperCase('vi');

/**
 * ô3 "Số: 109/KH-UBND"; numbers below 10 are written 01–09. A draft has no number yet (it is
 * allocated at issuance), so the space is left blank for the clerk: "Số:      /KH-UBND".
 */
export function formatNumberSymbol(number: number | null | undefined, symbol: string): string {
  const sym = upperVi(symbol.trim());
  if (number === null || number === undefined) return `${t('vi', 'documents:nd30.number')}:        /${sym}`;
  if (!Number.isInteger(number) || number < 1) throw new Error(`document number must be a positive integer: ${number}`);
  return `${t('vi', 'documents:nd30.number')}: ${String(number).padStart(2, '0')}/${sym}`;
}

/** "109/KH-UBND" (for citations), or "…/KH-UBND" when not issued yet. */
export function numberSymbolText(number: number | null | undefined, symbol: string): string {
  const sym = upperVi(symbol.trim());
  return number ? `${String(number).padStart(2, '0')}/${sym}` : `…/${sym}`;
}

/**
 * ô4 "Hưng Yên, ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 take a leading 0, other
 * months do not ("tháng 3"). Without a date (a draft) the day and month are left blank.
 */
export function formatPlaceDate(place: string, isoDate: string | null | undefined, year?: number): string {
  if (!isoDate) {
    const y = year ?? new Date().getFullYear();
    return t('vi', 'documents:nd30.placeDateBlank', { place, year: y });
  }
  const { y, m, d } = parseDay(isoDate);
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return t('vi', 'documents:nd30.placeDate', { place, day, month, year: y });
}

/** "26/12/2025", the short form used in citations and tables. */
export function formatShortDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const { y, m, d } = parseDay(isoDate);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Section numbers I, II, III… */
export function roman(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`roman numerals start at 1: ${n}`);
  let out = '';
  let rest = n;
  for (const [value, sym] of ROMAN) {
    while (rest >= value) {
      out += sym;
      rest -= value;
    }
  }
  return out;
}

/** The Vietnamese alphabet as documents letter their items: a, b, c, d, đ, e, g… (no f, j, w, z). */
const VI_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];

/** Sub-item letters a), b)… đ)… (then aa, ab… which no real plan reaches). */
export function itemLetter(i: number): string {
  const n = VI_LETTERS.length;
  return i < n ? VI_LETTERS[i]! : `${VI_LETTERS[Math.floor(i / n) - 1]}${VI_LETTERS[i % n]}`;
}

/** A unit of government as the documents need it (from the unit table). */
export interface DocumentUnit {
  /** "Hưng Yên", "Ân Thi" */
  nameVi: string;
  /** "Tỉnh Hưng Yên", "Xã Ân Thi" (may equal nameVi when the source lacks it) */
  fullNameVi: string;
  /** province | centrally_run_city | commune | ward | special_zone | district | department | office */
  unitType: string;
}

const TYPE_PREFIX: Record<string, string> = {
  province: 'Tỉnh',
  centrally_run_city: 'Thành phố',
  district: 'Huyện',
  commune: 'Xã',
  ward: 'Phường',
  special_zone: 'Đặc khu',
};

/** "Tỉnh Hưng Yên" even when the stored full name is just "Hưng Yên". */
export function fullName(unit: DocumentUnit): string {
  const prefix = TYPE_PREFIX[unit.unitType];
  if (!prefix) return unit.fullNameVi;
  const folded = unit.fullNameVi.toLocaleLowerCase('vi');
  return folded.startsWith(prefix.toLocaleLowerCase('vi')) ? unit.fullNameVi : `${prefix} ${unit.nameVi}`;
}

/**
 * ô2 for a People's Committee: "ỦY BAN NHÂN DÂN" over "TỈNH HƯNG YÊN" (or "XÃ ÂN THI"). Departments and
 * offices are named as they are, upper case.
 */
export function issuingBodyLines(unit: DocumentUnit): string[] {
  if (!TYPE_PREFIX[unit.unitType]) return [upperVi(unit.fullNameVi)];
  return [upperVi(t('vi', 'documents:nd30.peoplesCommittee')), upperVi(fullName(unit))];
}

/** "Ủy ban nhân dân tỉnh Hưng Yên": the body as cited inside a sentence. */
export function issuingBodyInText(unit: DocumentUnit): string {
  if (!TYPE_PREFIX[unit.unitType]) return unit.fullNameVi;
  const full = fullName(unit);
  return `${t('vi', 'documents:nd30.peoplesCommittee')} ${full.charAt(0).toLocaleLowerCase('vi')}${full.slice(1)}`;
}

/**
 * ô4 địa danh: the province name for provincial bodies, the commune name for communes; units named after
 * a person or by a number are written in full ("Thành phố Hồ Chí Minh", "Phường 1").
 */
export function placeName(unit: DocumentUnit): string {
  if (/^\d/.test(unit.nameVi.trim()) || unit.nameVi.trim() === 'Hồ Chí Minh') return fullName(unit);
  return unit.nameVi;
}

/** Signer of a document (ô7), as stored with a plan: the title lines and the name. */
export interface Signer {
  /**
   * Quyền hạn and chức vụ: one line each, separated by new lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ
   * CHỦ TỊCH"), or run together as people type them ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH"), which is split here.
   */
  title: string;
  /** Họ tên, no academic titles. */
  name: string;
}

/** Authority prefixes of ND30 (TM. on behalf of a body, KT. for the head, Q. acting, TL./TUQ. by order). */
const AUTHORITY = /(?=\b(?:TM|KT|TL|TUQ|Q)\.\s)/u;
/** Heads a "KT." line signs for; the deputy's own title follows on the next line. */
const HEADS = ['CHỦ TỊCH', 'GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', 'TRƯỞNG BAN', 'TRƯỞNG PHÒNG', 'BỘ TRƯỞNG', 'THỦ TRƯỞNG'];

/**
 * ô7 lines, upper case, in order: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH". A title typed on
 * one line is split before each authority prefix, after the body name of a "TM." line, and after the head
 * of a "KT."/"Q." line.
 */
export function signatureLines(title: string): string[] {
  const explicit = title
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (explicit.length > 1) return explicit.map(upperVi);
  const one = upperVi(explicit[0] ?? '').replace(/\s+/g, ' ');
  const lines: string[] = [];
  for (const part of one
    .split(AUTHORITY)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(TM|KT|TL|TUQ|Q)\.\s+(.*)$/u.exec(part);
    if (!m) {
      lines.push(part);
      continue;
    }
    const [, prefix, rest = ''] = m;
    const committee = upperVi(t('vi', 'documents:nd30.peoplesCommittee'));
    const head =
      prefix === 'TM' && rest.startsWith(committee)
        ? committee
        : HEADS.find((h) => rest.startsWith(`${h} `) || rest === h);
    if (head && rest.length > head.length) {
      lines.push(`${prefix}. ${head}`, rest.slice(head.length).trim());
    } else lines.push(`${prefix}. ${rest}`);
  }
  return lines;
}

/** The usual signer title of a People's Committee document: the chair, or a vice-chair for the chair. */
export function committeeSignerTitle(role: 'chair' | 'viceChair'): string {
  const committee = upperVi(t('vi', 'documents:nd30.peoplesCommittee'));
  const chair = upperVi(t('vi', 'documents:nd30.chair'));
  return role === 'chair'
    ? `TM. ${committee}\n${chair}`
    : `TM. ${committee}\nKT. ${chair}\n${upperVi(t('vi', 'documents:nd30.viceChair'))}`;
}

/**
 * ô9b: one recipient per line starting with "- " and ending with ";", the last one "- Lưu: VT, …." ending
 * with ".". Entries come in without punctuation (or with it; it is normalised). When no "Lưu" line is
 * given, "Lưu: VT." is added: every document keeps a copy at the clerk's office (văn thư).
 */
export function recipientLines(entries: readonly string[]): string[] {
  const clean = entries
    .map((e) =>
      e
        .trim()
        .replace(/^[-–•]\s*/, '')
        .replace(/[;.,]+$/, '')
        .trim(),
    )
    .filter((e) => e !== '');
  const archive = t('vi', 'documents:nd30.archive');
  const isArchive = (e: string) => e.startsWith(`${archive}:`) || e === archive;
  const keep = clean.filter((e) => !isArchive(e));
  const last = clean.find(isArchive) ?? `${archive}: VT`;
  return [...keep.map((e) => `- ${e};`), `- ${last}.`];
}

/**
 * Approximate width in mm of a bold upper-case line in Times New Roman (average advance 0.72 em for
 * capitals, 0.25 em for a space; good to a few per cent on Vietnamese agency names), used only to size
 * the short rule under the agency name, which ND30 wants 1/3–1/2 of the line.
 */
export function boldCapsWidthMm(text: string, pt: number): number {
  const emMm = (pt * 25.4) / 72;
  let em = 0;
  for (const ch of text) em += ch === ' ' ? 0.25 : /[A-ZĐÀ-Ỹ]/u.test(ch.normalize('NFC')) ? 0.72 : 0.5;
  return em * emMm;
}

/** Length of the rule under the issuing body: 40% of its longest line (within ND30's 1/3–1/2). */
export function agencyRuleMm(lines: readonly string[], pt: number): number {
  const longest = Math.max(0, ...lines.map((l) => boldCapsWidthMm(l, pt)));
  return Math.round(longest * 0.4 * 10) / 10;
}

/**
 * The trích yếu without a repeated type name: "Kế hoạch cải thiện …" under the tên loại "KẾ HOẠCH"
 * reads "KẾ HOẠCH / Kế hoạch cải thiện …"; ND30 documents give only "Cải thiện …".
 */
export function summaryWithoutType(title: string, typeName: string): string {
  const trimmed = title.trim();
  const prefix = `${typeName.toLocaleLowerCase('vi')} `;
  if (!trimmed.toLocaleLowerCase('vi').startsWith(prefix)) return trimmed;
  const rest = trimmed.slice(prefix.length).trim();
  return rest ? rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1) : trimmed;
}
