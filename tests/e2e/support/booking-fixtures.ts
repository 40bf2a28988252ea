import { addDays, isoWeekday, romeLocal } from "../../../app/domain/bookings/schedule";
import { e2eDb, insertE2eUser, insertPendingProvider, uniqueWord, type E2eUser } from "./operator-login";

/**
 * The cast of the booking journey, written into the e2e server's database: a verified provider
 * with an owner account and weekly hours (Monday and Wednesday afternoons, Tuesday mornings),
 * and a family.
 */

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export async function insertBookableProvider(options: {
  name?: string;
  slots: Array<[number, string, string]>;
  /** Service category slugs (default: babysitter). */
  services?: string[];
  /** Home quartiere, also the one zone served (default: 1). */
  quartiereId?: number;
  /** A Connect account at the Stripe stub that takes charges (payment-fixtures' enabledStubAccount): the provider can be paid online. */
  stripeAccountId?: string;
}): Promise<{ providerId: string; owner: E2eUser; name: string }> {
  const name = options.name ?? `Tata ${uniqueWord()}`;
  const owner = await insertE2eUser({ roles: ["provider"], displayName: name });
  const providerId = await insertPendingProvider({ displayName: name, quartiereId: options.quartiereId ?? 1, services: options.services });
  const db = e2eDb();
  await db.updateTable("providers").set({ status: "verified", verified_at: new Date() }).where("id", "=", providerId).execute();
  await db.insertInto("provider_members").values({ provider_id: providerId, user_id: owner.id, member_role: "owner" }).execute();
  if (options.stripeAccountId) {
    await db
      .insertInto("provider_payout_accounts")
      .values({ provider_id: providerId, stripe_account_id: options.stripeAccountId, charges_enabled: true, payouts_enabled: true, details_submitted: true })
      .execute();
  }
  await db.deleteFrom("availability_slots").where("provider_id", "=", providerId).execute();
  await db
    .insertInto("availability_slots")
    .values(options.slots.map(([weekday, from, to]) => ({ provider_id: providerId, weekday, start_minute: minutes(from), end_minute: minutes(to) })))
    .execute();
  return { providerId, owner, name };
}

export const insertFamily = () => insertE2eUser({ roles: ["family"], displayName: `Famiglia ${uniqueWord()}` });

/** The first Monday at least `daysAhead` days after today in Milan. */
export function mondayAhead(daysAhead: number): string {
  let day = addDays(romeLocal(new Date()).date, daysAhead);
  while (isoWeekday(day) !== 1) day = addDays(day, 1);
  return day;
}
