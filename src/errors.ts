/**
 * An error meant for the user: it names the file or flag, says what was wrong and what to do.
 * The CLI prints its message without a stack trace and exits with its code.
 */
import { EXIT_USAGE } from './exit-codes.js';

/**
 * Marks user errors across module copies: the single-file bundle embeds the commands as their own
 * bundle (scripts/bundle.mjs), so `instanceof UserError` can meet a second copy of this class.
 */
const USER_ERROR = Symbol.for('hostprocess-doctor.UserError');

export class UserError extends Error {
  readonly [USER_ERROR] = true;

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[USER_ERROR] === true;
}

export const usageError = (message: string) => new UserError(message, EXIT_USAGE);
