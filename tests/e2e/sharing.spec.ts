import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { amountDueFor } from "../../app/domain/sharing/group-payments.server";
import { formatMoney } from "../../app/i18n/format";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { closeE2eDb, e2eDb, insertE2eUser, signIn, signInAsOperator, uniqueWord, type E2eUser } from "./support/operator-login";
import { enabledStubAccount, insertOwnedProvider } from "./support/payment-fixtures";

// Via Padova, in Milan: inside the city's bounds, so "use my location" is accepted. The three
// families live in the same building.
const HOME = { latitude: 45.4973, longitude: 9.2213 };
// NIL 1 (DUOMO): the quartiere the families choose and the provider serves.
const QUARTIERE = 1;

test.afterAll(async () => {
  await closeE2eDb();
});

async function familyContext(browser: Browser, baseURL: string, user: E2eUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "it-IT", geolocation: HOME, permissions: ["geolocation"] });
  await signIn(context, baseURL, user);
  return { context, page: await context.newPage() };
}

/** The need form, filled as a family would: Sunday mornings, so no other journey's needs come near. */
async function fillNeed(page: Page, condominium: string) {
  await page.goto("/needs");
  await page.getByRole("link", { name: "Nuova richiesta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nuova richiesta di servizio");
  await page.getByLabel("Servizio").selectOption({ label: "Babysitter" });
  const firstRow = page.getByRole("group", { name: "Giorni e orario", exact: true });
  await firstRow.getByLabel("domenica").check();
  await firstRow.getByLabel("Dalle", { exact: true }).selectOption("07:00");
  await firstRow.getByLabel("Alle", { exact: true }).selectOption("10:00");
  await page.getByLabel("Indirizzo").fill("Via Padova 21");
  await page.getByLabel("Quartiere", { exact: true }).selectOption({ label: "Duomo" });
  await page.getByRole("button", { name: "Usa la mia posizione" }).click();
  await expect(page.getByText("Posizione trovata")).toBeVisible();
  await page.getByLabel("Condominio (facoltativo)").selectOption({ label: condominium });
  await page.getByLabel("Età dei bambini (facoltativo)").fill("6");
}

async function submitNeed(page: Page) {
  await page.getByRole("button", { name: "Pubblica la richiesta" }).click();
}

async function expectNeedPosted(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Babysitter");
  await expect(page.getByRole("status").filter({ hasText: "Richiesta pubblicata" })).toBeVisible();
}

test.describe("shared services", () => {
  test("three families in one condominium are proposed a shared babysitter, accept it, book a provider's offer, and each pays their share", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    const word = uniqueWord();
    const names = [`Alda ${word}`, `Bruno ${word}`, `Carla ${word}`];
    const families = [];
    for (const displayName of names) families.push(await insertE2eUser({ roles: ["family"], displayName }));

    // The condominium and its residents, straight into the database (its own flow is tested elsewhere).
    const building = `Condominio ${word}`;
    const db = e2eDb();
    const { id: condominiumId } = await db
      .insertInto("condominiums")
      .values({ name: building, address: "Via Padova 21", quartiere_id: QUARTIERE, lat: HOME.latitude, lng: HOME.longitude, units: 12, invite_code: word.toUpperCase().slice(0, 8).padEnd(8, "X"), created_by: families[0]!.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("condominium_members").values(families.map((f) => ({ condominium_id: condominiumId, user_id: f.id }))).execute();

    const sessions = [];
    for (const family of families) sessions.push(await familyContext(browser, baseURL!, family));
    const [alda, bruno, carla] = sessions.map((s) => s.page) as [Page, Page, Page];

    // Each family posts the same need; a first try without the times says what is missing and keeps what was typed.
    await alda.goto("/needs/new");
    await alda.getByLabel("Indirizzo").fill("Via Padova 21");
    await alda.getByRole("button", { name: "Pubblica la richiesta" }).click();
    await expect(alda.getByRole("alert")).toContainText("Scegli un servizio.");
    await expect(alda.getByRole("alert")).toContainText("Indica almeno un giorno con l'orario.");
    await expect(alda.getByLabel("Indirizzo")).toHaveValue("Via Padova 21");
    await expect(alda.getByLabel("Servizio")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(alda);

    // The three fill in the form, then post within moments of each other (the aggregation run
    // starts a few seconds after the first change, and groups the needs it finds then).
    for (const page of [alda, bruno, carla]) await fillNeed(page, building);
    await expectNoSeriousA11yViolations(alda);
    for (const page of [alda, bruno, carla]) await submitNeed(page);
    for (const page of [alda, bruno, carla]) await expectNeedPosted(page);
    await expect(alda.getByText("Posizione dal dispositivo, arrotondata a circa 50 metri.")).toBeVisible();
    await expectNoSeriousA11yViolations(alda);

    // The worker's aggregation run (queued by the needs, a few seconds later) proposes the group.
    let groupId: string | undefined;
    await expect
      .poll(
        async () => {
          const row = await db.selectFrom("shared_groups").select("id").where("condominium_id", "=", condominiumId).where("status", "=", "proposed").executeTakeFirst();
          groupId = row?.id;
          return groupId;
        },
        { timeout: 45_000, intervals: [500] },
      )
      .toBeTruthy();

    // Each family finds the proposal, described in words (quartiere, times, their share), and accepts.
    for (const [i, page] of [alda, bruno, carla].entries()) {
      await page.goto("/needs");
      await page.getByRole("link", { name: /Babysitter · Proposta/ }).click();
      await expect(page).toHaveURL(new RegExp(`/groups/${groupId}$`));
      await expect(page.getByTestId("group-summary")).toContainText("3 famiglie a Duomo, domenica 07:00–10:00");
      await expect(page.getByTestId("group-summary")).toContainText("per te invece di");
      // The others appear by first name and initial, never with the address.
      const members = page.getByRole("table", { name: "Le famiglie del gruppo e le loro quote" });
      for (const [j, name] of names.entries()) {
        if (j !== i) await expect(members.getByRole("rowheader", { name: `${name.split(" ")[0]} ${name.split(" ")[1]![0]!.toUpperCase()}.` })).toBeVisible();
      }
      await expect(page.getByText("Via Padova")).toHaveCount(0);
      if (i === 0) await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Accetto" }).click();
      await expect(page.getByRole("status").filter({ hasText: i < 2 ? "Hai accettato" : "Il gruppo è formato!" })).toBeVisible();
    }
    await expect(carla.getByTestId("group-status")).toHaveText("Gruppo formato");

    // A verified provider serving DUOMO sees the group's request and offers a price for the group.
    const owner = await insertE2eUser({ roles: ["provider"], displayName: `Ottavia ${word}` });
    const providerName = `Ottavia ${word}`;
    // It takes online payments (a Connect account at the Stripe stub), so each family pays on Vicinato.
    await insertOwnedProvider(owner, { name: providerName, quartiereId: QUARTIERE, stripeAccountId: await enabledStubAccount() });
    const providerContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(providerContext, baseURL!, owner);
    const provider = await providerContext.newPage();
    await provider.goto("/provider/group-requests");
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText("Richieste di gruppo");
    const request = provider.locator(`#request-${groupId}`);
    await expect(request).toContainText("Babysitter · Duomo");
    await expect(request).toContainText("3 famiglie");
    await expect(request).not.toContainText("Via Padova");
    await expectNoSeriousA11yViolations(provider);
    await request.getByLabel("Prezzo all'ora per tutto il gruppo, in euro").fill("18,60");
    await request.getByLabel("Messaggio alle famiglie (facoltativo)").fill("Posso tutte le domeniche mattina.");
    await request.getByRole("button", { name: "Invia l'offerta" }).click();
    await expect(provider.getByRole("status").filter({ hasText: "Offerta inviata" })).toBeVisible();

    // A member chooses the offer and books for the whole group.
    await bruno.reload();
    await expect(bruno.getByText(`Offerta di ${providerName}`)).toBeVisible();
    await expect(bruno.getByText("Posso tutte le domeniche mattina.")).toBeVisible();
    await expectNoSeriousA11yViolations(bruno);
    await bruno.getByRole("button", { name: "Prenota per il gruppo" }).click();
    await expect(bruno.getByRole("status").filter({ hasText: "Prenotazione fatta per tutto il gruppo" })).toBeVisible();

    const booking = await db
      .selectFrom("bookings")
      .select(["id", "total_cents", "status", "family_user_id"])
      .where("shared_group_id", "=", groupId!)
      .executeTakeFirstOrThrow();
    expect(booking.status).toBe("accepted");
    expect(booking.family_user_id).toBe(families[1]!.id);

    // Each family sees their own share to pay; the shares add up exactly to the booking's total.
    let sum = 0;
    for (const [i, page] of [alda, bruno, carla].entries()) {
      const due = await amountDueFor(db, { bookingId: booking.id, userId: families[i]!.id });
      expect(due).not.toBeNull();
      sum += due!;
      await page.goto(`/groups/${groupId}`);
      await expect(page.getByTestId("group-status")).toHaveText("Prenotato");
      await expect(page.getByTestId("my-amount")).toContainText(formatMoney(due!, "EUR", "it").replace(/\u00a0/g, " "));
      await expect(page.getByRole("table", { name: "Quote da pagare di ogni famiglia" }).getByRole("row")).toHaveCount(4);
    }
    expect(sum).toBe(booking.total_cents);
    await expectNoSeriousA11yViolations(carla);

    // Each family pays its own share — here with a municipal voucher — and the group's booking is
    // confirmed when the last share is paid.
    for (const family of families) {
      await db
        .insertInto("vouchers")
        .values({ family_user_id: family.id, programme: "Buono famiglie", budget_cents: 500_000, balance_cents: 500_000, expires_on: "2099-12-31", quartiere_id: QUARTIERE })
        .execute();
    }
    for (const [i, page] of [alda, bruno, carla].entries()) {
      await page.goto(`/groups/${groupId}`);
      await page.getByRole("link", { name: "Paga la tua quota" }).click();
      await expect(page).toHaveURL(new RegExp(`/bookings/${booking.id}/pay$`));
      if (i === 0) await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Conferma e paga con i buoni" }).click();
      const last = i === 2;
      await expect(page.getByRole("status").filter({ hasText: last ? "Pagamento ricevuto" : "Quota pagata" })).toBeVisible();
      const status = (await db.selectFrom("bookings").select("status").where("id", "=", booking.id).executeTakeFirstOrThrow()).status;
      expect(status).toBe(last ? "confirmed" : "accepted");
    }
    const paid = await db.selectFrom("payments").select(["payer_user_id", "amount_cents", "status"]).where("booking_id", "=", booking.id).execute();
    expect(paid).toHaveLength(3);
    expect(paid.every((p) => p.status === "paid")).toBe(true);
    expect(paid.reduce((total, p) => total + p.amount_cents, 0)).toBe(booking.total_cents);

    for (const session of sessions) await session.context.close();
    await providerContext.close();
  });

  test("another family gets 403 on a group it is not in", async ({ browser, baseURL }) => {
    const word = uniqueWord();
    const [a, b, stranger] = [
      await insertE2eUser({ roles: ["family"], displayName: `Anna ${word}` }),
      await insertE2eUser({ roles: ["family"], displayName: `Beppe ${word}` }),
      await insertE2eUser({ roles: ["family"], displayName: `Estranea ${word}` }),
    ];
    const db = e2eDb();
    const category = await db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
    const windows = JSON.stringify([{ weekday: 6, startMinute: 420, endMinute: 540 }]);
    const needs = [];
    for (const family of [a, b]) {
      const { id } = await db
        .insertInto("needs")
        .values({ family_user_id: family.id, created_by_user_id: family.id, on_behalf_of: null, category_id: category.id, windows, address: "Via Torino 3", quartiere_id: QUARTIERE, lat: 45.4625, lng: 9.1856, budget_cents_per_hour: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      needs.push(id);
    }
    const { id: groupId } = await db
      .insertInto("shared_groups")
      .values({
        proposal_key: `e2e-${word}`,
        category_id: category.id,
        quartiere_id: QUARTIERE,
        meeting_lat: 45.4625,
        meeting_lng: 9.1856,
        shared_windows: windows,
        weekly_minutes: 120,
        hourly_total_cents: 1560,
        individual_hourly_cents: 1300,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("shared_group_members")
      .values(needs.map((needId, i) => ({ group_id: groupId, need_id: needId, family_user_id: [a, b][i]!.id, share_hourly_cents: 780 })))
      .execute();

    const context = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(context, baseURL!, stranger);
    const page = await context.newPage();
    const response = await page.goto(`/groups/${groupId}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Non puoi vedere questa pagina");
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const post = await page.request.post(`/groups/${groupId}`, { form: { _csrf: csrf, intent: "decline" }, maxRedirects: 0 });
    expect(post.status()).toBe(403);
    expect((await page.goto(`/needs/${needs[0]}`))?.status()).toBe(403);
    const statuses = await db.selectFrom("shared_group_members").select("status").where("group_id", "=", groupId).execute();
    expect(statuses.every((s) => s.status === "invited")).toBe(true);
    await context.close();
  });
  test("an operator records a need at the hub desk and assigns a provider to a formed group of their quartiere", async ({ page, context, baseURL }) => {
    const word = uniqueWord();
    const db = e2eDb();
    const category = await db.selectFrom("service_categories").select("id").where("slug", "=", "colf").executeTakeFirstOrThrow();
    // A formed group in DUOMO (two families), straight into the database.
    const windows = JSON.stringify([{ weekday: 3, startMinute: 420, endMinute: 540 }]);
    const members = [];
    for (const name of [`Dario ${word}`, `Elsa ${word}`]) {
      const family = await insertE2eUser({ roles: ["family"], displayName: name });
      const { id } = await db
        .insertInto("needs")
        .values({ family_user_id: family.id, created_by_user_id: family.id, on_behalf_of: null, category_id: category.id, windows, address: "Via Larga 5", quartiere_id: QUARTIERE, lat: 45.4612, lng: 9.1935, budget_cents_per_hour: null, status: "grouped" })
        .returning("id")
        .executeTakeFirstOrThrow();
      members.push({ needId: id, userId: family.id });
    }
    const { id: groupId } = await db
      .insertInto("shared_groups")
      .values({ proposal_key: `e2e-op-${word}`, category_id: category.id, status: "formed", quartiere_id: QUARTIERE, meeting_lat: 45.4612, meeting_lng: 9.1935, shared_windows: windows, weekly_minutes: 120, hourly_total_cents: 1440, individual_hourly_cents: 1200, formed_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("shared_group_members")
      .values(members.map((m) => ({ group_id: groupId, need_id: m.needId, family_user_id: m.userId, status: "accepted" as const, share_hourly_cents: 720 })))
      .execute();
    const providerOwner = await insertE2eUser({ roles: ["provider"], displayName: `Fabia ${word}` });
    const providerId = await insertOwnedProvider(providerOwner, { name: `Fabia ${word}`, quartiereId: QUARTIERE });
    await db.updateTable("provider_services").set({ category_id: category.id }).where("provider_id", "=", providerId).execute();

    await signInAsOperator(context, baseURL!, [QUARTIERE], `Operatrice ${word}`);
    await page.goto("/operator/needs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bisogni del territorio");
    await expect(page.getByRole("link", { name: "Colf · Duomo" }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // At the desk: someone without an account.
    await page.getByLabel("Nome e cognome della persona").fill(`Gina Rossi ${word}`);
    await page.getByLabel("Come contattarla (facoltativo)").fill("Passa il mercoledì");
    await page.getByLabel("Servizio").selectOption({ label: "Colf" });
    const firstRow = page.getByRole("group", { name: "Giorni e orario", exact: true });
    await firstRow.getByLabel("venerdì").check();
    await firstRow.getByLabel("Dalle", { exact: true }).selectOption("09:00");
    await firstRow.getByLabel("Alle", { exact: true }).selectOption("11:00");
    await page.getByLabel("Indirizzo").fill("Via Larga 7");
    await page.getByRole("button", { name: "Registra la richiesta" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Richiesta registrata per conto della persona" })).toBeVisible();
    await expect(page.getByText(`Gina Rossi ${word}`)).toBeVisible();
    await expect(page.getByText("Posizione approssimata: usiamo il centro del quartiere Duomo.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The formed group: assign the provider at the price agreed with her.
    await page.goto(`/operator/groups/${groupId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Colf · Duomo");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Assegna al gruppo" }).click();
    await expect(page.getByRole("alert")).toContainText("Scegli un fornitore.");
    await page.getByLabel("Fornitore", { exact: true }).selectOption({ value: providerId });
    await page.getByLabel("Prezzo all'ora per il gruppo, in euro").fill("15,50");
    await page.getByRole("button", { name: "Assegna al gruppo" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Fornitore assegnato" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Offerte dei fornitori" })).toContainText(`Fabia ${word}`);
    await expect(page.getByRole("region", { name: "Offerte dei fornitori" })).toContainText("assegnato dall'operatore");
    const audit = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "shared_group").where("subject_id", "=", groupId).execute();
    expect(audit.map((a) => a.action)).toEqual(["shared_group.assign_provider"]);
  });
});
