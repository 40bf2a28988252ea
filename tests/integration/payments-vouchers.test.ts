import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { isPaymentError } from "../../app/domain/payments/payment-errors";
import { grantVoucher, listFamilyVouchers, listVouchersForOperator, revokeVoucher, usableVouchers } from "../../app/domain/payments/vouchers.server";
import { categoryId, insertUser } from "../support/booking-fixtures";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const Q1 = 1;
const Q2 = 2;

let ctx: TestContext;
let operatorQ1: CurrentUser;
let operatorQ2: CurrentUser;
let admin: CurrentUser;
let family: CurrentUser;

const grant = (user: CurrentUser, overrides: Partial<Parameters<typeof grantVoucher>[2]> = {}) =>
  grantVoucher(ctx.db, user, {
    familyEmail: family.email,
    programme: "Buono Welfare di Tutti 2026",
    budgetCents: 25_000,
    categoryIds: [],
    expiresOn: "2099-06-30",
    quartiereId: Q1,
    ...overrides,
  });

beforeAll(async () => {
  ctx = await createTestContext();
  operatorQ1 = await insertUser(ctx.db, { roles: ["operator"], quartieri: [Q1] });
  operatorQ2 = await insertUser(ctx.db, { roles: ["operator"], quartieri: [Q2] });
  admin = await insertUser(ctx.db, { roles: ["admin"] });
  family = await insertUser(ctx.db, { roles: ["family"] });
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("municipal vouchers", () => {
  it("an operator grants a family a voucher for their quartiere, recorded in the audit log", async () => {
    const babysitter = await categoryId(ctx.db, "babysitter");
    const { voucherId } = await grant(operatorQ1, { familyEmail: family.email.toUpperCase(), categoryIds: [babysitter] });

    const [voucher] = await listFamilyVouchers(ctx.db, family.id);
    expect(voucher).toMatchObject({ id: voucherId, programme: "Buono Welfare di Tutti 2026", budgetCents: 25_000, balanceCents: 25_000, categorySlugs: ["babysitter"], state: "active" });
    const trail = await auditTrail(ctx.db, "voucher", voucherId);
    expect(trail.map((a) => [a.action, a.actor_user_id])).toEqual([["voucher.grant", operatorQ1.id]]);
    expect(trail[0]!.details).toMatchObject({ familyUserId: family.id, quartiereId: Q1, budgetCents: 25_000 });
    expect(await usableVouchers(ctx.db, family.id, babysitter)).toHaveLength(1);
    expect(await usableVouchers(ctx.db, family.id, await categoryId(ctx.db, "badante"))).toHaveLength(0);
  });

  it("an operator of another quartiere cannot grant for a quartiere not theirs, nor revoke its vouchers", async () => {
    const { voucherId } = await grant(operatorQ1);
    await expect(grant(operatorQ2, { quartiereId: Q1 })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(revokeVoucher(ctx.db, operatorQ2, voucherId)).rejects.toBeInstanceOf(AuthorisationError);
    expect((await listVouchersForOperator(ctx.db, operatorQ2)).map((v) => v.id)).not.toContain(voucherId);
    expect(await auditTrail(ctx.db, "voucher", voucherId)).toHaveLength(1);
  });

  it("nobody but operators and admins may grant", async () => {
    const provider = await insertUser(ctx.db, { roles: ["provider"] });
    for (const user of [family, provider]) {
      await expect(grant(user)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(listVouchersForOperator(ctx.db, user)).rejects.toBeInstanceOf(AuthorisationError);
    }
    await expect(grant(admin, { quartiereId: Q2 })).resolves.toHaveProperty("voucherId");
  });

  it("the family must exist and have the family role", async () => {
    const provider = await insertUser(ctx.db, { roles: ["provider"] });
    for (const email of ["nobody@example.test", provider.email]) {
      const error = await grant(operatorQ1, { familyEmail: email }).catch((e) => e);
      expect(isPaymentError(error, "family_not_found")).toBe(true);
    }
  });

  it("revoking stops the voucher paying, keeps its history, and is logged; twice is refused", async () => {
    const { voucherId } = await grant(operatorQ1, { budgetCents: 5_000 });
    await revokeVoucher(ctx.db, operatorQ1, voucherId);
    const error = await revokeVoucher(ctx.db, operatorQ1, voucherId).catch((e) => e);
    expect(isPaymentError(error, "voucher_already_revoked")).toBe(true);
    expect((await usableVouchers(ctx.db, family.id, await categoryId(ctx.db))).map((v) => v.id)).not.toContain(voucherId);
    expect((await listFamilyVouchers(ctx.db, family.id)).find((v) => v.id === voucherId)?.state).toBe("revoked");
    expect((await auditTrail(ctx.db, "voucher", voucherId)).map((a) => a.action)).toEqual(["voucher.grant", "voucher.revoke"]);
    const row = (await listVouchersForOperator(ctx.db, operatorQ1)).find((v) => v.id === voucherId);
    expect(row).toMatchObject({ revokedAt: expect.any(String), balanceCents: 5_000, grantedByMe: true });
  });
});
