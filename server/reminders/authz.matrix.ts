/**
 * Authorisation expectations for the reminders module's endpoints (see server/testing/authz-matrix.ts).
 * Reminders are the caller's own: every signed-in user reads their list (scoped to their reach) and
 * sets their own address; anonymous callers get 401.
 */
import { type Case, get, on, SIGNED_IN } from '../testing/authz-matrix.js';

export const REMINDER_MATRIX: Record<string, Case[]> = {
  'GET /api/reminders': [get('/api/reminders', SIGNED_IN)],
  'PUT /api/reminders/email': [
    on(
      'own address',
      (c) => ({ url: '/api/reminders/email', payload: { email: `matrix.${c.seq()}@example.vn` } }),
      SIGNED_IN,
    ),
  ],
};
