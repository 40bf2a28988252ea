import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { isAccountError } from "../../app/domain/accounts/account-errors";
import { checkResetLink, requestPasswordReset, resetPassword, signIn, signUp } from "../../app/domain/accounts/accounts.server";
import { createSession, userForSession } from "../../app/domain/accounts/sessions.server";
import { queuedJobs, runQueuedJobs } from "../support/jobs";
import { emailsTo, linkIn, waitForEmail } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const mailDir = () => inject("mailDir");
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const oldPassword = "la mia vecchia password";
const newPassword = "una password tutta nuova";

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

async function account(label: string, locale = "it") {
  const email = uniqueEmail(label);
  const { userId } = await signUp(ctx.db, { email, password: oldPassword, displayName: "Marta Rossi", locale, role: "family" });
  await runQueuedJobs(ctx); // the verification e-mail
  return { email, userId };
}

async function resetLink(email: string): Promise<string> {
  await requestPasswordReset(ctx.db, { email });
  await runQueuedJobs(ctx);
  const message = await waitForEmail(mailDir(), email, { matching: (m) => m.text.includes("/reset-password") });
  return linkIn(message, "/reset-password").searchParams.get("token")!;
}

describe("password reset by one-time link", () => {
  it("works once, ends every session, and a replayed link is refused", async () => {
    const { email, userId } = await account("reset");
    const session = await createSession(ctx.db, userId, "test browser");
    const token = await resetLink(email);
    expect(await checkResetLink(ctx.db, token)).toBe("ok");

    await resetPassword(ctx.db, { token, password: newPassword });
    expect(await userForSession(ctx.db, session)).toBeNull();
    await expect(signIn(ctx.db, { email, password: newPassword })).resolves.toMatchObject({ userId });
    await expect(signIn(ctx.db, { email, password: oldPassword })).rejects.toSatisfy((e) => isAccountError(e, "invalid_credentials"));

    // The same link again: refused, and the password stays the one just chosen.
    expect(await checkResetLink(ctx.db, token)).toBe("token_used");
    const replay = await resetPassword(ctx.db, { token, password: "una password dell'attaccante" }).catch((e) => e);
    expect(isAccountError(replay, "token_used")).toBe(true);
    await expect(signIn(ctx.db, { email, password: newPassword })).resolves.toMatchObject({ userId });

    // A notice went to the owner.
    await runQueuedJobs(ctx);
    const notice = await waitForEmail(mailDir(), email, { matching: (m) => m.subject.includes("è stata cambiata") });
    expect(notice.text).toContain("/forgot-password");
  });

  it("refuses an expired link", async () => {
    const { email, userId } = await account("expired");
    const token = await resetLink(email);
    await ctx.db
      .updateTable("auth_tokens")
      .set({ expires_at: new Date(Date.now() - 1) })
      .where("user_id", "=", userId)
      .where("purpose", "=", "reset_password")
      .execute();
    expect(await checkResetLink(ctx.db, token)).toBe("token_expired");
    const error = await resetPassword(ctx.db, { token, password: newPassword }).catch((e) => e);
    expect(isAccountError(error, "token_expired")).toBe(true);
    await expect(signIn(ctx.db, { email, password: oldPassword })).resolves.toMatchObject({ userId });
  });

  it("lasts one hour", async () => {
    const { email, userId } = await account("ttl");
    await requestPasswordReset(ctx.db, { email });
    const row = await ctx.db
      .selectFrom("auth_tokens")
      .select(["created_at", "expires_at", "token_hash"])
      .where("user_id", "=", userId)
      .where("purpose", "=", "reset_password")
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThan(3590_000);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThan(3610_000);
    // Only a hash is stored, never the link's token.
    expect(row.token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("kills the older links when one is used", async () => {
    const { email } = await account("older");
    const first = await resetLink(email);
    await requestPasswordReset(ctx.db, { email });
    await runQueuedJobs(ctx);
    const second = linkIn((await emailsTo(mailDir(), email)).at(-1)!, "/reset-password").searchParams.get("token")!;
    expect(second).not.toBe(first);
    await resetPassword(ctx.db, { token: second, password: newPassword });
    const error = await resetPassword(ctx.db, { token: first, password: "ancora un'altra password" }).catch((e) => e);
    expect(isAccountError(error, "token_used")).toBe(true);
  });

  it("keeps the link usable when the new password is refused", async () => {
    const { email, userId } = await account("policy");
    const token = await resetLink(email);
    const error = await resetPassword(ctx.db, { token, password: email.toUpperCase() }).catch((e) => e);
    expect(isAccountError(error, "password_is_email")).toBe(true);
    await expect(resetPassword(ctx.db, { token, password: "corta" })).rejects.toThrow(/passwordTooShort/);
    await resetPassword(ctx.db, { token, password: newPassword });
    await expect(signIn(ctx.db, { email, password: newPassword })).resolves.toMatchObject({ userId });
  });

  it("answers the same whether or not the address has an account (no enumeration)", async () => {
    const { email } = await account("known");
    const unknown = uniqueEmail("nobody");
    const before = (await queuedJobs(ctx.db)).length;

    const answers = [await requestPasswordReset(ctx.db, { email: unknown }), await requestPasswordReset(ctx.db, { email })];
    expect(answers).toEqual([undefined, undefined]);
    // Only the real account got a link; nothing is stored or sent for the unknown address.
    expect((await queuedJobs(ctx.db)).length).toBe(before + 1);
    await runQueuedJobs(ctx);
    await waitForEmail(mailDir(), email, { matching: (m) => m.text.includes("/reset-password") });
    expect(await emailsTo(mailDir(), unknown)).toEqual([]);

    // Past the per-hour cap the answer is still the same, and no more e-mails go out.
    await requestPasswordReset(ctx.db, { email });
    await requestPasswordReset(ctx.db, { email });
    await expect(requestPasswordReset(ctx.db, { email })).resolves.toBeUndefined();
    await runQueuedJobs(ctx);
    const resets = (await emailsTo(mailDir(), email)).filter((m) => m.text.includes("/reset-password"));
    expect(resets).toHaveLength(3);

    // Malformed input is also answered the same way.
    await expect(requestPasswordReset(ctx.db, { email: "not an address" })).resolves.toBeUndefined();
  });
});
