import type { Kysely } from "kysely";
import type { Database, ProviderStatus } from "../../../db/schema";
import { actionsRequiringReason, nextProviderStatus, type ProviderStatusAction } from "./provider-status-machine";

export class ProviderStatusError extends Error {
  constructor(
    readonly code: "not_found" | "transition_not_allowed" | "reason_required",
    message: string,
  ) {
    super(message);
    this.name = "ProviderStatusError";
  }
}

/**
 * Applies one verification action, recording who did it, when and why. The row is locked so two
 * operators acting at once cannot both move it. The search outbox row is written by the trigger
 * in this same transaction, so the index follows within seconds.
 * (Operator scoping by quartiere is checked by the caller's authorisation layer: issue #3.)
 */
export async function changeProviderStatus(
  db: Kysely<Database>,
  input: { providerId: string; action: ProviderStatusAction; actor: string; reason?: string },
): Promise<{ from: ProviderStatus; to: ProviderStatus }> {
  const reason = input.reason?.trim() || null;
  if (actionsRequiringReason.has(input.action) && !reason) {
    throw new ProviderStatusError("reason_required", `${input.action} needs a reason`);
  }
  return db.transaction().execute(async (trx) => {
    const provider = await trx
      .selectFrom("providers")
      .select(["id", "status"])
      .where("id", "=", input.providerId)
      .forUpdate()
      .executeTakeFirst();
    if (!provider) throw new ProviderStatusError("not_found", "provider not found");
    const to = nextProviderStatus(provider.status, input.action);
    if (!to) throw new ProviderStatusError("transition_not_allowed", `${input.action} is not allowed from ${provider.status}`);
    await trx
      .updateTable("providers")
      .set({ status: to, updated_at: new Date(), ...(to === "verified" ? { verified_at: new Date() } : {}) })
      .where("id", "=", provider.id)
      .execute();
    await trx
      .insertInto("provider_status_transitions")
      .values({ provider_id: provider.id, from_status: provider.status, to_status: to, actor: input.actor, reason })
      .execute();
    return { from: provider.status, to };
  });
}
