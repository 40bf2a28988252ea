import type { Kysely, Transaction } from "kysely";
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

export interface ProviderStatusChange {
  providerId: string;
  action: ProviderStatusAction;
  /** Who acted, as text kept with the record: "operator", "admin", "system:document-expiry", … */
  actor: string;
  /** The signed-in person who acted, when there is one. */
  actorUserId?: string | null;
  reason?: string | null;
}

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Applies one verification action, recording who did it, when and why. The row is locked so two
 * operators acting at once cannot both move it. The search outbox row is written by the trigger
 * in this same transaction, so the index follows within seconds.
 * Authorisation (which operator may act on which provider) is checked by the callers:
 * applyVerificationDecision for people, the document expiry job for the system.
 */
export async function changeProviderStatus(
  db: Kysely<Database>,
  input: ProviderStatusChange,
): Promise<{ from: ProviderStatus; to: ProviderStatus }> {
  const reason = input.reason?.trim() || null;
  if (actionsRequiringReason.has(input.action) && !reason) {
    throw new ProviderStatusError("reason_required", `${input.action} needs a reason`);
  }
  return inTransaction(db, async (trx) => {
    const provider = await trx
      .selectFrom("providers")
      .select(["id", "status", "kind"])
      .where("id", "=", input.providerId)
      .forUpdate()
      .executeTakeFirst();
    if (!provider) throw new ProviderStatusError("not_found", "provider not found");
    const to = nextProviderStatus(provider.status, input.action);
    if (!to) throw new ProviderStatusError("transition_not_allowed", `${input.action} is not allowed from ${provider.status}`);
    const now = new Date();
    await trx
      .updateTable("providers")
      .set({ status: to, updated_at: now, ...(to === "verified" ? { verified_at: now } : {}) })
      .where("id", "=", provider.id)
      .execute();
    await trx
      .insertInto("provider_status_transitions")
      .values({
        provider_id: provider.id,
        from_status: provider.status,
        to_status: to,
        actor: input.actor,
        actor_user_id: input.actorUserId ?? null,
        reason,
      })
      .execute();
    // An organisation's workers are public only while it is accredited (verified): when that
    // changes, their search documents must be rebuilt too (the trigger only sees this row).
    if (provider.kind === "organisation" && (provider.status === "verified" || to === "verified")) {
      await trx
        .insertInto("search_outbox")
        .columns(["provider_id"])
        .expression(trx.selectFrom("providers").select("id").where("organisation_id", "=", provider.id))
        .execute();
    }
    return { from: provider.status, to };
  });
}
