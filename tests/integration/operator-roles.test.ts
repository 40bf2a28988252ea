import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantOperatorRole, UnknownAccountError } from "../../app/domain/accounts/operator-roles.server";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("granting the operator role", () => {
  it("makes an account the operator of the given quartieri, adding to earlier ones", async () => {
    const { id } = await ctx.db.insertInto("users").values({ email: "Assistente.Sociale@Comune.example" }).returning("id").executeTakeFirstOrThrow();
    await grantOperatorRole(ctx.db, { email: "assistente.sociale@comune.example", quartieri: [12] });
    const granted = await grantOperatorRole(ctx.db, { email: "ASSISTENTE.SOCIALE@comune.example", quartieri: [1, 12] });
    expect(granted.quartieri).toEqual([1, 12]);
    const user = await loadCurrentUser(ctx.db, id);
    expect(user?.roles).toContain("operator");
    expect(user?.operatorQuartieri).toEqual([1, 12]);
  });

  it("refuses an unknown account", async () => {
    await expect(grantOperatorRole(ctx.db, { email: "nessuno@example.org", quartieri: [1] })).rejects.toBeInstanceOf(UnknownAccountError);
  });
});
