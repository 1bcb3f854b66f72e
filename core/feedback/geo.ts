/** Map points of citizen feedback. */

/** Inside Vietnam's bounding box (mainland and the islands; lat 8.0–23.5 N, lon 102.0–117.9 E). */
export function insideVietnam(lat: number, lon: number): boolean {
  return lat >= 8.0 && lat <= 23.5 && lon >= 102.0 && lon <= 117.9;
}
