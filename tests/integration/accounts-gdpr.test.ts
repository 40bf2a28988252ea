import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAccountError } from "../../app/domain/accounts/account-errors";
import { signIn, signUp } from "../../app/domain/accounts/accounts.server";
import { deleteAccount, ERASED_ACTOR, exportMyData } from "../../app/domain/accounts/gdpr.server";
import { createSession, userForSession } from "../../app/domain/accounts/sessions.server";
import { insertProvider } from "../support/provider-fixtures";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const password = "password di prova lunga";

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

/** A provider who signed up, owns a verified profile with documents and history, and is signed in. */
async function providerWithProfile() {
  const email = uniqueEmail("provider");
  const { userId } = await signUp(ctx.db, { email, password, displayName: "Paola Verdi", locale: "it", role: "provider" });
  const providerId = await insertProvider(ctx.db, {
    displayName: "Paola Verdi",
    services: [{ slug: "babysitter", cents: 1300 }],
    zones: [2],
    slots: [[2, "09:00", "12:00"]],
  });
  await ctx.db
    .updateTable("providers")
    .set({ fiscal_code: "VRDPLA80A41F205X", base_address: "Via Dante 1, Milano", photo_url: "/uploads/paola.jpg" })
    .where("id", "=", providerId)
    .execute();
  await ctx.db.insertInto("provider_members").values({ provider_id: providerId, user_id: userId, member_role: "owner" }).execute();
  await ctx.db
    .insertInto("provider_documents")
    .values({
      provider_id: providerId,
      doc_type: "identity",
      original_name: "carta-identita.pdf",
      storage_key: `k-${crypto.randomUUID()}`,
      content_type: "application/pdf",
      size_bytes: 12345,
      expires_on: "2030-01-31",
      uploaded_by: userId,
    })
    .execute();
  await ctx.db
    .insertInto("provider_status_transitions")
    .values({ provider_id: providerId, from_status: "pending", to_status: "verified", actor: "operatore-1", reason: null })
    .execute();
  const session = await createSession(ctx.db, userId, "Firefox on Linux");
  return { email, userId, providerId, session };
}

describe("download my data", () => {
  it("contains the account, roles, provider profile with services, zones, slots, documents, history and sessions", async () => {
    const { email, userId, providerId } = await providerWithProfile();
    const data = await exportMyData(ctx.db, userId);
    expect(data.account).toMatchObject({ id: userId, email, displayName: "Paola Verdi", locale: "it", emailVerifiedAt: null });
    expect(data.roles.map((r) => r.role)).toEqual(["provider"]);
    expect(data.providers).toHaveLength(1);
    const provider = data.providers[0]!;
    expect(provider).toMatchObject({
      id: providerId,
      memberRole: "owner",
      displayName: "Paola Verdi",
      fiscalCode: "VRDPLA80A41F205X",
      services: [{ category: "babysitter", hourlyPriceCents: 1300 }],
      weeklySlots: [{ weekday: 2, startMinute: 540, endMinute: 720 }],
      statusHistory: [{ from: "pending", to: "verified", reason: null }],
    });
    expect(provider.zones.map((z) => z.id)).toEqual(expect.arrayContaining([1, 2]));
    expect(provider.documents).toEqual([expect.objectContaining({ type: "identity", fileName: "carta-identita.pdf", sizeBytes: 12345 })]);
    expect(data.sessions).toEqual([expect.objectContaining({ userAgent: "Firefox on Linux" })]);
    expect(data.oneTimeLinks).toEqual([expect.objectContaining({ purpose: "verify_email", usedAt: null })]);

    // Secrets never leave: no password hash, session id or link token anywhere in the file.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|id_hash|token_hash|password/i);
    expect(text).not.toContain("storage_key");
  });
});

describe("delete my account", () => {
  it("anonymises the person, removes roles, sessions and links, and takes their profile offline", async () => {
    const { email, userId, providerId, session } = await providerWithProfile();
    // A decision this person took as an operator on someone else's profile.
    const otherId = await insertProvider(ctx.db, { displayName: "Altro fornitore" });
    await ctx.db
      .insertInto("provider_status_transitions")
      .values([
        { provider_id: otherId, from_status: "verified", to_status: "suspended", actor: email, reason: "Documento scaduto" },
        { provider_id: otherId, from_status: "suspended", to_status: "verified", actor: "Paola Verdi (operatore)", actor_user_id: userId, reason: "Rinnovato" },
      ])
      .execute();

    await expect(deleteAccount(ctx.db, userId, { password: "non è questa" })).rejects.toSatisfy((e) => isAccountError(e, "wrong_password"));
    await deleteAccount(ctx.db, userId, { password });

    const user = await ctx.db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: `deleted-${userId}@invalid`, password_hash: null, display_name: null, email_verified_at: null });
    expect(user.deleted_at).toBeInstanceOf(Date);
    for (const table of ["user_roles", "sessions", "auth_tokens", "provider_members"] as const) {
      expect(await ctx.db.selectFrom(table).select("user_id").where("user_id", "=", userId).execute(), table).toEqual([]);
    }
    expect(await userForSession(ctx.db, session)).toBeNull();

    const provider = await ctx.db.selectFrom("providers").selectAll().where("id", "=", providerId).executeTakeFirstOrThrow();
    expect(provider).toMatchObject({ active: false, fiscal_code: null, base_address: null, photo_url: null, bio: {} });
    // The search outbox got the change (the trigger), so the profile leaves the index.
    const outbox = await ctx.db.selectFrom("search_outbox").select("provider_id").where("provider_id", "=", providerId).execute();
    expect(outbox.length).toBeGreaterThan(0);

    // The history stays, without the person.
    const history = await ctx.db
      .selectFrom("provider_status_transitions")
      .select(["provider_id", "actor", "reason"])
      .where("provider_id", "=", otherId)
      .orderBy("id")
      .execute();
    expect(history).toEqual([
      { provider_id: otherId, actor: ERASED_ACTOR, reason: "Documento scaduto" },
      { provider_id: otherId, actor: ERASED_ACTOR, reason: "Rinnovato" },
    ]);
    const documents = await ctx.db.selectFrom("provider_documents").select("uploaded_by").where("provider_id", "=", providerId).execute();
    expect(documents).toEqual([{ uploaded_by: null }]);

    // Nobody can sign in as them, and the address can be used for a new account.
    await expect(signIn(ctx.db, { email, password })).rejects.toSatisfy((e) => isAccountError(e, "invalid_credentials"));
    await expect(exportMyData(ctx.db, userId)).rejects.toSatisfy((e) => isAccountError(e, "not_found"));
    await expect(signUp(ctx.db, { email, password, displayName: "Di nuovo", locale: "it", role: "family" })).resolves.toBeTruthy();
  });
});
