import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

export class UnknownAccountError extends Error {
  constructor(email: string) {
    super(`no account with e-mail ${email}`);
    this.name = "UnknownAccountError";
  }
}

/**
 * Makes an account a community manager (operator) of the given quartieri. Done by the
 * municipality's administrators (for now from the command line); existing quartieri are kept.
 */
export async function grantOperatorRole(
  db: Kysely<Database>,
  input: { email: string; quartieri: number[] },
): Promise<{ userId: string; quartieri: number[] }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", input.email.trim().toLowerCase()))
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user) throw new UnknownAccountError(input.email);
    await trx.insertInto("user_roles").values({ user_id: user.id, role: "operator" }).onConflict((oc) => oc.doNothing()).execute();
    if (input.quartieri.length > 0) {
      await trx
        .insertInto("operator_quartieri")
        .values(input.quartieri.map((quartiere_id) => ({ user_id: user.id, quartiere_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const rows = await trx.selectFrom("operator_quartieri").select("quartiere_id").where("user_id", "=", user.id).execute();
    return { userId: user.id, quartieri: rows.map((r) => r.quartiere_id).sort((a, b) => a - b) };
  });
}
