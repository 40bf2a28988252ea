/**
 * What can go wrong with a condominium that the person can act on. Routes show
 * "condominium:errors.<code in camelCase>" next to the field concerned. Not being a member (or
 * asking for a condominium that does not exist) is an AuthorisationError instead: a 403 that
 * says nothing about whether the id exists.
 */
export type CondominiumErrorCode =
  /** No condominium has this code (mistyped, or replaced by a new one). */
  | "code_unknown"
  /** The quartiere chosen does not exist. */
  | "quartiere_unknown"
  /** Too many notices from this person in the last hour. */
  | "too_many_notices"
  /** Too many condominiums created by this person in the last day. */
  | "too_many_condominiums"
  /** The member or post acted on is not (or no longer) in this condominium. */
  | "not_found";

export class CondominiumError extends Error {
  constructor(
    readonly code: CondominiumErrorCode,
    readonly details: { limit?: number } = {},
  ) {
    super(code);
    this.name = "CondominiumError";
  }
}

export function isCondominiumError(error: unknown, code?: CondominiumErrorCode): error is CondominiumError {
  return error instanceof CondominiumError && (code === undefined || error.code === code);
}
