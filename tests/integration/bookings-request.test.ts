import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { acceptBooking } from "../../app/domain/bookings/accept-booking.server";
import { loadRequestForm, requestBooking } from "../../app/domain/bookings/request-booking.server";
import { addDays } from "../../app/domain/bookings/schedule";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { insertUser } from "../support/booking-fixtures";
import {
  bookingEmails,
  bookingRow,
  insertBookableProvider,
  newFamily,
  nextWeekday,
  requestOk,
  transitionsOf,
  weeklyRequest,
  type TestProvider,
} from "../support/bookings-helpers";
import { runQueuedJobs } from "../support/jobs";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let provider: TestProvider;
let family: CurrentUser;

beforeAll(async () => {
  ctx = await createTestContext();
  provider = await insertBookableProvider(ctx.db, {
    // Mon and Wed afternoons; Tuesday mornings only; nothing on Thursday.
    slots: [
      [1, "15:00", "19:00"],
      [2, "09:00", "13:00"],
      [3, "15:00", "19:00"],
    ],
    services: [
      { slug: "babysitter", cents: 1250 },
      { slug: "doposcuola", cents: 1500 },
    ],
  });
  family = await newFamily(ctx.db, "Famiglia Bianchi");
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("asking a provider for a service", () => {
  it("stores the request, its first transition, the thread with the first message, and e-mails the provider", async () => {
    const raw = weeklyRequest({ category: "doposcuola" });
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);

    const booking = await bookingRow(ctx.db, bookingId);
    expect(booking).toMatchObject({
      status: "requested",
      kind: "recurring",
      family_user_id: family.id,
      weekdays: [1, 3],
      start_minute: 990,
      end_minute: 1110,
      first_date: raw.firstDate,
      last_date: raw.lastDate,
      hourly_price_cents: 1500,
      // 4 weeks × Mon + Wed = 8 sessions × 2 h × €15 = €240
      total_cents: 24_000,
      quartiere_id: 2,
      address: "Via Solferino 12, Milano",
      contact_phone: "+39 333 123 4567",
      payment_mode: null,
    });
    expect(await transitionsOf(ctx.db, bookingId)).toEqual([
      { from_status: null, to_status: "requested", action: "request", actor_role: "family", actor_user_id: family.id, note: null },
    ]);
    const thread = await ctx.db.selectFrom("message_threads").selectAll().where("booking_id", "=", bookingId).executeTakeFirstOrThrow();
    const messages = await ctx.db.selectFrom("messages").select(["sender_user_id", "body"]).where("thread_id", "=", thread.id).execute();
    expect(messages).toEqual([{ sender_user_id: family.id, body: raw.message }]);

    const emails = await bookingEmails(ctx.db, bookingId);
    expect(emails.map((e) => [e.to, e.key])).toEqual([[provider.owner.email, "requested"]]);
    expect(emails[0]!.params).toMatchObject({ familyName: "Famiglia Bianchi", category: "Doposcuola", total: expect.stringContaining("240") });
    // The queued e-mail renders and goes out.
    await runQueuedJobs(ctx);
  });

  it("explains each weekday outside the provider's hours and stores nothing", async () => {
    const before = await ctx.db.selectFrom("bookings").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const result = await requestBooking(ctx.db, family, {
      providerId: provider.providerId,
      raw: weeklyRequest({ weekdays: ["1", "2", "4"] }),
    });
    expect(result).toEqual({
      ok: false,
      errors: { _form: "errors.conflicts" },
      conflicts: [
        { kind: "outside_availability", weekday: 2, startMinute: 990, endMinute: 1110, available: [{ start: 540, end: 780 }] },
        { kind: "outside_availability", weekday: 4, startMinute: 990, endMinute: 1110, available: [] },
      ],
    });
    const after = await ctx.db.selectFrom("bookings").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("explains the clash and the other wrong fields in the same answer", async () => {
    const result = await requestBooking(ctx.db, family, {
      providerId: provider.providerId,
      raw: weeklyRequest({ weekdays: ["4"], message: "", address: "" }),
    });
    expect(result).toEqual({
      ok: false,
      errors: { _form: "errors.conflicts", address: "errors.addressRequired", message: "errors.messageRequired" },
      conflicts: [{ kind: "outside_availability", weekday: 4, startMinute: 990, endMinute: 1110, available: [] }],
    });
  });

  it("explains a clash with a booking that already holds the provider's time", async () => {
    const other = await newFamily(ctx.db);
    const monday = nextWeekday(1, 70);
    const held = await requestOk(ctx.db, other, provider.providerId, weeklyRequest({ kind: "one_off", date: monday, startTime: "17:00", endTime: "19:00" }));
    await acceptBooking(ctx.db, provider.owner, { bookingId: held, paymentMode: "direct" });

    const result = await requestBooking(ctx.db, family, {
      providerId: provider.providerId,
      raw: weeklyRequest({ firstDate: addDays(monday, -7), lastDate: addDays(monday, 14) }),
    });
    expect(result).toMatchObject({
      ok: false,
      conflicts: [{ kind: "overlaps_booking", weekday: 1, startMinute: 990, endMinute: 1110, busy: [{ start: 1020, end: 1140 }], firstClash: monday, clashCount: 1 }],
    });
  });

  it("refuses a category the provider does not offer, with the field named", async () => {
    const result = await requestBooking(ctx.db, family, { providerId: provider.providerId, raw: weeklyRequest({ category: "badante" }) });
    expect(result).toEqual({ ok: false, errors: { category: "errors.categoryNotOffered" }, conflicts: [] });
  });

  it("lets only a family ask, never for a provider profile they act for", async () => {
    await expect(requestBooking(ctx.db, provider.owner, { providerId: provider.providerId, raw: weeklyRequest() })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(loadRequestForm(ctx.db, provider.owner, provider.providerId)).rejects.toBeInstanceOf(AuthorisationError);
    // A family account that is also on the provider's side cannot book its own profile.
    const both = await insertUser(ctx.db, { roles: ["family", "provider"] });
    await ctx.db.insertInto("provider_members").values({ provider_id: provider.providerId, user_id: both.id, member_role: "manager" }).execute();
    await expect(requestBooking(ctx.db, both, { providerId: provider.providerId, raw: weeklyRequest() })).rejects.toBeInstanceOf(AuthorisationError);
    const operator = await insertUser(ctx.db, { roles: ["operator"], quartieri: [1] });
    await expect(requestBooking(ctx.db, operator, { providerId: provider.providerId, raw: weeklyRequest() })).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("finds no request form for a provider the public cannot see", async () => {
    const suspended = await insertBookableProvider(ctx.db, { status: "suspended" });
    const inactive = await insertBookableProvider(ctx.db, { active: false });
    for (const hidden of [suspended, inactive]) {
      expect(await loadRequestForm(ctx.db, family, hidden.providerId)).toBeNull();
      expect(await requestBooking(ctx.db, family, { providerId: hidden.providerId, raw: weeklyRequest() })).toBeNull();
    }
    expect(await loadRequestForm(ctx.db, family, "not-a-uuid")).toBeNull();
  });

  it("a request sent while the same person's account is being erased waits for the erasure, then is refused and stores nothing", async () => {
    const leaving = await newFamily(ctx.db, "Famiglia In Partenza");
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, leaving.id, () =>
      requestBooking(ctx.db, leaving, { providerId: provider.providerId, raw: weeklyRequest({ category: "babysitter" }) }),
    );
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    const stored = await ctx.db.selectFrom("bookings").select("id").where("family_user_id", "=", leaving.id).execute();
    expect(stored).toEqual([]);
  });
});
