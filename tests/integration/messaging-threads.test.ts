import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError } from "../../app/domain/accounts/current-user";
import { isMessagingError } from "../../app/domain/messaging/messaging-errors";
import { MESSAGE_RATE_LIMIT } from "../../app/domain/messaging/message-rate-limit.server";
import { readReportedThread } from "../../app/domain/messaging/read-reported-thread.server";
import { reportThread } from "../../app/domain/messaging/report-thread.server";
import { listReportedThreads } from "../../app/domain/messaging/reported-threads.server";
import { sendMessage } from "../../app/domain/messaging/send-message.server";
import { unreadCountsForUser, unreadTotalForUser } from "../../app/domain/messaging/unread.server";
import { viewThread } from "../../app/domain/messaging/view-thread.server";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { insertUser } from "../support/booking-fixtures";
import { auditRows, insertBookingWithThread, insertCast, queuedEmails, setBookingStatus, type Cast } from "../support/booking-rows";
import { runQueuedJobs } from "../support/jobs";
import { emailsTo } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";
import { inject } from "vitest";
import { isStorableText } from "../../app/utils/storable-text";

let ctx: TestContext;
let cast: Cast;

beforeAll(async () => {
  ctx = await createTestContext();
  cast = await insertCast(ctx.db, { providerName: "Marta Ferri" });
});
afterAll(async () => {
  await ctx?.cleanup();
});

const newBooking = (status: Parameters<typeof insertBookingWithThread>[1]["status"] = "requested", firstMessage = "Buongiorno, cerco aiuto il martedì.") =>
  insertBookingWithThread(ctx.db, { providerId: cast.provider.providerId, familyUserId: cast.family.id, status, firstMessage });

const send = async (...args: Parameters<typeof sendMessage>) => {
  const result = await sendMessage(...args);
  if (!result?.ok) throw new Error(`not sent: ${JSON.stringify(result)}`);
  return result.messageId;
};

describe("a booking's conversation", () => {
  it("lets both parties write and read it, oldest message first, and counts what each has not read", async () => {
    const { bookingId } = await newBooking();
    const provider = cast.provider.owner;

    expect(await unreadCountsForUser(ctx.db, provider.id, [bookingId])).toEqual({ [bookingId]: 1 });
    expect(await unreadCountsForUser(ctx.db, cast.family.id, [bookingId])).toEqual({ [bookingId]: 0 });

    const providerView = await viewThread(ctx.db, provider, bookingId);
    expect(providerView!.party).toBe("provider");
    expect(providerView!.messages.map((m) => m.side)).toEqual(["family"]);
    expect(await unreadCountsForUser(ctx.db, provider.id, [bookingId])).toEqual({ [bookingId]: 0 });

    await send(ctx.db, provider, { bookingId, body: "Certo, il martedì sono libera dalle 16." });
    await send(ctx.db, provider, { bookingId, body: "Mi dica l'età dei bambini." });
    expect(await unreadCountsForUser(ctx.db, cast.family.id, [bookingId])).toEqual({ [bookingId]: 2 });
    const total = await unreadTotalForUser(ctx.db, cast.family.id);
    expect(total).toBeGreaterThanOrEqual(2);
    // The header of the conversation's own page leaves out the conversation it is marking read.
    expect(await unreadTotalForUser(ctx.db, cast.family.id, { exceptBookingId: bookingId })).toBe(total - 2);
    // Writing is reading: the provider has read up to their own messages.
    expect(await unreadCountsForUser(ctx.db, provider.id, [bookingId])).toEqual({ [bookingId]: 0 });

    const familyView = await viewThread(ctx.db, cast.family, bookingId);
    expect(familyView!.messages.map((m) => [m.side, m.mine])).toEqual([
      ["family", true],
      ["provider", false],
      ["provider", false],
    ]);
    expect(familyView!.messages.map((m) => m.parts)).toEqual([
      [{ text: "Buongiorno, cerco aiuto il martedì." }],
      [{ text: "Certo, il martedì sono libera dalle 16." }],
      [{ text: "Mi dica l'età dei bambini." }],
    ]);
    expect(await unreadCountsForUser(ctx.db, cast.family.id, [bookingId])).toEqual({ [bookingId]: 0 });
  });

  it("gives counts only for the person's own bookings", async () => {
    const { bookingId } = await newBooking();
    expect(await unreadCountsForUser(ctx.db, cast.otherFamily.id, [bookingId, "not-a-uuid"])).toEqual({ [bookingId]: 0, "not-a-uuid": 0 });
    expect(await unreadCountsForUser(ctx.db, cast.otherProvider.owner.id, [bookingId])).toEqual({ [bookingId]: 0 });
  });

  it("refuses the other family, another provider, operators and admins, and validates the text", async () => {
    const { bookingId } = await newBooking();
    for (const outsider of [cast.otherFamily, cast.otherProvider.owner, cast.operator, cast.admin]) {
      await expect(viewThread(ctx.db, outsider, bookingId)).rejects.toThrow(AuthorisationError);
      await expect(sendMessage(ctx.db, outsider, { bookingId, body: "Ciao" })).rejects.toThrow(AuthorisationError);
      await expect(reportThread(ctx.db, outsider, { bookingId, reason: "Spam" })).rejects.toThrow(AuthorisationError);
    }
    expect(await viewThread(ctx.db, cast.family, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await sendMessage(ctx.db, cast.family, { bookingId, body: "   " })).toEqual({ ok: false, errors: { body: "errors.bodyRequired" } });
    expect(await sendMessage(ctx.db, cast.family, { bookingId, body: "x".repeat(4001) })).toEqual({ ok: false, errors: { body: "errors.bodyTooLong" } });
    expect(await sendMessage(ctx.db, cast.family, { bookingId, body: "ciao\u0000" })).toEqual({ ok: false, errors: { body: "errors.textInvalid" } });
  });

  it("a message sent while its writer's account is being erased waits for the erasure, then is refused and not kept", async () => {
    const leaving = await insertUser(ctx.db, { roles: ["family"], name: "Famiglia In Partenza" });
    const { bookingId } = await insertBookingWithThread(ctx.db, { providerId: cast.provider.providerId, familyUserId: leaving.id, status: "requested", firstMessage: "Buongiorno." });
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, leaving.id, () => sendMessage(ctx.db, leaving, { bookingId, body: "Un'ultima cosa" }));
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    const bodies = await ctx.db.selectFrom("messages").select("body").where("sender_user_id", "=", leaving.id).execute();
    expect(bodies).toEqual([{ body: "Buongiorno." }]);
  });
});

describe("contact details before and after confirmation", () => {
  it("hides the other party's phone, e-mail and links until the booking is confirmed, and stores them as written", async () => {
    const { bookingId, threadId } = await newBooking("requested", "Mi chiami al 347 123 4567 o scriva a giulia@example.it");
    const body = "Il mio numero è +39 333 765 4321, il sito www.martaferri.it. Alle 16:30 va bene, €12,50 l'ora.";
    await send(ctx.db, cast.provider.owner, { bookingId, body });

    const stored = await ctx.db.selectFrom("messages").select("body").where("thread_id", "=", threadId).orderBy("id").execute();
    expect(stored.map((m) => m.body)).toEqual(["Mi chiami al 347 123 4567 o scriva a giulia@example.it", body]);

    const family = await viewThread(ctx.db, cast.family, bookingId);
    const own = family!.messages[0]!;
    const fromProvider = family!.messages[1]!;
    expect(own.masked).toBe(false);
    expect(fromProvider.masked).toBe(true);
    expect(fromProvider.parts).toEqual([
      { text: "Il mio numero è " },
      { hidden: "phone" },
      { text: ", il sito " },
      { hidden: "link" },
      { text: ". Alle 16:30 va bene, €12,50 l'ora." },
    ]);
    expect(family!.contactVisible).toBe(false);
    expect(family!.anyMasked).toBe(true);

    const provider = await viewThread(ctx.db, cast.provider.owner, bookingId);
    expect(provider!.messages[0]!.parts).toEqual([{ text: "Mi chiami al " }, { hidden: "phone" }, { text: " o scriva a " }, { hidden: "email" }]);

    await setBookingStatus(ctx.db, bookingId, "confirmed");
    const afterConfirm = await viewThread(ctx.db, cast.family, bookingId);
    expect(afterConfirm!.contactVisible).toBe(true);
    expect(afterConfirm!.messages[1]!.parts).toEqual([{ text: body }]);
    expect(afterConfirm!.anyMasked).toBe(false);
  });
});

describe("e-mail about new messages", () => {
  it("tells the other side, without the text, at most once per 15 minutes", async () => {
    const { bookingId } = await newBooking("accepted", "Prima richiesta");
    const t0 = new Date();
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
    await send(ctx.db, cast.provider.owner, { bookingId, body: "Risposta segreta 1" }, { now: minutes(0) });
    await send(ctx.db, cast.provider.owner, { bookingId, body: "Risposta segreta 2" }, { now: minutes(5) });
    await send(ctx.db, cast.provider.owner, { bookingId, body: "Risposta segreta 3" }, { now: minutes(14) });

    let emails = await queuedEmails(ctx.db, bookingId);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      to: cast.family.email,
      locale: "it",
      template: { ns: "message", key: "emails.newMessage" },
      params: { name: "Giulia Bianchi", from: "Marta Ferri", bookingId },
    });
    expect(JSON.stringify(emails)).not.toContain("segreta");

    // 15 minutes after the last e-mail (not after the last message) the next one may go out.
    await send(ctx.db, cast.provider.owner, { bookingId, body: "Risposta segreta 4" }, { now: minutes(15) });
    emails = await queuedEmails(ctx.db, bookingId);
    expect(emails).toHaveLength(2);

    // The family writing back tells the provider's side (its owner); the family's request already
    // counted as an e-mail-worthy message for that side long ago.
    await send(ctx.db, cast.family, { bookingId, body: "Grazie mille" }, { now: minutes(16) });
    emails = await queuedEmails(ctx.db, bookingId);
    expect(emails.map((e) => e.to)).toEqual([cast.family.email, cast.family.email, cast.provider.owner.email]);
    expect(emails[2]!.params).toMatchObject({ from: "Giulia Bianchi", bookingId });
  });

  it("sends the notice in the recipient's language with a link to the conversation", async () => {
    const ctxCast = await insertCast(ctx.db, { providerName: "Lena Rossi", locale: "en" });
    const { bookingId } = await insertBookingWithThread(ctx.db, {
      providerId: ctxCast.provider.providerId,
      familyUserId: ctxCast.family.id,
      status: "requested",
    });
    await send(ctx.db, ctxCast.provider.owner, { bookingId, body: "Call me: 347 123 4567" });
    await runQueuedJobs(ctx);
    const [email] = await emailsTo(inject("mailDir"), ctxCast.family.email);
    expect(email!.subject).toBe("New message from Lena Rossi on Vicinato");
    expect(email!.text).toContain(`/bookings/${bookingId}/messages`);
    expect(email!.text).not.toContain("347");
  });
});

describe("the per-person message limit", () => {
  it(`refuses a message beyond ${MESSAGE_RATE_LIMIT.messages} in ${MESSAGE_RATE_LIMIT.windowMinutes} minutes, then lets the person write again`, async () => {
    const family = (await insertCast(ctx.db)).family;
    const { bookingId } = await insertBookingWithThread(ctx.db, { providerId: cast.provider.providerId, familyUserId: family.id, status: "requested" });
    const t0 = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < MESSAGE_RATE_LIMIT.messages; i++) {
      await send(ctx.db, family, { bookingId, body: `Messaggio ${i}` }, { now: new Date(t0.getTime() + i * 1000) });
    }
    const refused = await sendMessage(ctx.db, family, { bookingId, body: "Uno di troppo" }, { now: new Date(t0.getTime() + 60_000) }).catch((e: unknown) => e);
    expect(isMessagingError(refused, "rate_limited")).toBe(true);
    expect((refused as { retryAfterMinutes: number }).retryAfterMinutes).toBe(9);
    // Nothing was stored for the refused message.
    expect((await viewThread(ctx.db, family, bookingId))!.messages).toHaveLength(MESSAGE_RATE_LIMIT.messages);

    const later = new Date(t0.getTime() + MESSAGE_RATE_LIMIT.windowMinutes * 60_000 + 1000);
    expect((await sendMessage(ctx.db, family, { bookingId, body: "Ora sì" }, { now: later }))?.ok).toBe(true);
  });
});

describe("reporting a conversation", () => {
  it("keeps operators out until a party reports it, then lets only the operator of the provider's quartiere (and admins) read it, audit-logged", async () => {
    const { bookingId, threadId } = await newBooking("requested", "Mi paghi in contanti fuori dalla piattaforma, 347 123 4567");

    await expect(readReportedThread(ctx.db, cast.operator, threadId)).rejects.toThrow(AuthorisationError);
    await expect(readReportedThread(ctx.db, cast.admin, threadId)).rejects.toThrow(AuthorisationError);
    expect((await listReportedThreads(ctx.db, cast.operator)).items.map((i) => i.threadId)).not.toContain(threadId);

    expect(await reportThread(ctx.db, cast.provider.owner, { bookingId, reason: "" })).toEqual({ ok: false, errors: { reason: "errors.reasonRequired" } });
    expect(await reportThread(ctx.db, cast.provider.owner, { bookingId, reason: "Chiede pagamenti fuori da Vicinato" })).toEqual({ ok: true, threadId });
    const again = await reportThread(ctx.db, cast.family, { bookingId, reason: "Anche io" }).catch((e: unknown) => e);
    expect(isMessagingError(again, "already_reported")).toBe(true);
    // Even with no reason: the page no longer shows the form, so "reason required" could not be seen.
    const againEmpty = await reportThread(ctx.db, cast.family, { bookingId, reason: "" }).catch((e: unknown) => e);
    expect(isMessagingError(againEmpty, "already_reported")).toBe(true);

    // The operators of the quartiere (every operator of quartiere 1 in this file) hear about it, without any message text.
    const notices = (await queuedEmails(ctx.db, threadId)).filter((e) => e.template.key === "emails.reported");
    expect(notices.map((e) => e.to)).toContain(cast.operator.email);
    expect(notices.map((e) => e.to)).not.toContain(cast.otherOperator.email);
    expect(JSON.stringify(notices)).not.toContain("contanti");

    const list = await listReportedThreads(ctx.db, cast.operator);
    expect(list.items.find((i) => i.threadId === threadId)).toMatchObject({ bookingId, reportedBy: "provider", reason: "Chiede pagamenti fuori da Vicinato", messageCount: 1 });
    expect((await listReportedThreads(ctx.db, cast.otherOperator)).items.map((i) => i.threadId)).not.toContain(threadId);
    await expect(listReportedThreads(ctx.db, cast.family)).rejects.toThrow(AuthorisationError);

    const read = await readReportedThread(ctx.db, cast.operator, threadId);
    // The operator sees what was written, contact details included.
    expect(read!.messages.map((m) => m.body)).toEqual(["Mi paghi in contanti fuori dalla piattaforma, 347 123 4567"]);
    expect(read!.report).toMatchObject({ bySide: "provider", reason: "Chiede pagamenti fuori da Vicinato" });
    await readReportedThread(ctx.db, cast.admin, threadId);

    await expect(readReportedThread(ctx.db, cast.otherOperator, threadId)).rejects.toThrow(AuthorisationError);
    await expect(readReportedThread(ctx.db, cast.family, threadId)).rejects.toThrow(AuthorisationError);
    await expect(readReportedThread(ctx.db, cast.provider.owner, threadId)).rejects.toThrow(AuthorisationError);
    expect(await readReportedThread(ctx.db, cast.operator, "00000000-0000-4000-8000-000000000000")).toBeNull();

    expect(await auditRows(ctx.db, threadId)).toEqual([
      { actor_user_id: cast.provider.owner.id, action: "thread.report", subject_type: "message_thread", details: { bookingId, side: "provider" } },
      { actor_user_id: cast.operator.id, action: "thread.read", subject_type: "message_thread", details: { bookingId, providerId: cast.provider.providerId } },
      { actor_user_id: cast.admin.id, action: "thread.read", subject_type: "message_thread", details: { bookingId, providerId: cast.provider.providerId } },
    ]);

    const familyView = await viewThread(ctx.db, cast.family, bookingId);
    expect(familyView!.report).toMatchObject({ byMe: false, bySide: "provider" });
  });
});

describe("hostile text", () => {
  it("stores any storable text exactly as accepted and refuses the rest with a field error, never throwing", async () => {
    const family = (await insertCast(ctx.db)).family;
    const { bookingId, threadId } = await insertBookingWithThread(ctx.db, { providerId: cast.provider.providerId, familyUserId: family.id, status: "requested" });
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom("'; drop table messages; --", "<script>alert(1)</script>", "\u200f\u202eGiulia\u202c", "a\u0000b", "\ud800", "👩‍👩‍👧‍👦\r\nciao"),
    );
    let hour = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        hour += 1;
        const result = await sendMessage(ctx.db, family, { bookingId, body }, { now: new Date(Date.now() + hour * 3_600_000) });
        const expected = body.replace(/\r\n?/g, "\n").trim();
        if (expected.length > 0 && expected.length <= 4000 && isStorableText(expected, { multiline: true })) {
          expect(result?.ok).toBe(true);
          const stored = await ctx.db.selectFrom("messages").select("body").where("thread_id", "=", threadId).orderBy("id", "desc").executeTakeFirstOrThrow();
          expect(stored.body).toBe(expected);
        } else {
          expect(result).toMatchObject({ ok: false, errors: { body: expect.stringMatching(/^errors\./) } });
        }
      }),
      { numRuns: 40 },
    );
  });
});
