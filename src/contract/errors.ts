/**
 * An error meant for the user: it names the file or flag, says what was wrong and what to do.
 * The CLI prints its message without a stack trace and exits with its code.
 */
import { EXIT_USAGE } from './exit-codes.js';

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export const usageError = (message: string) => new UserError(message, EXIT_USAGE);
