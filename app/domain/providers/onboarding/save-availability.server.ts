import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { availabilitySchema, fieldErrorsOf } from "../onboarding-schemas";
import { failure, writeStep, type SaveResult } from "./write-step.server";

/** Step 5: the weekly time ranges (structured, checked for order and overlaps). */
export async function saveAvailability(db: Kysely<Database>, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = availabilitySchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  return writeStep(db, user, input.providerId, "availability", async (trx, provider) => {
    await trx.deleteFrom("availability_slots").where("provider_id", "=", provider.id).execute();
    await trx
      .insertInto("availability_slots")
      .values(parsed.data.slots.map((s) => ({ provider_id: provider.id, weekday: s.weekday, start_minute: s.startMinute, end_minute: s.endMinute })))
      .execute();
  });
}
