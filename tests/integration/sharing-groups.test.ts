import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { addDays, romeLocal } from "../../app/domain/bookings/schedule";
import { largestRemainderSplit } from "../../app/domain/sharing/aggregation";
import { assignProvider, getOperatorGroupPage, listGroupRequests, makeOffer } from "../../app/domain/sharing/group-offers.server";
import { startCheckout } from "../../app/domain/payments/start-checkout.server";
import { amountDueFor, bookingShares } from "../../app/domain/sharing/group-payments.server";
import { chooseOffer, getGroupPage, leaveGroup, respondOnBehalf, respondToProposal } from "../../app/domain/sharing/groups.server";
import { loadHourlyPrices } from "../../app/domain/sharing/hourly-prices.server";
import { listMyNeeds, postNeed, postNeedOnBehalf, withdrawNeed } from "../../app/domain/sharing/needs.server";
import { INVITATION_DAYS, runAggregation } from "../../app/domain/sharing/run-aggregation.server";
import { runQueuedJobs } from "../support/jobs";
import { waitForEmail } from "../support/mail";
import { insertProvider } from "../support/provider-fixtures";
import { clearQueuedEmails, insertCondominium, insertFamily, insertUser, needForm, nextPlace, queuedEmails } from "../support/sharing-fixtures";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const DUOMO = 1;
const BRERA = 2;

let ctx: TestContext;
let operatorDuomo: CurrentUser;
let operatorBrera: CurrentUser;
let admin: CurrentUser;

/** A verified provider with an owner account, offering babysitting at 11 € in DUOMO unless told otherwise. */
async function providerWithOwner(options: { slug?: string; zones?: number[]; quartiereId?: number; status?: "verified" | "pending"; cents?: number } = {}) {
  const name = `Fornitrice ${Math.random().toString(36).slice(2, 8)}`;
  const providerId = await insertProvider(ctx.db, {
    displayName: name,
    status: options.status ?? "verified",
    services: [{ slug: options.slug ?? "babysitter", cents: options.cents ?? 1100 }],
    quartiereId: options.quartiereId ?? DUOMO,
    zones: options.zones,
  });
  const owner = await insertUser(ctx.db, { roles: ["provider"], name });
  await ctx.db.insertInto("provider_members").values({ provider_id: providerId, user_id: owner.id, member_role: "owner" }).execute();
  return { providerId, owner, name };
}

/** N families of one condominium post the same babysitting need at a place of their own, and the run proposes their group. */
async function proposedGroup(count: number, options: { persons?: string[]; names?: string[] } = {}) {
  const families: CurrentUser[] = [];
  for (let i = 0; i < count; i++) families.push(await insertFamily(ctx.db, options.names?.[i]));
  const condominium = await insertCondominium(ctx.db, families);
  const place = nextPlace();
  const needIds: string[] = [];
  for (const [i, family] of families.entries()) {
    // School-age children (one carer looks after eight): the size of the group is not limited by age here.
    const persons = options.persons?.[i] ?? "1";
    const childrenAges = Array.from({ length: Number(persons) }, () => "7").join(", ");
    const posted = await postNeed(ctx.db, family, needForm({ ...place, condominiumId: condominium, persons, childrenAges }));
    if (!posted.ok) throw new Error(`need not posted: ${JSON.stringify(posted.errors)}`);
    needIds.push(posted.needId);
  }
  await runAggregation(ctx.db);
  const member = await ctx.db
    .selectFrom("shared_group_members")
    .select("group_id")
    .where("need_id", "=", needIds[0]!)
    .where("status", "in", ["invited", "accepted"])
    .executeTakeFirstOrThrow();
  return { groupId: member.group_id, families, needIds, condominium };
}

async function formedGroup(count: number, options: { persons?: string[]; names?: string[] } = {}) {
  const proposal = await proposedGroup(count, options);
  for (const family of proposal.families) await respondToProposal(ctx.db, family, { groupId: proposal.groupId, answer: "accept" });
  return proposal;
}

const groupRow = (id: string) => ctx.db.selectFrom("shared_groups").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const membersOf = (id: string) => ctx.db.selectFrom("shared_group_members").selectAll().where("group_id", "=", id).orderBy("need_id").execute();
const transitionsOf = (id: string) => ctx.db.selectFrom("shared_group_transitions").selectAll().where("group_id", "=", id).orderBy("id").execute();
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const today = () => romeLocal(new Date()).date;

beforeAll(async () => {
  ctx = await createTestContext();
  // The median babysitting price of verified providers is 11 €/h (pending ones do not count).
  for (const cents of [1000, 1100, 1200]) await providerWithOwner({ cents });
  await providerWithOwner({ cents: 9000, status: "pending" });
  operatorDuomo = await insertUser(ctx.db, { roles: ["operator"], quartieri: [DUOMO], name: "Operatrice Duomo" });
  operatorBrera = await insertUser(ctx.db, { roles: ["operator"], quartieri: [BRERA], name: "Operatore Brera" });
  admin = await insertUser(ctx.db, { roles: ["admin"], name: "Amministratrice" });
});
afterAll(async () => {
  await ctx?.cleanup();
});
beforeEach(async () => {
  await clearQueuedEmails(ctx.db);
});

describe("the aggregation run", () => {
  it("prices each category at the median of verified, active providers", async () => {
    expect((await loadHourlyPrices(ctx.db)).babysitter).toBe(1100);
  });

  it("proposes one group for three compatible needs in one condominium, once however often it runs, and invites each family by e-mail", async () => {
    const { groupId, families, needIds, condominium } = await proposedGroup(3, { names: ["Anna Rossi", "Bruno Verdi", "Carla Neri"] });
    const group = await groupRow(groupId);
    expect(group).toMatchObject({
      status: "proposed",
      quartiere_id: DUOMO,
      condominium_id: condominium,
      weekly_minutes: 600,
      individual_hourly_cents: 1100,
      // 11 € + 20 % for each family beyond the first.
      hourly_total_cents: 1540,
      min_size: 2,
    });
    const members = await membersOf(groupId);
    expect(members.map((m) => m.need_id).sort()).toEqual([...needIds].sort());
    expect(members.every((m) => m.status === "invited")).toBe(true);
    expect(sum(members.map((m) => m.share_hourly_cents))).toBe(1540);
    expect((await transitionsOf(groupId)).map((t) => [t.from_status, t.to_status, t.action])).toEqual([[null, "proposed", "propose"]]);

    const emails = await queuedEmails(ctx.db);
    const proposals = emails.filter((e) => e.template.key === "emails.proposal");
    expect(proposals.map((e) => e.to).sort()).toEqual(families.map((f) => f.email).sort());
    expect(proposals[0]!.params.groupId).toBe(groupId);

    // Twice more: nothing new.
    const again = await runAggregation(ctx.db);
    await runAggregation(ctx.db);
    expect(again.created).toBe(0);
    expect(await ctx.db.selectFrom("shared_groups").select("id").where("condominium_id", "=", condominium).execute()).toHaveLength(1);
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.proposal")).toHaveLength(3);

    // The e-mail, in Italian, says what the group is in words.
    await runQueuedJobs(ctx);
    const message = await waitForEmail(inject("mailDir"), families[0]!.email);
    expect(message.subject).toContain("Babysitter");
    expect(message.text).toContain("3 famiglie a Duomo");
    expect(message.text).toContain(`/groups/${groupId}`);

    // The family's page words it too, with nobody's address and others by first name and initial.
    const page = await getGroupPage(ctx.db, families[0]!, groupId);
    expect(page!.members.map((m) => m.label).sort()).toEqual(["Anna R.", "Bruno V.", "Carla N."]);
    expect(JSON.stringify(page)).not.toContain("Via Padova");
    expect(page!.actions).toMatchObject({ accept: true, decline: true, chooseOffer: false, leave: null });
    const mine = await listMyNeeds(ctx.db, families[1]!);
    expect(mine.groups).toEqual([expect.objectContaining({ id: groupId, status: "proposed", memberStatus: "invited", families: 3 })]);
  });

  it("leaves out needs not open to sharing and needs too far apart", async () => {
    const [a, b, c] = [await insertFamily(ctx.db), await insertFamily(ctx.db), await insertFamily(ctx.db)];
    const place = nextPlace();
    const far = { lat: (Number(place.lat) + 0.009).toFixed(5), lng: place.lng }; // about 1 km north
    const closed = await postNeed(ctx.db, a, needForm({ ...place, openToSharing: "no" }));
    const near = await postNeed(ctx.db, b, needForm({ ...place, maxWalk: "300" }));
    const distant = await postNeed(ctx.db, c, needForm({ ...far, maxWalk: "300" }));
    await runAggregation(ctx.db);
    for (const posted of [closed, near, distant]) {
      if (!posted.ok) throw new Error("not posted");
      expect(await ctx.db.selectFrom("shared_group_members").select("group_id").where("need_id", "=", posted.needId).execute()).toEqual([]);
    }
  });
});

describe("answering a proposal", () => {
  it("forms the group once every family accepted, and the members' needs are grouped", async () => {
    const { groupId, families, needIds } = await proposedGroup(3);
    expect(await respondToProposal(ctx.db, families[0]!, { groupId, answer: "accept" })).toBe("accepted");
    expect(await respondToProposal(ctx.db, families[1]!, { groupId, answer: "accept" })).toBe("accepted");
    expect((await groupRow(groupId)).status).toBe("proposed");
    expect(await respondToProposal(ctx.db, families[2]!, { groupId, answer: "accept" })).toBe("formed");
    const group = await groupRow(groupId);
    expect(group.status).toBe("formed");
    expect(group.formed_at).not.toBeNull();
    const needs = await ctx.db.selectFrom("needs").select("status").where("id", "in", needIds).execute();
    expect(needs.every((n) => n.status === "grouped")).toBe(true);
    expect((await transitionsOf(groupId)).map((t) => t.action)).toEqual(["propose", "accept", "accept", "accept", "form"]);
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.formed")).toHaveLength(3);
    // Accepting twice is refused.
    await expect(respondToProposal(ctx.db, families[0]!, { groupId, answer: "accept" })).rejects.toMatchObject({ code: "not_allowed_now" });
  });

  it("a decline removes that family and recomputes the split, summing exactly; who accepted a lower share confirms again; then the group forms at its minimum size", async () => {
    const { groupId, families } = await proposedGroup(3, { persons: ["1", "2", "1"] });
    const before = await membersOf(groupId);
    expect(sum(before.map((m) => m.share_hourly_cents))).toBe(1540);

    await respondToProposal(ctx.db, families[0]!, { groupId, answer: "accept" });
    // The page showed the share; an outdated figure is refused.
    await expect(respondToProposal(ctx.db, families[1]!, { groupId, answer: "accept", expectedShareCents: 1 })).rejects.toMatchObject({ code: "share_changed" });

    expect(await respondToProposal(ctx.db, families[2]!, { groupId, answer: "decline" })).toBe("declined");
    // Who said no sees the group they were in, but no longer who is in it.
    const declinerView = await getGroupPage(ctx.db, families[2]!, groupId);
    expect(declinerView).toMatchObject({ members: [], offers: [], booking: null, me: { status: "declined" } });
    expect(declinerView!.actions).toMatchObject({ accept: false, decline: false, chooseOffer: false, leave: null });
    const after = await membersOf(groupId);
    const staying = after.filter((m) => m.status !== "declined");
    expect(staying).toHaveLength(2);
    // Two families now: 11 € + 20 % = 13,20 €, shared by persons 1 : 2.
    expect((await groupRow(groupId)).hourly_total_cents).toBe(1320);
    expect(staying.map((m) => m.share_hourly_cents)).toEqual(largestRemainderSplit(1320, staying.map((m) => ({ id: m.need_id, weight: m.persons }))));
    expect(sum(staying.map((m) => m.share_hourly_cents))).toBe(1320);
    // The first family accepted 3,85 €; it is now 4,40 €: they are asked again, shown the new figure.
    const first = staying.find((m) => m.family_user_id === families[0]!.id)!;
    expect(first.status).toBe("invited");
    const page = await getGroupPage(ctx.db, families[0]!, groupId);
    expect(page!.me.shareHourlyCents).toBe(first.share_hourly_cents);
    expect(page!.actions.accept).toBe(true);
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.splitChanged").map((e) => e.to).sort()).toEqual(
      [families[0]!.email, families[1]!.email].sort(),
    );

    await respondToProposal(ctx.db, families[1]!, { groupId, answer: "accept", expectedShareCents: staying.find((m) => m.family_user_id === families[1]!.id)!.share_hourly_cents });
    expect((await groupRow(groupId)).status).toBe("proposed");
    expect(await respondToProposal(ctx.db, families[0]!, { groupId, answer: "accept", expectedShareCents: first.share_hourly_cents })).toBe("formed");
    expect((await transitionsOf(groupId)).map((t) => t.action)).toEqual(["propose", "accept", "decline", "reprice", "accept", "accept", "form"]);
  });

  it("dissolves a proposal that falls below its minimum size, and its needs open again", async () => {
    const { groupId, families, needIds } = await proposedGroup(2);
    expect(await respondToProposal(ctx.db, families[0]!, { groupId, answer: "decline" })).toBe("dissolved");
    expect((await groupRow(groupId)).status).toBe("dissolved");
    const members = await membersOf(groupId);
    expect(members.map((m) => m.status).sort()).toEqual(["declined", "declined"]);
    const needs = await ctx.db.selectFrom("needs").select(["id", "status"]).where("id", "in", needIds).execute();
    expect(needs.every((n) => n.status === "open")).toBe(true);
    // The same two needs are never proposed again as the same group.
    await runAggregation(ctx.db);
    expect(await ctx.db.selectFrom("shared_group_members").select("group_id").where("need_id", "=", needIds[1]!).execute()).toHaveLength(1);
  });

  it("withdrawing a need declines its proposal: a two-family proposal is dissolved", async () => {
    const { groupId, families, needIds } = await proposedGroup(2);
    expect(await withdrawNeed(ctx.db, families[0]!, needIds[0]!)).toEqual({ groupId });
    expect((await groupRow(groupId)).status).toBe("dissolved");
    const statuses = await ctx.db.selectFrom("needs").select(["id", "status"]).where("id", "in", needIds).execute();
    expect(Object.fromEntries(statuses.map((n) => [n.id, n.status]))).toEqual({ [needIds[0]!]: "withdrawn", [needIds[1]!]: "open" });
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.dissolved").map((e) => e.to)).toEqual([families[1]!.email]);
  });

  it("counts an invitation unanswered for a week as a no", async () => {
    const { groupId, families } = await proposedGroup(3);
    await respondToProposal(ctx.db, families[0]!, { groupId, answer: "accept" });
    await respondToProposal(ctx.db, families[1]!, { groupId, answer: "accept" });
    const later = new Date(Date.now() + (INVITATION_DAYS + 1) * 86_400_000);
    const result = await runAggregation(ctx.db, { now: later });
    expect(result.housekeeping.invitationsExpired).toBeGreaterThanOrEqual(1);
    const members = await membersOf(groupId);
    expect(members.find((m) => m.family_user_id === families[2]!.id)!.status).toBe("declined");
    // The two who accepted were asked again (their share went up), so the group waits for them.
    expect((await groupRow(groupId)).status).toBe("proposed");
  });
});

describe("providers and formed groups", () => {
  it("a provider sees only the group requests of its categories in the quartieri it serves", async () => {
    const { groupId } = await formedGroup(2);
    const matching = await providerWithOwner();
    const otherCategory = await providerWithOwner({ slug: "colf", cents: 1300 });
    const otherZone = await providerWithOwner({ quartiereId: BRERA });
    const pending = await providerWithOwner({ status: "pending" });

    const seen = await listGroupRequests(ctx.db, matching.owner);
    expect(seen.requests.map((r) => r.groupId)).toContain(groupId);
    const request = seen.requests.find((r) => r.groupId === groupId)!;
    expect(request).toMatchObject({ categorySlug: "babysitter", quartiereName: "Duomo", families: 2, persons: 2, estimatedHourlyCents: 1320 });
    expect(JSON.stringify(request)).not.toContain("Via Padova");
    expect((await listGroupRequests(ctx.db, otherCategory.owner)).requests.map((r) => r.groupId)).not.toContain(groupId);
    expect((await listGroupRequests(ctx.db, otherZone.owner)).requests.map((r) => r.groupId)).not.toContain(groupId);
    expect(await listGroupRequests(ctx.db, pending.owner)).toEqual({ providers: [], waitingForVerification: true, requests: [] });

    // Offering is refused where the group cannot be seen.
    await expect(makeOffer(ctx.db, otherZone.owner, { groupId, providerId: otherZone.providerId, price: "15", message: "" })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(makeOffer(ctx.db, otherZone.owner, { groupId, providerId: matching.providerId, price: "15", message: "" })).rejects.toBeInstanceOf(AuthorisationError);
    const family = await insertFamily(ctx.db);
    await expect(listGroupRequests(ctx.db, family)).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("offer → a member chooses → one booking for the group, and each family's share adds up exactly to its total", async () => {
    const { groupId, families, needIds } = await formedGroup(3, { persons: ["1", "2", "1"], names: ["Anna Rossi", "Bruno Verdi", "Carla Neri"] });
    const provider = await providerWithOwner();
    const invalid = await makeOffer(ctx.db, provider.owner, { groupId, providerId: provider.providerId, price: "-3", message: "" });
    expect(invalid).toEqual({ ok: false, errors: { price: "errors.priceInvalid" } });
    expect(await makeOffer(ctx.db, provider.owner, { groupId, providerId: provider.providerId, price: "16,70", message: "Posso dal lunedì al venerdì." })).toEqual({ ok: true });
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.offer")).toHaveLength(3);

    const page = await getGroupPage(ctx.db, families[1]!, groupId);
    expect(page!.offers).toEqual([expect.objectContaining({ providerId: provider.providerId, hourlyTotalCents: 1670, status: "open", assignedByOperator: false })]);
    expect(page!.actions.chooseOffer).toBe(true);
    expect(sum(largestRemainderSplit(1670, [{ id: "a", weight: 1 }, { id: "b", weight: 2 }, { id: "c", weight: 1 }]))).toBe(1670);

    const firstDate = addDays(today(), 21);
    const lastDate = addDays(today(), 80);
    const wrongDates = await chooseOffer(ctx.db, families[0]!, { groupId, offerId: page!.offers[0]!.id, firstDate: lastDate, lastDate: firstDate });
    expect(wrongDates).toEqual({ ok: false, errors: { lastDate: "errors.schedule.date_order" } });
    const chosen = await chooseOffer(ctx.db, families[0]!, { groupId, offerId: page!.offers[0]!.id, firstDate, lastDate }, { canPayOnline: async () => true });
    expect(chosen).toMatchObject({ ok: true });
    if (!chosen?.ok) return;

    const booking = await ctx.db.selectFrom("bookings").selectAll().where("id", "=", chosen.bookingId).executeTakeFirstOrThrow();
    expect(booking).toMatchObject({
      shared_group_id: groupId,
      provider_id: provider.providerId,
      family_user_id: families[0]!.id,
      status: "accepted",
      payment_mode: "online",
      hourly_price_cents: 1670,
      weekdays: [1, 2, 3, 4, 5],
      start_minute: 990,
      end_minute: 1110,
      first_date: firstDate,
      last_date: lastDate,
      quartiere_id: DUOMO,
      kind: "recurring",
    });
    const transitions = await ctx.db.selectFrom("booking_transitions").select(["from_status", "to_status", "action", "actor_role"]).where("booking_id", "=", booking.id).orderBy("id").execute();
    expect(transitions).toEqual([
      { from_status: null, to_status: "requested", action: "request", actor_role: "family" },
      { from_status: "requested", to_status: "accepted", action: "accept", actor_role: "provider" },
    ]);
    const group = await groupRow(groupId);
    expect(group).toMatchObject({ status: "booked", booking_id: booking.id, provider_id: provider.providerId });
    expect((await ctx.db.selectFrom("shared_group_offers").select("status").where("group_id", "=", groupId).execute()).map((o) => o.status)).toEqual(["chosen"]);
    expect((await ctx.db.selectFrom("needs").select("status").where("id", "in", needIds).execute()).every((n) => n.status === "fulfilled")).toBe(true);

    const amounts = await Promise.all(families.map((f) => amountDueFor(ctx.db, { bookingId: booking.id, userId: f.id })));
    expect(amounts.every((a) => typeof a === "number" && a > 0)).toBe(true);
    expect(sum(amounts as number[])).toBe(booking.total_cents);
    // By persons: the family with two children pays twice (±1 cent).
    expect(Math.abs(amounts[1]! - 2 * amounts[0]!)).toBeLessThanOrEqual(2);
    expect(await amountDueFor(ctx.db, { bookingId: booking.id, userId: provider.owner.id })).toBeNull();
    expect(await amountDueFor(ctx.db, { bookingId: "nonsense", userId: families[0]!.id })).toBeNull();

    // Each family sees its own share on the group page, and the others' add up to the total.
    for (const [i, family] of families.entries()) {
      const view = await getGroupPage(ctx.db, family, groupId);
      expect(view!.booking).toMatchObject({ id: booking.id, totalCents: booking.total_cents, myAmountCents: amounts[i], chosenByMe: i === 0 });
      expect(sum(view!.booking!.shares.map((s) => s.amountCents))).toBe(booking.total_cents);
    }
    const emails = await queuedEmails(ctx.db);
    expect(emails.filter((e) => e.template.key === "emails.booked").map((e) => e.to).sort()).toEqual(families.map((f) => f.email).sort());
    expect(emails.filter((e) => e.template.key === "emails.bookedProvider").map((e) => e.to)).toEqual([provider.owner.email]);
    // Choosing again is refused: the group has booked.
    await expect(chooseOffer(ctx.db, families[1]!, { groupId, offerId: page!.offers[0]!.id, firstDate, lastDate })).rejects.toMatchObject({ code: "not_allowed_now" });
  });

  it("each family pays only its own share, and the booking is confirmed when the last share is paid", async () => {
    const { groupId, families } = await formedGroup(3);
    const provider = await providerWithOwner();
    await makeOffer(ctx.db, provider.owner, { groupId, providerId: provider.providerId, price: "15", message: "" });
    const offerId = (await getGroupPage(ctx.db, families[0]!, groupId))!.offers[0]!.id;
    const chosen = await chooseOffer(ctx.db, families[0]!, { groupId, offerId, firstDate: addDays(today(), 14), lastDate: addDays(today(), 42) }, { canPayOnline: async () => true });
    if (!chosen?.ok) throw new Error("not booked");
    const bookingId = chosen.bookingId;
    const dues = (await Promise.all(families.map((f) => amountDueFor(ctx.db, { bookingId, userId: f.id })))) as number[];

    // Each family holds a municipal voucher covering its share, so no card is involved.
    for (const family of families) {
      await ctx.db
        .insertInto("vouchers")
        .values({ family_user_id: family.id, programme: "Test", budget_cents: 1_000_000, balance_cents: 1_000_000, expires_on: addDays(today(), 365) })
        .execute();
    }
    // Someone outside the group cannot pay (or see) it.
    const outsider = await insertFamily(ctx.db);
    await expect(startCheckout(ctx.db, outsider, bookingId, { config: null, siteUrl: "http://localhost" })).rejects.toBeInstanceOf(AuthorisationError);

    for (const [i, family] of families.entries()) {
      expect(await startCheckout(ctx.db, family, bookingId, { config: null, siteUrl: "http://localhost" })).toMatchObject({ kind: "paid" });
      const status = (await ctx.db.selectFrom("bookings").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow()).status;
      expect(status).toBe(i < families.length - 1 ? "accepted" : "confirmed");
    }
    const payments = await ctx.db.selectFrom("payments").select(["payer_user_id", "amount_cents", "status"]).where("booking_id", "=", bookingId).execute();
    expect(payments.map((p) => [p.payer_user_id, p.amount_cents, p.status]).sort()).toEqual(families.map((f, i) => [f.id, dues[i], "paid"]).sort());
    expect(sum(payments.map((p) => p.amount_cents))).toBe((await ctx.db.selectFrom("bookings").select("total_cents").where("id", "=", bookingId).executeTakeFirstOrThrow()).total_cents);
  });

  it("leaving with notice recomputes the split for those who stay; the leaver still pays their share of what was booked", async () => {
    const { groupId, families } = await formedGroup(3);
    const provider = await providerWithOwner();
    await makeOffer(ctx.db, provider.owner, { groupId, providerId: provider.providerId, price: "15", message: "" });
    const offerId = (await getGroupPage(ctx.db, families[0]!, groupId))!.offers[0]!.id;
    const chosen = await chooseOffer(ctx.db, families[0]!, { groupId, offerId, firstDate: addDays(today(), 14), lastDate: addDays(today(), 60) });
    if (!chosen?.ok) throw new Error("not booked");
    const total = (await ctx.db.selectFrom("bookings").select("total_cents").where("id", "=", chosen.bookingId).executeTakeFirstOrThrow()).total_cents;
    const dueBefore = await Promise.all(families.map((f) => amountDueFor(ctx.db, { bookingId: chosen.bookingId, userId: f.id })));

    const preview = (await getGroupPage(ctx.db, families[2]!, groupId))!.actions.leave!;
    expect(preview).toMatchObject({ leavesOn: addDays(today(), 14), dissolves: false, hourlyTotalCents: 1500 });
    expect(preview.newShares.map((s) => s.hourlyCents)).toEqual([750, 750]);

    expect(await leaveGroup(ctx.db, families[2]!, { groupId })).toEqual({ outcome: "notice", leavesOn: addDays(today(), 14) });
    const members = await membersOf(groupId);
    const leaver = members.find((m) => m.family_user_id === families[2]!.id)!;
    expect(leaver).toMatchObject({ status: "accepted", leaves_on: addDays(today(), 14) });
    const staying = members.filter((m) => m.family_user_id !== families[2]!.id);
    expect(staying.map((m) => m.share_hourly_cents)).toEqual([750, 750]);
    expect((await groupRow(groupId)).status).toBe("booked");
    const dueAfter = await Promise.all(families.map((f) => amountDueFor(ctx.db, { bookingId: chosen.bookingId, userId: f.id })));
    expect(dueAfter).toEqual(dueBefore);
    expect(sum(dueAfter as number[])).toBe(total);
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.leaving").map((e) => e.to).sort()).toEqual([families[0]!.email, families[1]!.email].sort());
    await expect(leaveGroup(ctx.db, families[2]!, { groupId })).rejects.toMatchObject({ code: "already_left" });

    // When the notice runs out the family is no longer in the group; the shares of the booking do not move.
    await runAggregation(ctx.db, { now: new Date(Date.now() + 15 * 86_400_000) });
    expect((await membersOf(groupId)).find((m) => m.family_user_id === families[2]!.id)!.status).toBe("left");
    expect(sum((await bookingShares(ctx.db, chosen.bookingId)).map((s) => s.amountCents))).toBe(total);
  });

  it("leaving below the minimum size dissolves the group and cancels its booking", async () => {
    const { groupId, families, needIds } = await formedGroup(2);
    const provider = await providerWithOwner();
    await makeOffer(ctx.db, provider.owner, { groupId, providerId: provider.providerId, price: "14", message: "" });
    const offerId = (await getGroupPage(ctx.db, families[0]!, groupId))!.offers[0]!.id;
    const chosen = await chooseOffer(ctx.db, families[1]!, { groupId, offerId, firstDate: addDays(today(), 10), lastDate: addDays(today(), 40) });
    if (!chosen?.ok) throw new Error("not booked");

    expect((await getGroupPage(ctx.db, families[0]!, groupId))!.actions.leave).toMatchObject({ dissolves: true, newShares: [] });
    expect((await leaveGroup(ctx.db, families[0]!, { groupId }))!.outcome).toBe("dissolved");
    expect((await groupRow(groupId)).status).toBe("dissolved");
    const booking = await ctx.db.selectFrom("bookings").select("status").where("id", "=", chosen.bookingId).executeTakeFirstOrThrow();
    expect(booking.status).toBe("cancelled");
    const last = await ctx.db.selectFrom("booking_transitions").selectAll().where("booking_id", "=", chosen.bookingId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "cancel", actor_role: "family", actor_user_id: families[0]!.id });
    const needs = await ctx.db.selectFrom("needs").select(["id", "status"]).where("id", "in", needIds).execute();
    expect(Object.fromEntries(needs.map((n) => [n.id, n.status]))).toEqual({ [needIds[0]!]: "withdrawn", [needIds[1]!]: "open" });
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.dissolved").map((e) => e.to)).toEqual([families[1]!.email]);
  });

  it("leaving a group not yet booked is immediate", async () => {
    const { groupId, families } = await formedGroup(3);
    expect(await leaveGroup(ctx.db, families[0]!, { groupId })).toEqual({ outcome: "left", leavesOn: today() });
    const members = await membersOf(groupId);
    expect(members.find((m) => m.family_user_id === families[0]!.id)!.status).toBe("left");
    expect(sum(members.filter((m) => m.status === "accepted").map((m) => m.share_hourly_cents))).toBe(1320);
    expect((await groupRow(groupId)).status).toBe("formed");
  });
});

describe("operators", () => {
  it("an operator of the quartiere assigns a matching provider (audit-logged); the members still choose", async () => {
    const { groupId, families } = await formedGroup(2);
    const provider = await providerWithOwner();
    const colf = await providerWithOwner({ slug: "colf", cents: 1300 });
    const page = await getOperatorGroupPage(ctx.db, operatorDuomo, groupId);
    expect(page!.candidates.map((c) => c.id)).toContain(provider.providerId);
    expect(page!.candidates.map((c) => c.id)).not.toContain(colf.providerId);

    const refused = await assignProvider(ctx.db, operatorDuomo, { groupId, providerId: colf.providerId, price: "15", message: "" });
    expect(refused).toEqual({ ok: false, errors: { providerId: "errors.providerNotMatching" } });
    expect(await assignProvider(ctx.db, operatorDuomo, { groupId, providerId: provider.providerId, price: "15", message: "Concordato in sportello" })).toEqual({ ok: true });
    expect((await groupRow(groupId)).provider_id).toBe(provider.providerId);
    expect(await auditTrail(ctx.db, "shared_group", groupId)).toEqual([
      expect.objectContaining({ actor_user_id: operatorDuomo.id, action: "shared_group.assign_provider", details: { providerId: provider.providerId, hourlyTotalCents: 1500 } }),
    ]);
    const view = await getGroupPage(ctx.db, families[0]!, groupId);
    expect(view!.offers).toEqual([expect.objectContaining({ providerId: provider.providerId, assignedByOperator: true, hourlyTotalCents: 1500 })]);

    await expect(assignProvider(ctx.db, operatorBrera, { groupId, providerId: provider.providerId, price: "15", message: "" })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(getOperatorGroupPage(ctx.db, operatorBrera, groupId)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await getOperatorGroupPage(ctx.db, admin, groupId)).not.toBeNull();
  });

  it("someone signed up at the hub desk is grouped too; the operator answers for them", async () => {
    const family = await insertFamily(ctx.db, "Dora Bassi");
    const place = nextPlace();
    const mine = await postNeed(ctx.db, family, needForm(place));
    const theirs = await postNeedOnBehalf(ctx.db, operatorDuomo, { ...needForm(place), onBehalfOf: "Elena Gialli", contactNote: "Passa il martedì" });
    if (!mine.ok || !theirs.ok) throw new Error("not posted");
    await runAggregation(ctx.db);
    const { group_id: groupId } = await ctx.db.selectFrom("shared_group_members").select("group_id").where("need_id", "=", theirs.needId).executeTakeFirstOrThrow();
    expect((await queuedEmails(ctx.db)).filter((e) => e.template.key === "emails.proposalOnBehalf").map((e) => e.to)).toEqual([operatorDuomo.email]);

    const familyView = await getGroupPage(ctx.db, family, groupId);
    expect(familyView!.members.map((m) => m.label).sort()).toEqual(["Dora B.", "Elena G."]);
    const operatorView = await getOperatorGroupPage(ctx.db, operatorDuomo, groupId);
    expect(operatorView!.members.find((m) => m.onBehalf)).toMatchObject({ label: "Elena Gialli", onBehalf: { contactNote: "Passa il martedì" } });

    await expect(respondOnBehalf(ctx.db, operatorBrera, { groupId, needId: theirs.needId, answer: "accept" })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(respondOnBehalf(ctx.db, operatorDuomo, { groupId, needId: mine.needId, answer: "accept" })).rejects.toMatchObject({ code: "not_found" });
    await respondToProposal(ctx.db, family, { groupId, answer: "accept" });
    expect(await respondOnBehalf(ctx.db, operatorDuomo, { groupId, needId: theirs.needId, answer: "accept" })).toBe("formed");
    expect((await auditTrail(ctx.db, "shared_group", groupId)).map((a) => a.action)).toEqual(["shared_group.accept_on_behalf"]);
  });
});

describe("authorisation", () => {
  it("another family can neither see nor act on a group", async () => {
    const { groupId, families } = await formedGroup(2);
    const stranger = await insertFamily(ctx.db);
    await expect(getGroupPage(ctx.db, stranger, groupId)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(respondToProposal(ctx.db, stranger, { groupId, answer: "decline" })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(leaveGroup(ctx.db, stranger, { groupId })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(chooseOffer(ctx.db, stranger, { groupId, offerId: "00000000-0000-0000-0000-000000000000", firstDate: "2099-01-01", lastDate: "2099-02-01" })).rejects.toBeInstanceOf(
      AuthorisationError,
    );
    // Nor does an operator or a provider get in through the family's page.
    await expect(getGroupPage(ctx.db, operatorDuomo, groupId)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await getGroupPage(ctx.db, families[0]!, "00000000-0000-0000-0000-000000000000")).toBeNull();
    expect((await groupRow(groupId)).status).toBe("formed");
  });
});
