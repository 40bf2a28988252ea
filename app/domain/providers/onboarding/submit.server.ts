import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { changeProviderStatus, ProviderStatusError } from "../../verification/change-provider-status.server";
import { submittableStatuses, type MissingItem } from "../onboarding-progress";
import type { FieldErrors } from "../onboarding-schemas";
import { loadOnboarding } from "./load-onboarding.server";

export type SubmitResult = { ok: true } | { ok: false; missing: MissingItem[]; errors: FieldErrors };

/** Review & submit: only a complete profile moves to "pending" (a recorded transition). */
export async function submitForVerification(db: Kysely<Database>, user: CurrentUser, providerId: string): Promise<SubmitResult> {
  const view = await loadOnboarding(db, user, providerId);
  if (view.missing.length > 0) return { ok: false, missing: view.missing, errors: { _form: "errors.incomplete" } };
  if (!submittableStatuses.has(view.provider.status)) {
    return { ok: false, missing: [], errors: { _form: view.provider.status === "pending" ? "errors.alreadySubmitted" : "errors.notSubmittable" } };
  }
  try {
    await db.transaction().execute(async (trx) => {
      await changeProviderStatus(trx, { providerId, action: "submit", actor: "provider", actorUserId: user.id });
      await trx.updateTable("providers").set({ submitted_at: new Date(), onboarding_step: "review" }).where("id", "=", providerId).execute();
    });
  } catch (error) {
    if (error instanceof ProviderStatusError && error.code === "transition_not_allowed") {
      return { ok: false, missing: [], errors: { _form: "errors.notSubmittable" } };
    }
    throw error;
  }
  return { ok: true };
}
