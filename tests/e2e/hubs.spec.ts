import { expect, test, type BrowserContext } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { closeE2eDb, e2eDb, insertE2eUser, signIn, signInAsOperator, uniqueWord } from "./support/operator-login";

// NIL ids from the shipped open data: 20 LORETO - CASORETTO - NOLO (covered by the demo hub
// "Spazio Vicinato Loreto"), 2 BRERA (covered by no demo hub).
const LORETO = 20;
const BRERA = 2;
const LORETO_HUB = "Spazio Vicinato Loreto";

test.afterAll(async () => {
  await closeE2eDb();
});

async function hubIdByName(name: string): Promise<string> {
  const hub = await e2eDb().selectFrom("hubs").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return hub.id;
}

/** An event of our own at a demo hub (so parallel tests never share places). */
async function insertEvent(hubId: string, options: { title: string; capacity: number; daysAhead?: number }): Promise<string> {
  const startsAt = new Date(Date.now() + (options.daysAhead ?? 5) * 86_400_000);
  const { id } = await e2eDb()
    .insertInto("hub_events")
    .values({
      hub_id: hubId,
      title: options.title,
      description: "Un incontro per le famiglie del quartiere.",
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 90 * 60_000),
      capacity: options.capacity,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function signInAsFamily(context: BrowserContext, baseURL: string, displayName: string) {
  const user = await insertE2eUser({ roles: ["family"], displayName });
  await signIn(context, baseURL, user);
  return user;
}

/** "YYYY-MM-DD" some days from now (the operator's date input). */
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe("neighbourhood hubs", () => {
  test("a visitor finds the hub of their quartiere, its opening hours and an event", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Menu principale" }).getByRole("link", { name: "Spazi di quartiere" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spazi di quartiere");
    await expect(page.getByRole("status")).toContainText(/\d+ spazi/);
    await expectNoSeriousA11yViolations(page);

    // A quartiere no hub serves says so and offers a way on.
    await page.getByLabel("Quartiere").selectOption(String(BRERA));
    await page.getByRole("button", { name: "Mostra" }).click();
    await expect(page.getByText("Nessuno spazio serve ancora il quartiere Brera.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Vedi gli spazi del Municipio 1" })).toBeVisible();

    await page.getByLabel("Quartiere").selectOption(String(LORETO));
    await page.getByRole("button", { name: "Mostra" }).click();
    await expect(page).toHaveURL(/quartiere=20/);
    const card = page.getByRole("article", { name: LORETO_HUB });
    await expect(card).toContainText("Via Padova 21");
    await expect(card).toContainText("Loreto - Casoretto - Nolo");
    await expect(card).toContainText(/Aperto ora|Chiuso ora/);
    await expect(card).toContainText("Prossimi incontri");
    await expectNoSeriousA11yViolations(page);

    await card.getByRole("link", { name: LORETO_HUB, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(LORETO_HUB);
    const hours = page.getByRole("table", { name: "Orari di apertura per giorno della settimana" });
    await expect(hours.getByRole("row", { name: /lunedì/ })).toContainText("9:00–13:00");
    await expect(hours.getByRole("row", { name: /domenica/ })).toContainText("Chiuso");
    await expectNoSeriousA11yViolations(page);

    const events = page.getByRole("region", { name: "Prossimi incontri" });
    // (Another test may have just filled an event of its own here: take one with places.)
    const firstEvent = events.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^Accedi per iscriverti/ }) }).first();
    const title = (await firstEvent.getByRole("heading", { level: 3 }).textContent())!.trim();
    await expect(firstEvent.getByRole("link", { name: /^Accedi per iscriverti/ })).toBeVisible();
    await firstEvent.getByRole("link", { name: title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText(/posti liberi su|posto libero su|Completo/)).toBeVisible();
    await expect(page.getByRole("link", { name: /^Accedi per iscriverti/ })).toHaveAttribute("href", /\/login\?redirectTo=%2Fhubs%2F/);
    await expectNoSeriousA11yViolations(page);
  });

  test("a signed-in family signs up, sees their place, and a full event says so", async ({ browser, baseURL }) => {
    const hubId = await hubIdByName(LORETO_HUB);
    const title = `Caffè digitale ${uniqueWord()}`;
    const eventId = await insertEvent(hubId, { title, capacity: 1, daysAhead: 1 });

    const first = await browser.newContext();
    const page = await first.newPage();
    await signInAsFamily(first, baseURL!, "Famiglia Esposito");
    await page.goto(`/hubs/${hubId}`);
    const item = page.locator(`#event-${eventId}`);
    await expect(item).toContainText("1 posto libero su 1");
    await item.getByRole("button", { name: `Iscriviti – ${title}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Iscrizione confermata" })).toContainText(title);
    await expect(page.getByRole("region", { name: "Le tue iscrizioni" })).toContainText(title);
    await expect(item).toContainText("Hai un posto riservato");
    await expect(item.getByRole("button", { name: `Annulla l'iscrizione – ${title}` })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Someone else finds it full: no button, and the server would say so too.
    const second = await browser.newContext();
    const other = await second.newPage();
    await signInAsFamily(second, baseURL!, "Famiglia Colombo");
    await other.goto(`/hubs/${hubId}/events/${eventId}`);
    await expect(other.getByText("Completo")).toBeVisible();
    await expect(other.getByRole("button", { name: /^Iscriviti/ })).toHaveCount(0);
    const csrf = await other.locator('input[name="_csrf"]').first().inputValue();
    const refused = await other.request.post(`/hubs/${hubId}/events/${eventId}`, { form: { _csrf: csrf, intent: "signup", eventId }, maxRedirects: 0 });
    expect(refused.status()).toBe(409);

    // Giving the place back frees it.
    await item.getByRole("button", { name: `Annulla l'iscrizione – ${title}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Hai annullato l'iscrizione" })).toBeVisible();
    await expect(item).toContainText("1 posto libero su 1");
    await other.reload();
    await other.getByRole("button", { name: `Iscriviti – ${title}` }).click();
    await expect(other.getByRole("status").filter({ hasText: "Iscrizione confermata" })).toBeVisible();
    await expect(other.getByText("Hai un posto riservato")).toBeVisible();
    await first.close();
    await second.close();
  });

  test("an operator of a covered quartiere creates an event; an operator of another gets 403", async ({ page, context, baseURL, browser }) => {
    const hubId = await hubIdByName(LORETO_HUB);
    const title = `Educazione finanziaria ${uniqueWord()}`;
    await signInAsOperator(context, baseURL!, [LORETO], "Operatrice Lucia");

    await page.goto("/operator/hubs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spazi di quartiere");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: LORETO_HUB }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Gestisci: ${LORETO_HUB}`);
    await expect(page.getByRole("region", { name: "Il territorio" })).toContainText("Bisogni aperti");
    await expectNoSeriousA11yViolations(page);

    // An end before the start: nothing saved, the error at the field, what was typed kept.
    await page.getByLabel("Titolo").fill(title);
    await page.getByLabel("Descrizione").fill("Entrate, uscite e risparmio: un incontro pratico.");
    await page.getByLabel("Giorno").fill(dayAhead(10));
    await page.getByLabel("Inizio").fill("18:00");
    await page.getByLabel("Fine").fill("17:00");
    await page.getByLabel("Posti").fill("15");
    await page.getByRole("button", { name: "Crea l'incontro" }).click();
    await expect(page.getByRole("alert")).toContainText("campo da correggere");
    await expect(page.getByLabel("Fine")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("La fine deve venire dopo l'inizio.")).toBeVisible();
    await expect(page.getByLabel("Titolo")).toHaveValue(title);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Fine").fill("19:30");
    await page.getByRole("button", { name: "Crea l'incontro" }).click();
    await expect(page.getByRole("status")).toContainText("Incontro creato");
    const row = page.getByRole("table", { name: "Incontri in programma" }).getByRole("row", { name: new RegExp(title) });
    await expect(row).toContainText("0 su 15");

    // The public page has it, open for sign-up.
    await page.goto(`/hubs/${hubId}`);
    await expect(page.getByRole("heading", { level: 3, name: title })).toBeVisible();
    const created = await e2eDb().selectFrom("hub_events").select(["id", "capacity"]).where("title", "=", title).executeTakeFirstOrThrow();
    expect(created.capacity).toBe(15);
    const audit = await e2eDb().selectFrom("audit_log").select("action").where("subject_id", "=", created.id).execute();
    expect(audit.map((a) => a.action)).toContain("hub_event.create");

    // The event's page lists who signed up (nobody yet) and can cancel it.
    await page.goto(`/operator/hubs/${hubId}/events/${created.id}`);
    await expect(page.getByRole("heading", { level: 2, name: /Nessuno|0 persone iscritte/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // An operator of another quartiere: 403 on the hub's operator pages and on its forms.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signInAsOperator(otherContext, baseURL!, [BRERA]);
    for (const path of [`/operator/hubs/${hubId}`, `/operator/hubs/${hubId}/events/${created.id}`]) {
      const response = await other.goto(path);
      expect(response?.status(), `GET ${path}`).toBe(403);
      await expect(other.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
    }
    await other.goto("/operator/hubs");
    await expect(other.getByRole("link", { name: LORETO_HUB })).toHaveCount(0);
    const csrf = await other.locator('input[name="_csrf"]').first().inputValue();
    const post = await other.request.post(`/operator/hubs/${hubId}/events/${created.id}`, { form: { _csrf: csrf, intent: "cancel", confirm: "yes" }, maxRedirects: 0 });
    expect(post.status()).toBe(403);
    expect(await e2eDb().selectFrom("hub_events").select("id").where("id", "=", created.id).execute()).toHaveLength(1);
    await otherContext.close();
  });
});
