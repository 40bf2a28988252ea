import crypto from "node:crypto";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import { isAccountError } from "../../app/domain/accounts/account-errors";
import { signUp, updateProfile } from "../../app/domain/accounts/accounts.server";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { createDocumentStore, type DocumentStore } from "../../app/domain/providers/document-store.server";
import { saveIdentity, saveProfile } from "../../app/domain/providers/onboarding.server";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * Issue 7: hostile text through the domain functions that store it. Properties: nothing throws
 * except the domain's typed validation errors, and what is stored is exactly what was accepted.
 * (HTML is stored as text; React escapes it on output, so nothing is rendered here.)
 */

const RUNS = { numRuns: 30 };
let ctx: TestContext;
let store: DocumentStore;

beforeAll(async () => {
  ctx = await createTestContext();
  store = createDocumentStore(path.join(inject("testDataDir"), `uploads-${crypto.randomBytes(4).toString("hex")}`));
});
afterAll(async () => {
  await ctx?.cleanup();
});

const fixedHostile = [
  "'; drop table users; --",
  "Robert'); DROP TABLE providers;--",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "\u200f\u202eGiulia\u202c",
  "👩‍👩‍👧‍👦 Famiglia",
  "Zoe\u0301\u0301 Müller",
  "  Mario Rossi  ",
  "Mario\u0000Rossi",
  "Giulia \ud800",
  "\udfffAnna",
  "a".repeat(10_000),
  "😀".repeat(40),
  "😀".repeat(60),
  "x".repeat(80),
  "x".repeat(81),
  "1e308",
  "NaN",
  "${7*7}",
  "%00%27",
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...fixedHostile) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
);

async function insertUser(): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(6).toString("hex")}@example.test`;
  const { id } = await ctx.db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: email, locale: "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("user_roles").values({ user_id: id, role: "provider" }).execute();
  return (await loadCurrentUser(ctx.db, id))!;
}

const unexpected = (what: string, error: unknown) => new Error(`${what} threw instead of returning errors: ${String(error)}`);

describe("onboarding stores hostile text exactly as accepted", () => {
  it("saveIdentity: no exception; an accepted display name is stored trimmed and otherwise unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (displayName) => {
        const user = await insertUser();
        let result;
        try {
          result = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName, fiscalCode: "RSSMRA85T10A562S" } });
        } catch (error) {
          throw unexpected(`saveIdentity(${JSON.stringify(displayName.slice(0, 40))})`, error);
        }
        if (!result.ok) return;
        const row = await ctx.db.selectFrom("providers").select("display_name").where("id", "=", result.providerId).executeTakeFirstOrThrow();
        expect(row.display_name).toBe(displayName.trim());
      }),
      RUNS,
    );
  });

  it("saveIdentity: a display name with NUL is a validation error, not a database error", async () => {
    const user = await insertUser();
    let result;
    try {
      result = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Mario\u0000Rossi", fiscalCode: "RSSMRA85T10A562S" } });
    } catch (error) {
      throw unexpected("saveIdentity(NUL)", error);
    }
    expect(result.ok).toBe(false);
  });

  it("saveIdentity: a display name with a lone surrogate is refused or stored unchanged (not replaced by U+FFFD)", async () => {
    const user = await insertUser();
    const displayName = "Giulia \ud800x";
    const result = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName, fiscalCode: "RSSMRA85T10A562S" } });
    if (!result.ok) return;
    const row = await ctx.db.selectFrom("providers").select("display_name").where("id", "=", result.providerId).executeTakeFirstOrThrow();
    expect(row.display_name).toBe(displayName);
  });

  it("saveProfile: no exception; an accepted bio round-trips through jsonb unchanged", async () => {
    const user = await insertUser();
    const identity = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Giulia R.", fiscalCode: "RSSMRA85T10A562S" } });
    if (!identity.ok) throw new Error(`setup failed: ${JSON.stringify(identity)}`);
    const providerId = identity.providerId;
    const base = "Sono Giulia, faccio la babysitter a Milano da otto anni. ";
    const bioText = fc.oneof(
      hostileString.map((s) => base + s),
      fc.constantFrom(base + "\u0000", base + "\ud800", base + "<script>alert(1)</script>", base + "'; drop table providers; --", "x".repeat(2000), base + "\r\nriga"),
    );
    await fc.assert(
      fc.asyncProperty(bioText, fc.option(bioText, { nil: undefined }), async (it, en) => {
        const raw = { bio: en === undefined ? { it } : { it, en }, yearsExperience: "3" };
        let result;
        try {
          result = await saveProfile(ctx.db, store, user, { providerId, raw, photo: null });
        } catch (error) {
          throw unexpected(`saveProfile(${JSON.stringify(it.slice(-20))})`, error);
        }
        if (!result.ok) return;
        const row = await ctx.db.selectFrom("providers").select("bio").where("id", "=", providerId).executeTakeFirstOrThrow();
        const stored = (typeof row.bio === "string" ? JSON.parse(row.bio) : row.bio) as Record<string, string>;
        const expected: Record<string, string> = { it: it.trim().replace(/\r\n/g, "\n") };
        if (en !== undefined && en.trim() !== "") expected.en = en.trim().replace(/\r\n/g, "\n");
        expect(stored).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe("accounts store hostile display names exactly as accepted", () => {
  const typed = (error: unknown) => error instanceof ZodError || isAccountError(error);

  it("signUp: only ZodError/AccountError; an accepted display name is stored trimmed and otherwise unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (displayName) => {
        const email = `${crypto.randomBytes(6).toString("hex")}@example.org`;
        let userId: string;
        try {
          ({ userId } = await signUp(ctx.db, { email, password: "una frase lunga e sicura", displayName, locale: "it", role: "family" }));
        } catch (error) {
          if (typed(error)) return;
          throw unexpected(`signUp(${JSON.stringify(displayName.slice(0, 40))})`, error);
        }
        const row = await ctx.db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirstOrThrow();
        expect(row.display_name).toBe(displayName.trim());
      }),
      { numRuns: 15 },
    );
  });

  it("signUp: a display name with a lone surrogate is refused or stored unchanged (not replaced by U+FFFD)", async () => {
    const displayName = "Anna \udfff";
    let userId: string;
    try {
      ({ userId } = await signUp(ctx.db, { email: `${crypto.randomBytes(6).toString("hex")}@example.org`, password: "una frase lunga e sicura", displayName, locale: "it", role: "family" }));
    } catch (error) {
      if (typed(error)) return;
      throw error;
    }
    const row = await ctx.db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(row.display_name).toBe(displayName);
  });

  it("updateProfile: only ZodError/AccountError; an accepted display name round-trips", async () => {
    const user = await insertUser();
    await fc.assert(
      fc.asyncProperty(hostileString, async (displayName) => {
        try {
          await updateProfile(ctx.db, user.id, { displayName, locale: "it" });
        } catch (error) {
          if (typed(error)) return;
          throw unexpected(`updateProfile(${JSON.stringify(displayName.slice(0, 40))})`, error);
        }
        const row = await ctx.db.selectFrom("users").select("display_name").where("id", "=", user.id).executeTakeFirstOrThrow();
        expect(row.display_name).toBe(displayName.trim());
      }),
      RUNS,
    );
  });
});
