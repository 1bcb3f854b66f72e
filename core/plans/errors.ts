/**
 * A domain rule refused an action in the current state (issue a closed plan, edit a submitted report…).
 * The HTTP layer answers 409 with `message`; `code` is stable for clients.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}
