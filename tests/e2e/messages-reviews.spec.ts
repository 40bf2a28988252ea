import { expect, test, type Browser, type Page } from "@playwright/test";
import type { BookingStatus } from "../../db/schema";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { insertBookableProvider, insertFamily } from "./support/booking-fixtures";
import { closeE2eDb, e2eDb, insertE2eUser, signIn, type E2eUser } from "./support/operator-login";

/**
 * Messages and reviews in the browser: a conversation before confirmation hides contact details
 * from the other party, a report opens it to the operator of the provider's quartiere, and a
 * family reviews a completed booking with three radio groups; the rating shows on the profile.
 */

test.afterAll(async () => {
  await closeE2eDb();
});

/** A booking in a given state with its conversation opened by the family (rows straight into the database). */
async function insertBooking(providerId: string, family: E2eUser, status: BookingStatus, firstMessage: string): Promise<{ bookingId: string; threadId: string }> {
  const db = e2eDb();
  const category = await db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
  const day = new Date(Date.now() + (30 + Math.floor(Math.random() * 300)) * 86_400_000).toISOString().slice(0, 10);
  const isoWeekday = ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const { id: bookingId } = await db
    .insertInto("bookings")
    .values({
      provider_id: providerId,
      family_user_id: family.id,
      category_id: category.id,
      kind: "one_off",
      status,
      weekdays: [isoWeekday],
      start_minute: 16 * 60,
      end_minute: 18 * 60,
      first_date: day,
      last_date: day,
      address: "Via Dante 1, Milano",
      hourly_price_cents: 1300,
      total_cents: 2600,
      payment_mode: "direct",
      quartiere_id: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: threadId } = await db.insertInto("message_threads").values({ booking_id: bookingId }).returning("id").executeTakeFirstOrThrow();
  const { id } = await db.insertInto("messages").values({ thread_id: threadId, sender_user_id: family.id, body: firstMessage }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("thread_reads").values({ thread_id: threadId, user_id: family.id, last_read_message_id: id }).execute();
  return { bookingId, threadId };
}

async function pageAs(browser: Browser, baseURL: string, user: E2eUser): Promise<Page> {
  const context = await browser.newContext({ locale: "it-IT" });
  await signIn(context, baseURL, user);
  return context.newPage();
}

test("before confirmation the provider sees the family's phone number hidden; after a report the quartiere's operator reads it", async ({ browser, baseURL }) => {
  const provider = await insertBookableProvider({ slots: [[2, "16:00", "19:00"]] });
  const family = await insertFamily();
  const { bookingId, threadId } = await insertBooking(provider.providerId, family, "requested", "Buongiorno, avremmo bisogno il martedì.");

  const familyPage = await pageAs(browser, baseURL!, family);
  expect((await familyPage.goto(`/bookings/${bookingId}/messages`))?.status()).toBe(200);
  await expect(familyPage.getByRole("heading", { level: 1 })).toHaveText(`Messaggi con ${provider.name}`);
  await familyPage.getByLabel("Il tuo messaggio").fill("Mi chiami pure al 347 123 4567, dopo le 16:30.");
  await familyPage.getByRole("button", { name: "Invia il messaggio" }).click();
  await expect(familyPage.getByRole("status").filter({ hasText: "Messaggio inviato." })).toBeVisible();
  // The writer sees their own words; the box is empty again.
  await expect(familyPage.getByRole("list", { name: "Conversazione" }).getByText("347 123 4567")).toBeVisible();
  await expect(familyPage.getByLabel("Il tuo messaggio")).toHaveValue("");
  await expectNoSeriousA11yViolations(familyPage);

  const providerPage = await pageAs(browser, baseURL!, provider.owner);
  await providerPage.goto(`/bookings/${bookingId}/messages`);
  const conversation = providerPage.getByRole("list", { name: "Conversazione" });
  await expect(conversation.getByRole("listitem")).toHaveCount(2);
  await expect(conversation.getByText("[numero nascosto]")).toBeVisible();
  await expect(conversation.getByText("dopo le 16:30", { exact: false })).toBeVisible();
  await expect(providerPage.getByText("347 123 4567")).toHaveCount(0);
  await expectNoSeriousA11yViolations(providerPage);

  // The operator of the provider's quartiere cannot read it before a report.
  const operator = await insertE2eUser({ roles: ["operator"], quartieri: [1] });
  const operatorPage = await pageAs(browser, baseURL!, operator);
  expect((await operatorPage.goto(`/operator/reports/${threadId}`))?.status()).toBe(403);

  // A report with no reason is refused in place; with a reason it opens the thread to the operator.
  await providerPage.getByRole("button", { name: "Segnala la conversazione" }).click();
  await expect(providerPage.getByText("Scrivi il motivo della segnalazione.")).toBeVisible();
  await providerPage.getByLabel("Motivo della segnalazione").fill("Mi chiede di pagare in contanti fuori da Vicinato.");
  await providerPage.getByRole("button", { name: "Segnala la conversazione" }).click();
  await expect(providerPage.getByRole("status").filter({ hasText: "Conversazione segnalata." })).toBeVisible();

  expect((await operatorPage.goto("/operator/reports"))?.status()).toBe(200);
  await operatorPage.getByRole("link", { name: `Leggi la conversazione segnalata con ${provider.name}` }).click();
  await expect(operatorPage.getByRole("heading", { level: 1 })).toHaveText(`Conversazione segnalata con ${provider.name}`);
  // The operator reads what was written, contact details included.
  await expect(operatorPage.getByText("347 123 4567", { exact: false })).toBeVisible();
  await expectNoSeriousA11yViolations(operatorPage);
  const audit = await e2eDb().selectFrom("audit_log").select(["action", "actor_user_id"]).where("subject_id", "=", threadId).orderBy("id").execute();
  expect(audit).toEqual([
    { action: "thread.report", actor_user_id: provider.owner.id },
    { action: "thread.read", actor_user_id: operator.id },
  ]);

  // Another quartiere's operator still cannot.
  const otherOperatorPage = await pageAs(browser, baseURL!, await insertE2eUser({ roles: ["operator"], quartieri: [2] }));
  expect((await otherOperatorPage.goto(`/operator/reports/${threadId}`))?.status()).toBe(403);
});

test("a family reviews a completed booking with three rated aspects, and the rating shows on the public profile", async ({ browser, baseURL }) => {
  const provider = await insertBookableProvider({ slots: [[3, "09:00", "12:00"]] });
  const family = await insertFamily();
  const { bookingId } = await insertBooking(provider.providerId, family, "completed", "Grazie in anticipo!");

  const page = await pageAs(browser, baseURL!, family);
  expect((await page.goto(`/bookings/${bookingId}/review`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Recensisci ${provider.name}`);
  await expectNoSeriousA11yViolations(page);

  // Nothing chosen: the errors are listed, the summary takes the focus, the text stays.
  await page.getByLabel("Il tuo commento (facoltativo)").fill("Puntualissima e molto dolce con i bambini.");
  await page.getByRole("group", { name: "Cura" }).getByLabel("4 – Buono").check();
  await page.getByRole("button", { name: "Pubblica la recensione" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Controlla i campi indicati" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expect(page.getByLabel("Il tuo commento (facoltativo)")).toHaveValue("Puntualissima e molto dolce con i bambini.");
  await expect(page.getByRole("group", { name: "Cura" }).getByLabel("4 – Buono")).toBeChecked();

  await page.getByRole("group", { name: "Affidabilità" }).getByLabel("5 – Ottimo").check();
  await page.getByRole("group", { name: "Comunicazione" }).getByLabel("5 – Ottimo").check();
  await page.getByRole("button", { name: "Pubblica la recensione" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Grazie! La tua recensione è pubblicata." })).toBeVisible();
  expect((await e2eDb().selectFrom("bookings").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow()).status).toBe("reviewed");

  // (5 + 4 + 5) / 3 = 4.7
  await page.goto(`/providers/${provider.providerId}`);
  const reviews = page.getByRole("region", { name: "Recensioni delle famiglie" });
  await expect(reviews.getByText("4,7 su 5, 1 recensione")).toBeVisible();
  await expect(reviews.getByText("Puntualissima e molto dolce con i bambini.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // In Arabic the page is right to left and still accessible.
  await page.goto(`/providers/${provider.providerId}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("region", { name: "مراجعات العائلات" }).getByText("4.7 من 5، مراجعة واحدة")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
