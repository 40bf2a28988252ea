/**
 * What stays in place of a text whose author deleted their account, where the row itself must
 * stay (app/domain/accounts/gdpr-erasure.server.ts). Not a server module: a page may compare a
 * message with it to say "message removed" in the reader's language.
 */

/**
 * The body of a message whose author deleted their account. `messages.body` must be 1–4000
 * characters, so it cannot be empty; a lone dash reads the same in every language. Together with
 * an author whose account is deleted (`users.deleted_at`), it means "message removed".
 */
export const REMOVED_MESSAGE_BODY = "—";

/** The body of a condominium notice whose author deleted their account (the notice is also hidden). */
export const REMOVED_POST_BODY = "—";
