import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { AccountError, isAccountError } from "../../app/domain/accounts/account-errors";
import { requestPasswordReset, resetPassword, signIn, signUp } from "../../app/domain/accounts/accounts.server";
import { LOCKOUT_DURATION_MS, lockedUntil } from "../../app/domain/accounts/lockout.server";
import { runQueuedJobs } from "../support/jobs";
import { linkIn, waitForEmail } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const mailDir = () => inject("mailDir");
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const password = "la password giusta di Anna";

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

async function account(label: string) {
  const email = uniqueEmail(label);
  const { userId } = await signUp(ctx.db, { email, password, displayName: "Anna", locale: "it", role: "family" });
  return { email, userId };
}

async function attempt(email: string, pw: string): Promise<string> {
  try {
    await signIn(ctx.db, { email, password: pw, ip: "203.0.113.7" });
    return "ok";
  } catch (error) {
    if (error instanceof AccountError) return error.code;
    throw error;
  }
}

/** Moves an address's recorded failures back in time, as if minutes had passed. */
async function age(email: string, ms: number) {
  const failures = await ctx.db.selectFrom("login_failures").select(["id", "created_at"]).where("email", "=", email).execute();
  for (const f of failures) {
    await ctx.db.updateTable("login_failures").set({ created_at: new Date(f.created_at.getTime() - ms) }).where("id", "=", f.id).execute();
  }
}

describe("sign-in lockout", () => {
  it("20 wrong passwords lock sign-in temporarily, but the owner can still reset and then sign in", async () => {
    const { email, userId } = await account("victim");
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(await attempt(email, `tentativo sbagliato ${i}`));
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill("invalid_credentials"));
    expect(outcomes.slice(5)).toEqual(Array(15).fill("locked_out"));

    // Even the right password is refused while locked…
    expect(await attempt(email, password)).toBe("locked_out");
    // …but the lock is temporary: about 15 minutes, not more.
    const until = await lockedUntil(ctx.db, email);
    expect(until!.getTime() - Date.now()).toBeLessThanOrEqual(LOCKOUT_DURATION_MS);
    expect(until!.getTime() - Date.now()).toBeGreaterThan(LOCKOUT_DURATION_MS - 60_000);

    // The owner resets the password through the e-mail and signs in straight away.
    await requestPasswordReset(ctx.db, { email });
    await runQueuedJobs(ctx);
    const message = await waitForEmail(mailDir(), email, { matching: (m) => m.text.includes("/reset-password") });
    await resetPassword(ctx.db, { token: linkIn(message, "/reset-password").searchParams.get("token")!, password: "la nuova password di Anna" });
    await expect(signIn(ctx.db, { email, password: "la nuova password di Anna" })).resolves.toMatchObject({ userId });
  });

  it("lifts the lock by itself 15 minutes after the last counted failure", async () => {
    const { email, userId } = await account("waits");
    for (let i = 0; i < 12; i++) await attempt(email, "sbagliata sbagliata");
    expect(await attempt(email, password)).toBe("locked_out");
    // Attempts during the lock were not counted: only 5 failures exist, so the attacker cannot extend it.
    expect(await ctx.db.selectFrom("login_failures").select("id").where("email", "=", email).execute()).toHaveLength(5);

    await age(email, 14 * 60_000);
    expect(await attempt(email, password)).toBe("locked_out");
    await age(email, 60_000 + 1000);
    await expect(signIn(ctx.db, { email, password })).resolves.toMatchObject({ userId });
    // A success clears the failures.
    expect(await ctx.db.selectFrom("login_failures").select("id").where("email", "=", email).execute()).toEqual([]);
  });

  it("needs 5 failures within 15 minutes: slower guessing does not lock", async () => {
    const { email } = await account("slow");
    for (let i = 0; i < 4; i++) {
      await attempt(email, "sbagliata");
      await age(email, 4 * 60_000);
    }
    expect(await attempt(email, "ancora sbagliata")).toBe("invalid_credentials");
    expect(await lockedUntil(ctx.db, email)).toBeNull();
  });

  it("failures of one e-mail never lock another", async () => {
    const target = await account("target");
    const neighbour = await account("neighbour");
    for (let i = 0; i < 20; i++) await attempt(target.email, "sbagliata");
    expect(await attempt(target.email, password)).toBe("locked_out");
    await expect(signIn(ctx.db, { email: neighbour.email, password, ip: "203.0.113.7" })).resolves.toMatchObject({
      userId: neighbour.userId,
    });
  });

  it("counts failures for unknown addresses the same way (no hint that the account does not exist)", async () => {
    const nobody = uniqueEmail("nobody");
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await attempt(nobody, "qualcosa di lungo"));
    expect(outcomes).toEqual([...Array(5).fill("invalid_credentials"), "locked_out"]);
  });

  it("treats a malformed sign-in as wrong credentials", async () => {
    const error = await signIn(ctx.db, { email: "", password: "" }).catch((e) => e);
    expect(isAccountError(error, "invalid_credentials")).toBe(true);
  });
});
