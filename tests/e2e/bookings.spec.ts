import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../../app/domain/bookings/schedule";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { insertBookableProvider, insertFamily, mondayAhead } from "./support/booking-fixtures";
import { closeE2eDb, e2eDb, signIn } from "./support/operator-login";

test.afterAll(async () => {
  await closeE2eDb();
});

const bookingIdFrom = (page: Page) => new URL(page.url()).pathname.split("/")[2]!;

test.describe("booking a provider", () => {
  test("a family asks for a weekly slot, fixes a clash without retyping, agrees to the provider's new time and pays directly; both calendars show it", async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const provider = await insertBookableProvider({
      slots: [
        [1, "15:00", "19:00"],
        [2, "09:00", "13:00"],
        [3, "15:00", "19:00"],
      ],
    });
    const family = await insertFamily();
    const monday = mondayAhead(14);
    const lastDay = addDays(monday, 27);

    const familyContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(familyContext, baseURL!, family);
    const page = await familyContext.newPage();

    // The public profile leads to the request form.
    await page.goto(`/providers/${provider.providerId}`);
    await page.getByRole("link", { name: "Richiedi questo servizio" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Richiedi un servizio a ${provider.name}`);

    // Mon, Tue and Wed 16:30–18:30 for four weeks: Tuesday is outside the provider's hours.
    await page.getByRole("radio", { name: "Ogni settimana" }).check();
    for (const day of ["lunedì", "martedì", "mercoledì"]) await page.getByRole("checkbox", { name: day }).check();
    await page.getByLabel("Dal giorno", { exact: true }).fill(monday);
    await page.getByLabel("Al giorno", { exact: true }).fill(lastDay);
    await page.getByLabel("Dalle ore", { exact: true }).selectOption("16:30");
    await page.getByLabel("Alle ore", { exact: true }).selectOption("18:30");
    await page.getByLabel("Quartiere", { exact: true }).selectOption("2");
    await page.getByLabel("Indirizzo", { exact: true }).fill("Via Solferino 12, Milano");
    await page.getByLabel(/Età dei bambini/).fill("Due bambini, 4 e 7 anni");
    await page.getByLabel("Telefono (facoltativo)", { exact: true }).fill("+39 333 123 4567");
    await page.getByLabel("Messaggio", { exact: true }).fill("Buongiorno, ci servirebbe aiuto dopo la scuola.");
    await page.getByRole("button", { name: "Invia la richiesta" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "La richiesta non è stata inviata" });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("martedì 16:30–18:30 è fuori dagli orari di chi offre il servizio (disponibile 09:00–13:00)");
    // Everything typed is still there.
    await expect(page.getByLabel("Indirizzo", { exact: true })).toHaveValue("Via Solferino 12, Milano");
    await expect(page.getByLabel("Messaggio", { exact: true })).toHaveValue("Buongiorno, ci servirebbe aiuto dopo la scuola.");
    await expect(page.getByLabel("Dal giorno", { exact: true })).toHaveValue(monday);
    await expect(page.getByLabel("Dalle ore", { exact: true })).toHaveValue("16:30");
    await expect(page.getByRole("checkbox", { name: "lunedì" })).toBeChecked();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("checkbox", { name: "martedì" }).uncheck();
    await page.getByRole("button", { name: "Invia la richiesta" }).click();
    await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}\?done=requested$/);
    await expect(page.getByRole("status")).toContainText("Richiesta inviata");
    const bookingId = bookingIdFrom(page);
    await expect(page.getByText("Richiesta inviata", { exact: true }).first()).toBeVisible();
    // Before confirmation, the family's own address is shown to them; the provider's contacts are not.
    await expect(page.getByText("I contatti si vedono quando la prenotazione è confermata")).toBeVisible();

    // The provider answers with another time: 17:00–19:00.
    const providerContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(providerContext, baseURL!, provider.owner);
    const providerPage = await providerContext.newPage();
    await providerPage.goto("/bookings");
    const waiting = providerPage.getByRole("region", { name: /Aspettano una tua risposta/ });
    // The family's first message is waiting in the booking's thread.
    await expect(waiting.getByRole("link", { name: "1 messaggio non letto" })).toHaveAttribute("href", `/bookings/${bookingId}/messages`);
    await waiting.getByRole("link", { name: /Babysitter con Famiglia/ }).click();
    await expect(providerPage).toHaveURL(new RegExp(`/bookings/${bookingId}$`));
    // Not confirmed yet: only the quartiere, never the address or phone.
    await expect(providerPage.getByText("Via Solferino 12")).toHaveCount(0);
    await expect(providerPage.getByText("+39 333 123 4567")).toHaveCount(0);
    await providerPage.getByLabel("Dalle ore", { exact: true }).selectOption("17:00");
    await providerPage.getByLabel("Alle ore", { exact: true }).selectOption("19:00");
    await providerPage.getByLabel("Nota per la famiglia (facoltativa)", { exact: true }).fill("Posso dalle 17");
    await providerPage.getByRole("button", { name: "Invia la proposta" }).click();
    await expect(providerPage.getByRole("status")).toContainText("Proposta inviata alla famiglia");
    await expectNoSeriousA11yViolations(providerPage);

    // The family accepts the proposal and confirms paying directly.
    await page.goto(`/bookings/${bookingId}`);
    await expect(page.getByRole("region", { name: `La proposta di ${provider.name}` })).toContainText("17:00–19:00");
    await page.getByRole("button", { name: "Accetta la proposta" }).click();
    await expect(page.getByRole("status")).toContainText("Hai accettato la proposta");
    await page.getByRole("button", { name: "Confermo: pagherò direttamente" }).click();
    await expect(page.getByRole("status")).toContainText("Prenotazione confermata");
    await expect(page.locator(".vc-status").first()).toHaveText("Confermata");
    await expectNoSeriousA11yViolations(page);

    const history = await e2eDb().selectFrom("booking_transitions").select("action").where("booking_id", "=", bookingId).orderBy("id").execute();
    expect(history.map((h) => h.action)).toEqual(["request", "counterOffer", "acceptOffer", "confirm"]);

    // Once confirmed the provider sees the family's address and phone.
    await providerPage.reload();
    const contacts = providerPage.getByRole("region", { name: /^Contatti di/ });
    await expect(contacts).toContainText("Via Solferino 12, Milano");
    await expect(contacts.getByRole("link", { name: "+39 333 123 4567" })).toBeVisible();
    await expect(contacts.getByRole("link", { name: family.email })).toBeVisible();

    // Both calendars list the sessions, 17:00–19:00 on the first Monday.
    const firstDay = new Intl.DateTimeFormat("it-IT", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(`${monday}T00:00:00Z`));
    for (const calendarPage of [page, providerPage]) {
      await calendarPage.goto("/calendar");
      const day = calendarPage.getByRole("region", { name: firstDay });
      await expect(day.getByRole("row", { name: /17:00–19:00/ })).toContainText("Babysitter");
      await expect(day.getByRole("row", { name: /17:00–19:00/ })).toContainText("Confermata");
    }
    await expectNoSeriousA11yViolations(page);

    // The .ics download has the weekly rule in Milan's time.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica il calendario (.ics)" }).click()]);
    expect(download.suggestedFilename()).toBe("vicinato-bookings.ics");
    const ics = await readFile((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR\r\n");
    expect(ics).toContain(`UID:booking-${bookingId}@vicinato`);
    expect(ics).toContain(`DTSTART;TZID=Europe/Rome:${monday.replace(/-/g, "")}T170000`);
    expect(ics).toMatch(/RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE;UNTIL=\d{8}T\d{6}Z/);
    const response = await page.request.get("/calendar.ics");
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment/);

    await familyContext.close();
    await providerContext.close();
  });

  test("without JavaScript, a one-off request on a day off is explained and then sent", async ({ browser, baseURL }) => {
    const provider = await insertBookableProvider({ slots: [[1, "15:00", "19:00"]] });
    const family = await insertFamily();
    const context = await browser.newContext({ baseURL, locale: "it-IT", javaScriptEnabled: false });
    await signIn(context, baseURL!, family);
    const page = await context.newPage();
    const thursday = addDays(mondayAhead(14), 3);

    await page.goto(`/providers/${provider.providerId}/request`);
    await page.getByRole("radio", { name: "Una volta sola" }).check();
    await page.getByLabel("Giorno", { exact: true }).fill(thursday);
    await page.getByLabel("Dalle ore", { exact: true }).selectOption("16:00");
    await page.getByLabel("Alle ore", { exact: true }).selectOption("18:00");
    await page.getByLabel("Quartiere", { exact: true }).selectOption("1");
    await page.getByLabel("Indirizzo", { exact: true }).fill("Piazza del Duomo 1");
    await page.getByLabel("Messaggio", { exact: true }).fill("Serve una sera sola.");
    await page.getByRole("button", { name: "Invia la richiesta" }).click();

    await expect(page.getByRole("alert")).toContainText("giovedì 16:00–18:00: chi offre il servizio non è disponibile di giovedì.");
    await expect(page.getByLabel("Indirizzo", { exact: true })).toHaveValue("Piazza del Duomo 1");
    await expect(page.getByRole("radio", { name: "Una volta sola" })).toBeChecked();
    await page.getByLabel("Giorno", { exact: true }).fill(addDays(thursday, 4));
    await page.getByRole("button", { name: "Invia la richiesta" }).click();
    await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}\?done=requested$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Babysitter con ${provider.name}`);
    await context.close();
  });

  test("a visitor is sent to sign in, and someone else's booking is refused", async ({ page, context, baseURL }) => {
    const provider = await insertBookableProvider({ slots: [[1, "15:00", "19:00"]] });
    const visitor = await page.request.get(`/providers/${provider.providerId}/request`, { maxRedirects: 0 });
    expect(visitor.status()).toBe(302);
    expect(visitor.headers().location).toMatch(/^\/login\?redirectTo=/);

    // The provider cannot request their own profile.
    await signIn(context, baseURL!, provider.owner);
    const own = await page.goto(`/providers/${provider.providerId}/request`);
    expect(own?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
    await expectNoSeriousA11yViolations(page);
  });
});
