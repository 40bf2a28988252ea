import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { acceptBooking } from "../../app/domain/bookings/accept-booking.server";
import { getBookingDetail } from "../../app/domain/bookings/booking-detail.server";
import { BookingError } from "../../app/domain/bookings/booking-errors";
import { cancelBooking } from "../../app/domain/bookings/cancel-booking.server";
import { confirmPayingDirectly } from "../../app/domain/bookings/confirm-direct-payment.server";
import { makeCounterOffer } from "../../app/domain/bookings/counter-offer.server";
import { declineBooking } from "../../app/domain/bookings/decline-booking.server";
import { listMyBookings } from "../../app/domain/bookings/my-bookings.server";
import { completeBooking, startBooking } from "../../app/domain/bookings/progress-booking.server";
import { acceptCounterOffer, declineCounterOffer } from "../../app/domain/bookings/respond-to-offer.server";
import { addDays } from "../../app/domain/bookings/schedule";
import { upcomingSessions } from "../../app/domain/bookings/calendar.server";
import { insertUser } from "../support/booking-fixtures";
import {
  bookingEmails,
  bookingRow,
  insertBookableProvider,
  milan,
  newFamily,
  requestOk,
  transitionsOf,
  weeklyRequest,
  type TestProvider,
} from "../support/bookings-helpers";
import { runQueuedJobs } from "../support/jobs";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let provider: TestProvider;
let otherProvider: TestProvider;
let family: CurrentUser;
let otherFamily: CurrentUser;
let operator: CurrentUser;

beforeAll(async () => {
  ctx = await createTestContext();
  provider = await insertBookableProvider(ctx.db, { displayName: "Maria Rossi" });
  otherProvider = await insertBookableProvider(ctx.db);
  family = await newFamily(ctx.db, "Famiglia Verdi");
  otherFamily = await newFamily(ctx.db);
  operator = await insertUser(ctx.db, { roles: ["operator"], quartieri: [1, 2] });
});
afterAll(async () => {
  await ctx?.cleanup();
});

const offerRaw = (raw: ReturnType<typeof weeklyRequest>) => ({ ...raw, startTime: "17:00", endTime: "19:00", price: "13,50", note: "Posso dalle 17" });

describe("a booking from request to completion", () => {
  it("goes request → counter-offer → offer accepted → confirmed paying directly → started → completed, every step recorded and announced", async () => {
    const raw = weeklyRequest();
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);

    const offer = await makeCounterOffer(ctx.db, provider.owner, { bookingId, raw: offerRaw(raw), paymentMode: "direct" });
    expect(offer.ok).toBe(true);
    const offerId = offer.ok ? offer.offerId : "";
    // The family sees the proposal with its own price.
    const seen = await getBookingDetail(ctx.db, family, bookingId);
    expect(seen?.openOffer).toMatchObject({ id: offerId, note: "Posso dalle 17", price: { sessions: 8, minutesPerSession: 120, hourlyPriceCents: 1350, totalCents: 21_600 } });
    expect(seen?.actions).toMatchObject({ acceptOffer: true, declineOffer: true, accept: null });

    await acceptCounterOffer(ctx.db, family, { bookingId, offerId });
    const accepted = await bookingRow(ctx.db, bookingId);
    expect(accepted).toMatchObject({ status: "accepted", start_minute: 1020, end_minute: 1140, hourly_price_cents: 1350, total_cents: 21_600, payment_mode: "direct" });
    const offerRow = await ctx.db.selectFrom("booking_counter_offers").select(["resolution", "resolved_at"]).where("id", "=", offerId).executeTakeFirstOrThrow();
    expect(offerRow.resolution).toBe("accepted");
    // Not yet confirmed: the contact details stay hidden.
    expect((await getBookingDetail(ctx.db, provider.owner, bookingId))?.contact).toBeNull();

    await confirmPayingDirectly(ctx.db, family, { bookingId });
    const detail = await getBookingDetail(ctx.db, provider.owner, bookingId);
    expect(detail?.status).toBe("confirmed");
    expect(detail?.contact).toEqual({ address: "Via Solferino 12, Milano", phone: "+39 333 123 4567", emails: [family.email] });

    // Both calendars show the sessions (17:00–19:00 on Mondays and Wednesdays).
    const now = new Date(milan(raw.firstDate, 0).getTime() - 86_400_000);
    for (const person of [family, provider.owner]) {
      const calendar = await upcomingSessions(ctx.db, person, { now, weeks: 8 });
      expect(calendar.days.map((d) => d.date)).toEqual([0, 2, 7, 9, 14, 16, 21, 23].map((n) => addDays(raw.firstDate, n)));
      expect(calendar.days[0]!.sessions[0]).toMatchObject({ bookingId, startMinute: 1020, endMinute: 1140, status: "confirmed" });
    }

    await expect(startBooking(ctx.db, provider.owner, { bookingId }, { now })).rejects.toMatchObject({ code: "too_early" });
    const duringFirst = milan(raw.firstDate, 1020, 30);
    await startBooking(ctx.db, provider.owner, { bookingId }, { now: duringFirst });
    await completeBooking(ctx.db, provider.owner, { bookingId }, { now: milan(raw.lastDate, 1140) });

    expect(await transitionsOf(ctx.db, bookingId)).toEqual([
      { from_status: null, to_status: "requested", action: "request", actor_role: "family", actor_user_id: family.id, note: null },
      { from_status: "requested", to_status: "counter_offered", action: "counterOffer", actor_role: "provider", actor_user_id: provider.owner.id, note: "Posso dalle 17" },
      { from_status: "counter_offered", to_status: "accepted", action: "acceptOffer", actor_role: "family", actor_user_id: family.id, note: null },
      { from_status: "accepted", to_status: "confirmed", action: "confirm", actor_role: "family", actor_user_id: family.id, note: null },
      { from_status: "confirmed", to_status: "in_progress", action: "start", actor_role: "provider", actor_user_id: provider.owner.id, note: null },
      { from_status: "in_progress", to_status: "completed", action: "complete", actor_role: "provider", actor_user_id: provider.owner.id, note: null },
    ]);
    expect((await bookingEmails(ctx.db, bookingId)).map((e) => [e.key, e.to])).toEqual([
      ["requested", provider.owner.email],
      ["counterOffered", family.email],
      ["offerAccepted", provider.owner.email],
      ["confirmedDirect", provider.owner.email],
      ["started", family.email],
      ["completed", family.email],
    ]);
    // The counter-offer e-mail names the proposed terms, not the asked ones.
    expect((await bookingEmails(ctx.db, bookingId))[1]!.params.schedule).toContain("17:00–19:00");
    await runQueuedJobs(ctx);

    const mine = await listMyBookings(ctx.db, family);
    expect(mine.past.map((b) => b.id)).toContain(bookingId);
  });

  it("supersedes an older open counter-offer and refuses an answer to the old one", async () => {
    const raw = weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 35), lastDate: addDays(weeklyRequest().firstDate, 48) });
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
    const first = await makeCounterOffer(ctx.db, provider.owner, { bookingId, raw: offerRaw(raw), paymentMode: "direct" });
    const second = await makeCounterOffer(ctx.db, provider.owner, { bookingId, raw: { ...offerRaw(raw), price: "14" }, paymentMode: "direct" });
    const offers = await ctx.db.selectFrom("booking_counter_offers").select(["id", "resolution"]).where("booking_id", "=", bookingId).orderBy("created_at").execute();
    expect(offers).toEqual([
      { id: first.ok ? first.offerId : "", resolution: "superseded" },
      { id: second.ok ? second.offerId : "", resolution: null },
    ]);
    await expect(acceptCounterOffer(ctx.db, family, { bookingId, offerId: first.ok ? first.offerId : "" })).rejects.toMatchObject({ code: "offer_changed" });
    await declineCounterOffer(ctx.db, family, { bookingId, offerId: second.ok ? second.offerId : "", reason: "Troppo tardi per noi" });
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("declined");
  });

  it("lets the provider decline with a reason, which the family reads", async () => {
    const raw = weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 63), lastDate: addDays(weeklyRequest().firstDate, 70) });
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
    await declineBooking(ctx.db, provider.owner, { bookingId, reason: "Quel mese sono in ferie" });
    expect((await transitionsOf(ctx.db, bookingId)).at(-1)).toMatchObject({ action: "decline", to_status: "declined", note: "Quel mese sono in ferie" });
    const email = (await bookingEmails(ctx.db, bookingId)).at(-1);
    expect(email).toMatchObject({ to: family.email, key: "declined" });
    expect(email!.params.note).toContain("Quel mese sono in ferie");
  });

  it("offers online payment only when the payments module says the provider can take it", async () => {
    const raw = weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 91), lastDate: addDays(weeklyRequest().firstDate, 98) });
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
    expect((await getBookingDetail(ctx.db, provider.owner, bookingId))?.actions.accept).toEqual({ onlinePossible: false });
    await expect(acceptBooking(ctx.db, provider.owner, { bookingId, paymentMode: "online" })).rejects.toMatchObject({ code: "online_unavailable" });
    await acceptBooking(ctx.db, provider.owner, { bookingId, paymentMode: "online" }, { canPayOnline: async () => true });
    // Online: the family pays (payments module), it cannot just confirm.
    await expect(confirmPayingDirectly(ctx.db, family, { bookingId })).rejects.toMatchObject({ code: "pays_online" });
    expect((await getBookingDetail(ctx.db, family, bookingId))?.actions).toMatchObject({ pay: true, confirmDirect: false });
  });
});

describe("who may act on a booking", () => {
  it("refuses another family, another provider and an operator, whatever they try", async () => {
    const raw = weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 119), lastDate: addDays(weeklyRequest().firstDate, 126) });
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
    const strangers = [otherFamily, otherProvider.owner, operator];
    for (const stranger of strangers) {
      await expect(getBookingDetail(ctx.db, stranger, bookingId)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(acceptBooking(ctx.db, stranger, { bookingId, paymentMode: "direct" })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(declineBooking(ctx.db, stranger, { bookingId, reason: "no" })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(makeCounterOffer(ctx.db, stranger, { bookingId, raw: offerRaw(raw), paymentMode: "direct" })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(cancelBooking(ctx.db, stranger, { bookingId, reason: "", expectedRefundCents: 0 })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(confirmPayingDirectly(ctx.db, stranger, { bookingId })).rejects.toBeInstanceOf(AuthorisationError);
      expect((await listMyBookings(ctx.db, stranger)).needsAnswer.map((b) => b.id)).not.toContain(bookingId);
    }
    // Each side is also refused the other side's moves.
    await expect(acceptBooking(ctx.db, family, { bookingId, paymentMode: "direct" })).rejects.toBeInstanceOf(AuthorisationError);
    await makeCounterOffer(ctx.db, provider.owner, { bookingId, raw: offerRaw(raw), paymentMode: "direct" });
    const offerId = (await getBookingDetail(ctx.db, family, bookingId))!.openOffer!.id;
    await expect(acceptCounterOffer(ctx.db, provider.owner, { bookingId, offerId })).rejects.toBeInstanceOf(AuthorisationError);
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("counter_offered");
    expect((await transitionsOf(ctx.db, bookingId)).map((t) => t.action)).toEqual(["request", "counterOffer"]);
  });

  it("lets a manager of the provider's organisation act for its worker", async () => {
    const organisation = await insertBookableProvider(ctx.db, { kind: "organisation" });
    const worker = await insertBookableProvider(ctx.db);
    await ctx.db.updateTable("providers").set({ organisation_id: organisation.providerId }).where("id", "=", worker.providerId).execute();
    const raw = weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 140), lastDate: addDays(weeklyRequest().firstDate, 147) });
    const bookingId = await requestOk(ctx.db, family, worker.providerId, raw);
    await acceptBooking(ctx.db, organisation.owner, { bookingId, paymentMode: "direct" });
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("accepted");
    // Both the worker and the organisation's owner hear about the request.
    expect((await bookingEmails(ctx.db, bookingId)).filter((e) => e.key === "requested").map((e) => e.to).sort()).toEqual([organisation.owner.email, worker.owner.email].sort());
  });

  it("gives a not-found answer for an unknown booking, not an authorisation error", async () => {
    expect(await getBookingDetail(ctx.db, otherFamily, "00000000-0000-4000-8000-000000000000")).toBeNull();
    await expect(acceptBooking(ctx.db, provider.owner, { bookingId: "nonsense", paymentMode: "direct" })).rejects.toBeInstanceOf(BookingError);
  });
});
