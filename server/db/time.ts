import { todayInVietnam } from '../../core/i18n/format.js';

/** Timestamps are ISO-8601 UTC text on both dialects, so they sort and compare as strings. */
export const nowIso = (): string => new Date().toISOString();

/**
 * Calendar dates are 'YYYY-MM-DD' text and are Vietnamese dates: "today" (the default "as of" date, unit
 * validity) is today in Asia/Ho_Chi_Minh, the same day the web app shows, not the UTC date.
 */
export const todayIso = (): string => todayInVietnam();
