/**
 * Invitation tokens (mã mời): 128 random bits, base64url (22 characters), printed as a link and a QR
 * code. Only sha256(token) is stored, so a database leak does not hand out valid links.
 */
import { createHash, randomBytes } from 'node:crypto';

/** What a token looks like in a URL: base64url, 8–64 characters (demo tokens are readable words). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const newToken = (): string => randomBytes(16).toString('base64url');

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const tokenHash = (token: string): string => sha256Hex(`invitation:${token}`);

/** Hash of the client's response UUID, kept on the invitation to recognise a retried POST. */
export const responseKeyHash = (responseId: string): string => sha256Hex(`response:${responseId.toLowerCase()}`);

/** The citizen's link for a token, on the server's public origin. */
export const invitationUrl = (origin: string, token: string): string => `${origin.replace(/\/$/, '')}/s/${token}`;
