/**
 * What can go wrong in the accounts domain that a person can act on. Routes turn the code into a
 * translated message ("auth:errors.<code>"); nothing here says more than the person may know
 * (e.g. a wrong e-mail and a wrong password give the same "invalid_credentials").
 */
export type AccountErrorCode =
  | "email_taken"
  | "invalid_credentials"
  | "locked_out"
  | "token_invalid"
  | "token_expired"
  | "token_used"
  | "password_is_email"
  | "wrong_password"
  | "too_many_emails"
  | "not_found";

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    readonly details: { lockedUntil?: Date } = {},
  ) {
    super(code);
    this.name = "AccountError";
  }
}

export function isAccountError(error: unknown, code?: AccountErrorCode): error is AccountError {
  return error instanceof AccountError && (code === undefined || error.code === code);
}
