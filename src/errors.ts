/**
 * The one user-facing error type. Thrown anywhere, printed once by the CLI (stack only with --debug).
 * Exit codes: 1 data or runtime error, 2 usage error, 3 data problem found by a check, 75 busy (lock).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3 | 75 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const usageError = (message: string) => new UserError(message, 2);
export const dataError = (message: string) => new UserError(message, 1);
