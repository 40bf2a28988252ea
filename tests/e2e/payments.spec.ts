import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { closeE2eDb, e2eDb, insertE2eUser, signIn, signInAsOperator, uniqueWord } from "./support/operator-login";
import { bookingStatusOf, enabledStubAccount, insertAcceptedBooking, insertOwnedProvider, insertVoucherFor, stubUrl } from "./support/payment-fixtures";

test.afterAll(async () => {
  await closeE2eDb();
});

test.describe("online payments", () => {
  test("a family pays an accepted booking with a voucher and a card, and the webhook confirms it", async ({ page, context, baseURL }) => {
    const word = uniqueWord();
    const owner = await insertE2eUser({ roles: ["provider"], displayName: `Paola ${word}` });
    const providerId = await insertOwnedProvider(owner, { name: `Paola ${word}`, stripeAccountId: await enabledStubAccount() });
    const family = await insertE2eUser({ roles: ["family"], displayName: `Famiglia ${word}` });
    await insertVoucherFor(family.id, 1_000, "Buono Nidi");
    const bookingId = await insertAcceptedBooking({ providerId, familyUserId: family.id, totalCents: 3_000 });
    await signIn(context, baseURL!, family);

    expect((await page.goto(`/bookings/${bookingId}/pay`))?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagamento della prenotazione");
    const amounts = page.getByRole("region", { name: "Importi" });
    await expect(amounts).toContainText("30 €");
    await expect(amounts).toContainText("−10 €");
    await expect(page.getByRole("table", { name: "I tuoi buoni con il saldo disponibile" })).toContainText("Buono Nidi");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Paga 20 € con carta" }).click();
    await page.waitForURL(`${stubUrl}/checkout/**`);
    await expect(page.getByTestId("amount")).toHaveText("EUR 20.00");
    await page.getByRole("button", { name: "Pay" }).click();

    await page.waitForURL(/\/bookings\/[^/]+\/pay\?result=success/);
    await expect(page.getByRole("status").filter({ hasText: "Pagamento ricevuto" })).toBeVisible();
    expect(await bookingStatusOf(bookingId)).toBe("confirmed");
    const payment = await e2eDb().selectFrom("payments").selectAll().where("booking_id", "=", bookingId).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ status: "paid", voucher_cents: 1_000, stripe_cents: 2_000 });
  });

  test("coming back from Checkout without paying: nothing charged, the booking stays accepted", async ({ page, context, baseURL }) => {
    const word = uniqueWord();
    const owner = await insertE2eUser({ roles: ["provider"] });
    const providerId = await insertOwnedProvider(owner, { name: `Carla ${word}`, stripeAccountId: await enabledStubAccount() });
    const family = await insertE2eUser({ roles: ["family"] });
    const bookingId = await insertAcceptedBooking({ providerId, familyUserId: family.id, totalCents: 4_500 });
    await signIn(context, baseURL!, family);

    await page.goto(`/bookings/${bookingId}/pay`);
    await page.getByRole("button", { name: /con carta/ }).click();
    await page.waitForURL(`${stubUrl}/checkout/**`);
    await page.getByRole("link", { name: "Back" }).click();
    await page.waitForURL(/result=cancelled/);
    await expect(page.getByRole("status").filter({ hasText: "Pagamento annullato" })).toBeVisible();
    expect(await bookingStatusOf(bookingId)).toBe("accepted");
  });

  test("without JavaScript the pay button still reaches Stripe Checkout (CSP form-action allows it)", async ({ browser, baseURL }) => {
    const owner = await insertE2eUser({ roles: ["provider"] });
    const providerId = await insertOwnedProvider(owner, { name: `Nora ${uniqueWord()}`, stripeAccountId: await enabledStubAccount() });
    const family = await insertE2eUser({ roles: ["family"] });
    const bookingId = await insertAcceptedBooking({ providerId, familyUserId: family.id, totalCents: 2_000 });
    const context = await browser.newContext({ baseURL, locale: "it-IT", javaScriptEnabled: false });
    await signIn(context, baseURL!, family);
    const page = await context.newPage();
    const response = await page.goto(`/bookings/${bookingId}/pay`);
    expect(response?.headers()["content-security-policy"]).toContain(`form-action 'self' https://checkout.stripe.com https://connect.stripe.com ${stubUrl}`);
    await page.getByRole("button", { name: "Paga 20 € con carta" }).click();
    await page.waitForURL(`${stubUrl}/checkout/**`);
    await expect(page.getByTestId("amount")).toHaveText("EUR 20.00");
    await context.close();
  });

  test("another family, the provider and an operator get 403 on the pay page; a visitor is sent to sign in", async ({ browser, baseURL }) => {
    const word = uniqueWord();
    const owner = await insertE2eUser({ roles: ["provider"] });
    const providerId = await insertOwnedProvider(owner, { name: `Lia ${word}`, stripeAccountId: await enabledStubAccount() });
    const family = await insertE2eUser({ roles: ["family"] });
    const bookingId = await insertAcceptedBooking({ providerId, familyUserId: family.id, totalCents: 3_000 });

    const visitor = await browser.newContext({ baseURL });
    const anonymous = await visitor.request.get(`/bookings/${bookingId}/pay`, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(302);
    expect(anonymous.headers().location).toMatch(/^\/login\?redirectTo=/);
    await visitor.close();

    for (const intruder of [await insertE2eUser({ roles: ["family"] }), owner, await insertE2eUser({ roles: ["operator"], quartieri: [1] })]) {
      const context = await browser.newContext({ baseURL, locale: "it-IT" });
      await signIn(context, baseURL!, intruder);
      const page = await context.newPage();
      expect((await page.goto(`/bookings/${bookingId}/pay`))?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const post = await page.request.post(`/bookings/${bookingId}/pay`, { form: { _csrf: csrf }, maxRedirects: 0 });
      expect(post.status()).toBe(403);
      await context.close();
    }
    expect(await e2eDb().selectFrom("payments").select("id").where("booking_id", "=", bookingId).execute()).toEqual([]);
  });

  test("the webhook refuses a bad signature and anything but POST", async ({ request }) => {
    const bad = await request.post("/stripe/webhook", { data: JSON.stringify({ id: "evt_fake", type: "checkout.session.completed" }), headers: { "stripe-signature": "t=1,v1=00" } });
    expect(bad.status()).toBe(400);
    expect((await request.get("/stripe/webhook")).status()).toBe(405);
    expect(await e2eDb().selectFrom("stripe_events").select("id").where("id", "=", "evt_fake").executeTakeFirst()).toBeUndefined();
  });
});

test.describe("provider payouts", () => {
  test("a provider connects a Stripe Express account and can then take online payments", async ({ page, context, baseURL }) => {
    const owner = await insertE2eUser({ roles: ["provider"] });
    await insertOwnedProvider(owner, { name: `Giulia ${uniqueWord()}` });
    await signIn(context, baseURL!, owner);

    expect((await page.goto("/provider/payouts"))?.status()).toBe(200);
    await expect(page.getByTestId("payout-status")).toHaveText("Non hai ancora collegato un conto.");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Configura i pagamenti" }).click();
    await page.waitForURL(`${stubUrl}/connect/onboarding/**`);
    await page.getByRole("button", { name: "Complete onboarding" }).click();

    await page.waitForURL(/\/provider\/payouts\?from=return/);
    await expect(page.getByTestId("payout-status")).toHaveText("Puoi ricevere pagamenti online.");
    const row = await e2eDb().selectFrom("provider_payout_accounts as a").innerJoin("provider_members as m", "m.provider_id", "a.provider_id").select(["a.charges_enabled"]).where("m.user_id", "=", owner.id).executeTakeFirstOrThrow();
    expect(row.charges_enabled).toBe(true);
  });

  test("a family gets 403 on the payouts page", async ({ page, context, baseURL }) => {
    await signIn(context, baseURL!, await insertE2eUser({ roles: ["family"] }));
    expect((await page.goto("/provider/payouts"))?.status()).toBe(403);
  });
});

test.describe("municipal vouchers", () => {
  test("an operator grants a voucher, the family sees it, the operator revokes it; another quartiere's operator is refused", async ({ page, context, baseURL, browser }) => {
    const word = uniqueWord();
    const family = await insertE2eUser({ roles: ["family"], displayName: `Famiglia ${word}` });
    await signInAsOperator(context, baseURL!, [1]);

    expect((await page.goto("/operator/vouchers"))?.status()).toBe(200);
    await expectNoSeriousA11yViolations(page);
    const quick = { timeout: 5_000 };
    await page.getByLabel("E-mail della famiglia").fill(family.email, quick);
    await page.getByLabel("Misura o programma").fill(`Buono ${word}`, quick);
    await page.getByLabel("Importo in euro").fill("150,50", quick);
    await page.getByRole("checkbox", { name: "Babysitter", exact: true }).check(quick);
    await page.getByLabel("Valido fino al").fill("2099-06-30", quick);
    await page.getByRole("button", { name: "Assegna il buono" }).click(quick);
    await expect(page.getByRole("status")).toContainText(`Buono assegnato a ${family.email}.`);
    const row = page.getByRole("row").filter({ hasText: `Buono ${word}` });
    await expect(row).toContainText("150,50 €");

    const voucher = await e2eDb().selectFrom("vouchers").selectAll().where("programme", "=", `Buono ${word}`).executeTakeFirstOrThrow();
    expect(voucher).toMatchObject({ family_user_id: family.id, budget_cents: 15_050, balance_cents: 15_050, quartiere_id: 1 });
    const audit = await e2eDb().selectFrom("audit_log").select("action").where("subject_id", "=", voucher.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["voucher.grant"]);

    // The family sees it on their own page.
    const familyContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(familyContext, baseURL!, family);
    const familyPage = await familyContext.newPage();
    await familyPage.goto("/account/vouchers");
    await expect(familyPage.getByRole("row").filter({ hasText: `Buono ${word}` })).toContainText("Attivo");
    await familyContext.close();

    // An operator of another quartiere cannot grant for quartiere 1 nor revoke this voucher.
    const otherContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signInAsOperator(otherContext, baseURL!, [2]);
    const otherPage = await otherContext.newPage();
    await otherPage.goto("/operator/vouchers");
    await expect(otherPage.getByText(`Buono ${word}`)).toHaveCount(0);
    const csrf = await otherPage.locator('input[name="_csrf"]').first().inputValue();
    const grant = await otherPage.request.post("/operator/vouchers", {
      form: { _csrf: csrf, intent: "grant", familyEmail: family.email, programme: "Tentativo", budget: "10", expiresOn: "2099-01-01", quartiereId: "1" },
      maxRedirects: 0,
    });
    expect(grant.status()).toBe(403);
    const revoke = await otherPage.request.post("/operator/vouchers", { form: { _csrf: csrf, intent: "revoke", voucherId: voucher.id }, maxRedirects: 0 });
    expect(revoke.status()).toBe(403);
    await otherContext.close();

    await row.getByRole("button", { name: /Revoca il buono/ }).click();
    await expect(page.getByRole("status")).toContainText("Buono revocato");
    await expect(page.getByRole("row").filter({ hasText: `Buono ${word}` })).toContainText("Revocato");
    const trail = await e2eDb().selectFrom("audit_log").select("action").where("subject_id", "=", voucher.id).orderBy("id").execute();
    expect(trail.map((a) => a.action)).toEqual(["voucher.grant", "voucher.revoke"]);
  });
});
