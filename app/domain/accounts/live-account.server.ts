import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError } from "./current-user";

/**
 * Holds the person's account for the rest of the transaction (FOR SHARE), or refuses with
 * AuthorisationError when it has been erased. An erasure takes the same row FOR UPDATE
 * (gdpr.server.ts), so the two cannot pass each other: an erasure that comes second waits, then
 * sees what this transaction wrote (an open booking refuses it); one that came first makes this
 * wait, and the account is then gone. Call it first in the transaction (the erasure's lock order).
 */
export async function holdLiveAccount(trx: Transaction<Database>, userId: string): Promise<void> {
  const row = await trx.selectFrom("users").select("id").where("id", "=", userId).where("deleted_at", "is", null).forShare().executeTakeFirst();
  if (!row) throw new AuthorisationError("the account has been deleted");
}
