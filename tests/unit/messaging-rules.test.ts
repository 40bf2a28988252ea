import { describe, expect, it } from "vitest";
import { lastNoticeAt, NOTICE_INTERVAL_MS, noticeDue } from "../../app/domain/messaging/notice-throttle";
import { parseMessageForm, parseReportForm } from "../../app/domain/messaging/message-forms";
import { conversationOfPath } from "../../app/domain/messaging/unread.server";
import { messagePostPaths } from "../../server/rate-limit";

const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 9, 0) + minutes * 60_000);

describe("at most one new-message e-mail every 15 minutes per conversation and side", () => {
  it("sends for the first message of a side", () => {
    expect(noticeDue([], at(0))).toBe(true);
  });

  it("stays quiet while the side keeps writing within 15 minutes of the last e-mail", () => {
    expect(noticeDue([at(0)], at(5))).toBe(false);
    expect(noticeDue([at(0), at(5), at(10)], at(14))).toBe(false);
  });

  it("counts 15 minutes from the last e-mail, not from the last message", () => {
    // E-mails went out at 0 and 20 (20 − 0 ≥ 15); 5, 10, 25 and 30 were quiet.
    expect(lastNoticeAt([at(0), at(5), at(10), at(20), at(25), at(30)])).toEqual(at(20));
    expect(noticeDue([at(0), at(5), at(10), at(20), at(25), at(30)], at(34))).toBe(false);
    expect(noticeDue([at(0), at(5), at(10), at(20), at(25), at(30)], at(35))).toBe(true);
  });

  it("never lets two e-mails out less than 15 minutes apart, whatever the rhythm", () => {
    const times = Array.from({ length: 200 }, (_, i) => at(i * 3.7));
    const sent: Date[] = [];
    times.forEach((t, i) => {
      if (noticeDue(times.slice(0, i), t)) sent.push(t);
    });
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.getTime() - sent[i - 1]!.getTime()).toBeGreaterThanOrEqual(NOTICE_INTERVAL_MS);
    expect(sent.length).toBe(40); // every fifth message: 5 × 3.7 = 18.5 minutes
  });
});

describe("the message and report forms", () => {
  it("keeps line breaks, trims the ends and normalises Windows line endings", () => {
    expect(parseMessageForm({ body: "  Ciao!\r\n\r\nA domani.  " })).toEqual({ ok: true, data: { body: "Ciao!\n\nA domani." } });
  });

  it("refuses empty, too long and unstorable text with a key of the message namespace", () => {
    expect(parseMessageForm({ body: " \n " })).toEqual({ ok: false, errors: { body: "errors.bodyRequired" } });
    expect(parseMessageForm({ body: undefined })).toEqual({ ok: false, errors: { body: "errors.bodyRequired" } });
    expect(parseMessageForm({ body: "a".repeat(4001) })).toEqual({ ok: false, errors: { body: "errors.bodyTooLong" } });
    expect(parseMessageForm({ body: "a".repeat(4000) }).ok).toBe(true);
    expect(parseMessageForm({ body: "ciao \ud800" })).toEqual({ ok: false, errors: { body: "errors.textInvalid" } });
    expect(parseReportForm({ reason: "" })).toEqual({ ok: false, errors: { reason: "errors.reasonRequired" } });
    expect(parseReportForm({ reason: "x".repeat(1001) })).toEqual({ ok: false, errors: { reason: "errors.reasonTooLong" } });
  });
});

describe("the per-address limit on posting messages", () => {
  it("applies to a booking's conversation and its data requests only", () => {
    expect(messagePostPaths.test("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10/messages")).toBe(true);
    expect(messagePostPaths.test("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10/messages.data")).toBe(true);
    expect(messagePostPaths.test("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10")).toBe(false);
    expect(messagePostPaths.test("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10/review")).toBe(false);
    expect(messagePostPaths.test("/bookings/a/b/messages")).toBe(false);
  });
});

describe("the page that opens a conversation", () => {
  it("is recognised from its path, so the header leaves it out of the unread count", () => {
    expect(conversationOfPath("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10/messages")).toBe("3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10");
    expect(conversationOfPath("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10/messages.data")).toBe("3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10");
    expect(conversationOfPath("/bookings/3f1c9a52-6a0e-4b7e-9d55-0c8f1d2a7b10")).toBeUndefined();
  });
});
