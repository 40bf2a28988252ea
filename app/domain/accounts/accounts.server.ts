import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { resolveLanguage } from "../../i18n/translator.server";
import { AccountError } from "./account-errors";
import { loadAccountRow } from "./account-row.server";
import {
  countTokensSince,
  createAuthToken,
  inspectToken,
  lockUsableToken,
  markTokenUsed,
  revokeOpenTokens,
} from "./auth-tokens.server";
import { enqueueEmail } from "./email-queue.server";
import { clearLoginFailures, lockedUntil, recordLoginFailure } from "./lockout.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords.server";
import {
  localeSchema,
  newPassword,
  normaliseEmail,
  passwordIsEmail,
  profileSchema,
  signInSchema,
  signUpSchema,
  tokenSchema,
  type SignUpRole,
} from "./schemas";

/**
 * Accounts: sign-up, e-mail verification, sign-in with a temporary lockout, password reset by
 * one-time link, profile and language. Plain functions of a database and plain data; the routes
 * validate forms with the same schemas (schemas.ts) and turn AccountError codes into messages.
 */

/** At most this many verification or reset e-mails per account per hour (mail bombing). */
const MAX_LINK_EMAILS_PER_HOUR = 3;

/** Matches users.email case-insensitively (through the unique index on lower(email)). */
const byEmail = (email: string) => (eb: ExpressionBuilder<Database, "users">) =>
  eb(eb.fn<string>("lower", ["email"]), "=", normaliseEmail(email));

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  locale: string;
  role: SignUpRole;
}

/**
 * Creates the account with its role and a 48-hour verification link, and queues the verification
 * e-mail in the same transaction. An address already in use gives AccountError("email_taken").
 */
export async function signUp(db: Kysely<Database>, input: SignUpInput): Promise<{ userId: string }> {
  const form = signUpSchema.parse(input);
  const locale = resolveLanguage(input.locale);
  const passwordHash = await hashPassword(form.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom("users").select("id").where(byEmail(form.email)).executeTakeFirst();
      if (existing) throw new AccountError("email_taken");
      const { id } = await trx
        .insertInto("users")
        .values({ email: form.email, password_hash: passwordHash, display_name: form.displayName, locale })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("user_roles").values({ user_id: id, role: form.role }).execute();
      const token = await createAuthToken(trx, id, "verify_email");
      await enqueueEmail(trx, {
        to: form.email,
        locale,
        template: { ns: "email", key: "verifyEmail" },
        params: { name: form.displayName, token },
      });
      return { userId: id };
    });
  } catch (error) {
    // Two sign-ups with the same address at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw new AccountError("email_taken");
    throw error;
  }
}

/** Uses a verification link once: the address is confirmed. */
export async function verifyEmail(db: Kysely<Database>, token: string): Promise<{ userId: string }> {
  if (!tokenSchema.safeParse(token).success) throw new AccountError("token_invalid");
  return db.transaction().execute(async (trx) => {
    const found = await lockUsableToken(trx, token, "verify_email");
    const updated = await trx
      .updateTable("users")
      .set((eb) => ({ email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(new Date())) }))
      .where("id", "=", found.userId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AccountError("token_invalid");
    await markTokenUsed(trx, found.id);
    return { userId: found.userId };
  });
}

/** Sends a new verification link (at most 3 an hour); nothing happens if already verified. */
export async function resendVerification(db: Kysely<Database>, userId: string): Promise<{ sent: boolean }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["email", "display_name", "locale", "email_verified_at"])
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw new AccountError("not_found");
    if (user.email_verified_at) return { sent: false };
    const recent = await countTokensSince(trx, userId, "verify_email", new Date(Date.now() - 3600 * 1000));
    if (recent >= MAX_LINK_EMAILS_PER_HOUR) throw new AccountError("too_many_emails");
    const token = await createAuthToken(trx, userId, "verify_email");
    await enqueueEmail(trx, {
      to: user.email,
      locale: user.locale,
      template: { ns: "email", key: "verifyEmail" },
      params: { name: user.display_name ?? "", token },
    });
    return { sent: true };
  });
}

/**
 * Checks e-mail and password. A wrong e-mail and a wrong password give the same error (and take
 * the same time). After 5 failures in 15 minutes for an address, sign-in for it is refused for
 * 15 minutes with AccountError("locked_out") (see lockout.server.ts); a success clears failures.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; ip?: string | null },
): Promise<{ userId: string; locale: string }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw new AccountError("invalid_credentials");
  const { email, password } = parsed.data;

  const until = await lockedUntil(db, email);
  if (until) throw new AccountError("locked_out", { lockedUntil: until });

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "locale"])
    .where(byEmail(email))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (!user || !ok) {
    await recordLoginFailure(db, email, input.ip ?? null);
    throw new AccountError("invalid_credentials");
  }
  await clearLoginFailures(db, email);
  return { userId: user.id, locale: user.locale };
}

/**
 * Sends a one-hour reset link if the address belongs to an account; otherwise does nothing.
 * Either way the caller shows the same answer, so nobody learns which addresses are registered.
 */
export async function requestPasswordReset(db: Kysely<Database>, input: { email: string }): Promise<void> {
  const email = normaliseEmail(String(input.email ?? ""));
  if (!email.includes("@")) return;
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "email", "display_name", "locale"])
      .where(byEmail(email))
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!user) return;
    const recent = await countTokensSince(trx, user.id, "reset_password", new Date(Date.now() - 3600 * 1000));
    if (recent >= MAX_LINK_EMAILS_PER_HOUR) return; // quietly: the answer must not differ
    const token = await createAuthToken(trx, user.id, "reset_password");
    await enqueueEmail(trx, {
      to: user.email,
      locale: user.locale,
      template: { ns: "email", key: "resetPassword" },
      params: { name: user.display_name ?? "", token },
    });
  });
}

/** Whether a reset link can still be used ("ok"), without using it. */
export async function checkResetLink(db: Kysely<Database>, token: string) {
  if (!tokenSchema.safeParse(token).success) return "token_invalid" as const;
  return inspectToken(db, token, "reset_password");
}

/**
 * Sets a new password with a reset link, once. The link dies (so do the other open reset links),
 * failed sign-ins for the address are forgotten (a reset always beats a lockout), every session
 * ends, the address counts as verified (the link reached it) and a notice e-mail is queued.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: { token: string; password: string },
): Promise<{ userId: string; email: string }> {
  if (!tokenSchema.safeParse(input.token).success) throw new AccountError("token_invalid");
  const password = newPassword.parse(input.password);
  return db.transaction().execute(async (trx) => {
    const found = await lockUsableToken(trx, input.token, "reset_password");
    const user = await trx
      .selectFrom("users")
      .select(["id", "email", "display_name", "locale"])
      .where("id", "=", found.userId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user) throw new AccountError("token_invalid");
    // Checked before the link is spent, so the person can pick another password with the same link.
    if (passwordIsEmail(password, user.email)) throw new AccountError("password_is_email");

    await markTokenUsed(trx, found.id);
    await revokeOpenTokens(trx, user.id, "reset_password");
    const passwordHash = await hashPassword(password);
    await trx
      .updateTable("users")
      .set((eb) => ({
        password_hash: passwordHash,
        email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(new Date())),
      }))
      .where("id", "=", user.id)
      .execute();
    await clearLoginFailures(trx, user.email);
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await enqueueEmail(trx, {
      to: user.email,
      locale: user.locale,
      template: { ns: "email", key: "passwordChanged" },
      params: { name: user.display_name ?? "" },
    });
    return { userId: user.id, email: user.email };
  });
}

/** The language of the interface and of the e-mails a person receives. */
export async function changeLocale(db: Kysely<Database>, userId: string, locale: string): Promise<{ locale: string }> {
  const parsed = localeSchema.parse({ locale });
  await db.updateTable("users").set({ locale: parsed.locale }).where("id", "=", userId).where("deleted_at", "is", null).execute();
  return { locale: parsed.locale };
}

export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  input: { displayName: string; locale: string },
): Promise<{ displayName: string; locale: string }> {
  const form = profileSchema.parse(input);
  const updated = await db
    .updateTable("users")
    .set({ display_name: form.displayName, locale: form.locale })
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AccountError("not_found");
  return form;
}

/** What the account page shows. */
export async function getAccount(db: Kysely<Database>, userId: string) {
  const user = await loadAccountRow(db, userId);
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).orderBy("role").execute();
  return {
    email: user.email,
    displayName: user.display_name ?? "",
    locale: user.locale,
    emailVerified: user.email_verified_at !== null,
    createdAt: user.created_at.toISOString(),
    roles: roles.map((r) => r.role),
  };
}
