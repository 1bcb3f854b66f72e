/**
 * The one seam between fielding (this module) and questionnaires (server/surveys): which form a
 * campaign fields, and the server-side check of a submission with the SAME pure validator the
 * citizen's browser runs (core/surveys/form.ts).
 */
import { InputError } from '../../core/errors.js';
import { type Answers, type AnswerValue, type SurveyForm, validateResponse } from '../../core/surveys/form.js';

/** The questionnaire version a campaign fields, with its form (server/surveys owns the tables). */
export { findQuestionnaireVersion } from '../surveys/repository.js';

/** The answers to store (relevant, normalised), or a 400 naming the first bad answer and listing all. */
export function checkAnswers(form: SurveyForm, answers: Record<string, unknown>): Record<string, AnswerValue> {
  const check = validateResponse(form, answers as Answers);
  if (!check.valid) {
    const first = check.errors[0];
    const list = check.errors.map((e) => `${e.name}: ${e.code}`).join('; ');
    throw new InputError(
      `The answers are not valid (${list})`,
      { path: ['answers', first?.name ?? ''] },
      'invalid_answers',
    );
  }
  return check.answers;
}
