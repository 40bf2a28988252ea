import type { Kysely, Transaction } from "kysely";
import type { Database, ProviderKind, ProviderStatus } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { editProblem } from "../onboarding-progress";
import { furthestStep, stepAfter, type FieldErrors, type OnboardingStep } from "../onboarding-schemas";
import { assertProviderMember } from "../provider-access.server";

export type SaveResult = { ok: true; providerId: string; next: OnboardingStep } | { ok: false; errors: FieldErrors };

export const failure = (errors: FieldErrors): { ok: false; errors: FieldErrors } => ({ ok: false, errors });

/** The locked provider row a step writes to. */
export type StepProvider = { id: string; status: ProviderStatus; kind: ProviderKind; organisation_id: string | null };

/**
 * Runs one step's write on the locked provider row, after checking membership and that the
 * profile may be changed now, and moves the resume point forward. `work` returns field errors
 * to refuse (nothing is written then).
 */
export async function writeStep(
  db: Kysely<Database>,
  user: CurrentUser,
  providerId: string,
  step: OnboardingStep,
  work: (trx: Transaction<Database>, provider: StepProvider) => Promise<FieldErrors | void>,
): Promise<SaveResult> {
  await assertProviderMember(db, user, providerId);
  return db.transaction().execute(async (trx) => {
    const provider = await trx
      .selectFrom("providers")
      .select(["id", "status", "kind", "organisation_id", "onboarding_step"])
      .where("id", "=", providerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const problem = editProblem(provider.status, step);
    if (problem) return failure({ _form: problem });
    const errors = await work(trx, provider);
    if (errors && Object.keys(errors).length > 0) return failure(errors);
    const next = stepAfter(step);
    await trx
      .updateTable("providers")
      .set({ onboarding_step: furthestStep(provider.onboarding_step, next), updated_at: new Date() })
      .where("id", "=", providerId)
      .execute();
    return { ok: true as const, providerId, next };
  });
}
