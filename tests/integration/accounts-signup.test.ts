import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { isAccountError } from "../../app/domain/accounts/account-errors";
import { resendVerification, signIn, signUp, verifyEmail } from "../../app/domain/accounts/accounts.server";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { queuedJobs, runQueuedJobs, TEST_SITE_URL } from "../support/jobs";
import { emailsTo, linkIn, waitForEmail } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const mailDir = () => inject("mailDir");
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const password = "una frase lunga e sicura";

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("sign-up and e-mail verification", () => {
  it("sends a real, translated e-mail whose link verifies the address once", async () => {
    const email = uniqueEmail("Famiglia");
    const { userId } = await signUp(ctx.db, { email, password, displayName: "Giulia Bianchi", locale: "it", role: "family" });

    const user = await loadCurrentUser(ctx.db, userId);
    expect(user).toMatchObject({ email: email.toLowerCase(), roles: ["family"], emailVerified: false, locale: "it" });
    const stored = await ctx.db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // The e-mail is a job in the same transaction; nothing is sent until the worker runs.
    expect(await queuedJobs(ctx.db)).toEqual([{ task: "send_email", attempts: 0 }]);
    await runQueuedJobs(ctx);

    const message = await waitForEmail(mailDir(), email);
    expect(message.subject).toBe("Conferma il tuo indirizzo e-mail per Vicinato");
    expect(message.text).toContain("Ciao Giulia Bianchi");
    expect(message.html).toContain('<html lang="it">');
    const link = linkIn(message, "/verify-email");
    expect(link.origin).toBe(TEST_SITE_URL);
    expect(message.html).toContain(`href="${link.href.replace(/&/g, "&amp;")}"`);

    await verifyEmail(ctx.db, link.searchParams.get("token")!);
    expect((await loadCurrentUser(ctx.db, userId))?.emailVerified).toBe(true);

    const replay = await verifyEmail(ctx.db, link.searchParams.get("token")!).catch((e) => e);
    expect(isAccountError(replay, "token_used")).toBe(true);
  });

  it("writes the e-mail in the language of the person", async () => {
    const email = uniqueEmail("family-en");
    await signUp(ctx.db, { email, password, displayName: "Amira", locale: "en", role: "provider" });
    await runQueuedJobs(ctx);
    const message = await waitForEmail(mailDir(), email);
    expect(message.subject).toBe("Confirm your e-mail address for Vicinato");
    expect(message.text).toContain("Hello Amira");
    expect(message.headers.get("content-language")).toBe("en");
  });

  it("refuses an expired verification link", async () => {
    const email = uniqueEmail("expired");
    const { userId } = await signUp(ctx.db, { email, password, displayName: "Luca", locale: "it", role: "family" });
    await runQueuedJobs(ctx);
    const token = linkIn(await waitForEmail(mailDir(), email), "/verify-email").searchParams.get("token")!;
    await ctx.db.updateTable("auth_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("user_id", "=", userId).execute();
    const error = await verifyEmail(ctx.db, token).catch((e) => e);
    expect(isAccountError(error, "token_expired")).toBe(true);
    expect((await loadCurrentUser(ctx.db, userId))?.emailVerified).toBe(false);
  });

  it("refuses made-up and malformed links without touching any account", async () => {
    for (const token of ["", "abc", crypto.randomBytes(32).toString("base64url"), "x".repeat(5000), "../../etc/passwd"]) {
      const error = await verifyEmail(ctx.db, token).catch((e) => e);
      expect(isAccountError(error, "token_invalid")).toBe(true);
    }
  });

  it("sends a new link on request, at most three an hour", async () => {
    const email = uniqueEmail("resend");
    const { userId } = await signUp(ctx.db, { email, password, displayName: "Chiara", locale: "it", role: "family" });
    expect(await resendVerification(ctx.db, userId)).toEqual({ sent: true });
    expect(await resendVerification(ctx.db, userId)).toEqual({ sent: true });
    const error = await resendVerification(ctx.db, userId).catch((e) => e);
    expect(isAccountError(error, "too_many_emails")).toBe(true);
    await runQueuedJobs(ctx);
    await waitForEmail(mailDir(), email, { count: 3 });
    // The newest link works.
    const latest = (await emailsTo(mailDir(), email)).at(-1)!;
    await verifyEmail(ctx.db, linkIn(latest, "/verify-email").searchParams.get("token")!);
    expect(await resendVerification(ctx.db, userId)).toEqual({ sent: false });
  });

  it("stores the address lower-case and refuses a second account with it, in any case", async () => {
    const email = uniqueEmail("Dup");
    await signUp(ctx.db, { email: `  ${email.toUpperCase()} `, password, displayName: "Primo", locale: "it", role: "family" });
    const error = await signUp(ctx.db, { email, password, displayName: "Secondo", locale: "it", role: "provider" }).catch((e) => e);
    expect(isAccountError(error, "email_taken")).toBe(true);
    // The refused sign-up queued nothing and changed nothing.
    const users = await ctx.db.selectFrom("users").select(["email", "display_name"]).where("email", "=", email.toLowerCase()).execute();
    expect(users).toEqual([{ email: email.toLowerCase(), display_name: "Primo" }]);
    // And the person can sign in with any capitalisation.
    await expect(signIn(ctx.db, { email: email.toUpperCase(), password })).resolves.toMatchObject({ locale: "it" });
  });

  it("refuses a password that is the e-mail address or too short", async () => {
    const email = uniqueEmail("weak");
    await expect(signUp(ctx.db, { email, password: email, displayName: "X", locale: "it", role: "family" })).rejects.toThrow(
      /errors.passwordIsEmail/,
    );
    await expect(signUp(ctx.db, { email, password: "breve", displayName: "X", locale: "it", role: "family" })).rejects.toThrow(
      /errors.passwordTooShort/,
    );
    expect(await ctx.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
  });
});
