import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Holds the person's account for the rest of the transaction (FOR SHARE) and says whether it is
 * still there. An erasure takes the same row FOR UPDATE (gdpr.server.ts), so the two cannot pass
 * each other: an erasure that comes second waits, then sees what this transaction wrote (an open
 * booking refuses it); one that came first makes this wait, and the account is then gone.
 */
export async function holdLiveAccount(trx: Transaction<Database>, userId: string): Promise<boolean> {
  const row = await trx.selectFrom("users").select("id").where("id", "=", userId).where("deleted_at", "is", null).forShare().executeTakeFirst();
  return row !== undefined;
}
