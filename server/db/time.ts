/** Timestamps are ISO-8601 UTC text on both dialects, so they sort and compare as strings. */
export const nowIso = (): string => new Date().toISOString();

/** Calendar dates are 'YYYY-MM-DD' text; "as of" queries compare them as strings. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);
