/**
 * A refusal the person can understand (and the page translates as `refusals.<code>` of the
 * "sharing" namespace). Authorisation problems are AuthorisationError instead (403).
 */
export const sharingErrorCodes = [
  "not_found",
  "not_open",
  "in_live_group",
  "not_allowed_now",
  "share_changed",
  "offer_closed",
  "slot_taken",
  "not_matching",
  "already_left",
] as const;
export type SharingErrorCode = (typeof sharingErrorCodes)[number];

export class SharingError extends Error {
  constructor(
    readonly code: SharingErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "SharingError";
  }
}

export function isSharingError(error: unknown, code?: SharingErrorCode): error is SharingError {
  return error instanceof SharingError && (code === undefined || error.code === code);
}
