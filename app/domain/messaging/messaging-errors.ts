/**
 * What the messaging functions can refuse, as codes the pages translate (message:refusals.<code>).
 * Someone who is not a party (or an operator without a report) gets AuthorisationError instead.
 */
export const messagingErrorCodes = [
  /** Too many messages in a short time (see message-rate-limit.server.ts). */
  "rate_limited",
  /** The conversation was already reported; the first report stands. */
  "already_reported",
] as const;
export type MessagingErrorCode = (typeof messagingErrorCodes)[number];

export class MessagingError extends Error {
  constructor(
    readonly code: MessagingErrorCode,
    message: string = code,
    /** For rate_limited: minutes until another message is accepted. */
    readonly retryAfterMinutes: number | null = null,
  ) {
    super(message);
    this.name = "MessagingError";
  }
}

export function isMessagingError(error: unknown, code?: MessagingErrorCode): error is MessagingError {
  return error instanceof MessagingError && (code === undefined || error.code === code);
}
