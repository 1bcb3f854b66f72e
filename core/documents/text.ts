/**
 * Turning stored free text into document paragraphs, and the PAPI dimension names documents cite.
 */
import type { Block } from './model.js';

/** PAPI dimension names (framework 2018 onwards, the eight dimensions), for data that does not bring its own. */
export const PAPI_DIMENSION_NAMES: Readonly<Record<number, string>> = {
  1: 'Tham gia của người dân ở cấp cơ sở',
  2: 'Công khai, minh bạch trong việc ra quyết định ở địa phương',
  3: 'Trách nhiệm giải trình với người dân',
  4: 'Kiểm soát tham nhũng trong khu vực công',
  5: 'Thủ tục hành chính công',
  6: 'Cung ứng dịch vụ công',
  7: 'Quản trị môi trường',
  8: 'Quản trị điện tử',
};

export function dimensionName(dimension: number, names?: Readonly<Record<number, string>>): string {
  return names?.[dimension] ?? PAPI_DIMENSION_NAMES[dimension] ?? `D${dimension}`;
}

/** The text with `ending` as its last character (replacing a different final punctuation mark). */
export function withEnding(text: string, ending: '.' | ';' | ':'): string {
  const trimmed = text.trim().replace(/[.;:,]+$/, '');
  return `${trimmed}${ending}`;
}

/** A numbered sub-heading line as people type it: "1. Mục đích", "2.1. …" (bold in the document). */
const NUMBERED_HEADING = /^\d+(\.\d+)*\.\s+\S/;

/**
 * Free text (one paragraph per line; blank lines ignored) as body paragraphs. Lines that look like a
 * numbered sub-heading ("1. Đối với …") are set bold, as ND30 plans set their "1." level; "a)" and "-"
 * items stay regular.
 */
export function paragraphsOf(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => ({
      kind: 'paragraph' as const,
      runs: [NUMBERED_HEADING.test(line) && line.length < 160 ? { text: line, bold: true } : { text: line }],
    }));
}
