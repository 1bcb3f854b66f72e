/** Small form rules shared by the public form. */
import type { FormRule } from 'antd';

/**
 * A denunciation must say how to reach the denouncer (Luật Tố cáo 2018, art. 23: họ tên, địa chỉ,
 * cách thức liên hệ); a complaint too. A phone number or an email is enough.
 */
export const contactRule =
  (message: string): FormRule =>
  ({ getFieldValue }) => ({
    validator(_, value: string | undefined) {
      const track = getFieldValue('track');
      if (track !== 'complaint' && track !== 'denunciation') return Promise.resolve();
      const email = (getFieldValue('contactEmail') as string | undefined)?.trim();
      return value?.trim() || email ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });

/** A random id (RFC 4122 v4) from getRandomValues, which, unlike randomUUID, also works on plain http. */
export function newSubmissionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
