import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "~/domain/accounts/current-user";
import { cancelSignup, signUpForEvent } from "./hub-events.server";
import { parseSignupForm, type SignupDone } from "./hub-schemas";

export type SignupFormResult =
  | { ok: true; hubId: string; eventId: string; done: SignupDone }
  | { ok: false; status: 400 | 404 | 409; refused: "invalid" | "not_found" | "full" | "past" | "email_unverified"; eventId: string | null };

/**
 * The sign-up form shared by a hub's page and an event's page: "signup" or "cancel" for one
 * event, always for the signed-in person themself.
 */
export async function submitSignupForm(db: Kysely<Database>, user: CurrentUser, formData: FormData, options: { now?: Date } = {}): Promise<SignupFormResult> {
  const parsed = parseSignupForm(formData);
  if (parsed.errors) return { ok: false, status: 400, refused: "invalid", eventId: null };
  const { intent, eventId } = parsed.data;
  if (intent === "signup") {
    const result = await signUpForEvent(db, user, { eventId, now: options.now });
    if (!result.ok) return { ok: false, status: result.reason === "not_found" ? 404 : 409, refused: result.reason, eventId };
    return { ok: true, hubId: result.hubId, eventId, done: result.status };
  }
  const result = await cancelSignup(db, user, { eventId, now: options.now });
  if (!result.ok) return { ok: false, status: result.reason === "not_found" ? 404 : 409, refused: result.reason, eventId };
  return { ok: true, hubId: result.hubId, eventId, done: result.removed ? "cancelled" : "not_signed_up" };
}
