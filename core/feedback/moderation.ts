/**
 * Moderation rules (no third-party service): a submission that trips one waits in the moderation queue
 * (`pending`) until an officer approves it; it is stored and handled, but not published (portal, Open311).
 * Rules are deliberately simple and explainable: each flag names the rule.
 */
import { foldVietnamese } from '../text/fold.js';

export type ModerationFlag = 'links' | 'repeated_text' | 'all_caps' | 'profanity' | 'duplicate';

/** Folded (no diacritics, lower case) words and phrases; matched on word boundaries. */
export const PROFANITY: readonly string[] = [
  'dit',
  'dit me',
  'du ma',
  'dm',
  'dcm',
  'vcl',
  'vkl',
  'clgt',
  'cho chet',
  'oc cho',
  'fuck',
  'shit',
];

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|info|xyz|top|vn|ru|io|ly)\b/gi;

export interface ModerationInput {
  title: string;
  description: string;
  /** Another recent submission had the same normalised text (content hash). */
  duplicateOfRecent: boolean;
}

/** Letters-only, folded text, used for the repeated-text hash. */
export function normaliseForHash(text: string): string {
  return foldVietnamese(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function moderationFlags(input: ModerationInput): ModerationFlag[] {
  const text = `${input.title}\n${input.description}`;
  const flags: ModerationFlag[] = [];
  // Two or more links: advertising; one link to evidence is fine.
  if ((text.match(URL_RE) ?? []).length >= 2) flags.push('links');
  // The same word or short phrase repeated many times ("abc abc abc abc…").
  const words = normaliseForHash(text).split(' ').filter(Boolean);
  if (words.length >= 8) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (top / words.length > 0.4 || counts.size <= 2) flags.push('repeated_text');
  }
  if (/(.)\1{9,}/u.test(text)) {
    if (!flags.includes('repeated_text')) flags.push('repeated_text');
  }
  // Shouting: mostly capital letters among at least 20 letters.
  const letters = [...text].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  const upper = letters.filter((ch) => ch === ch.toUpperCase() && ch !== ch.toLowerCase());
  if (letters.length >= 20 && upper.length / letters.length > 0.7) flags.push('all_caps');
  const folded = ` ${words.join(' ')} `;
  if (PROFANITY.some((p) => folded.includes(` ${p} `))) flags.push('profanity');
  if (input.duplicateOfRecent) flags.push('duplicate');
  return flags;
}
