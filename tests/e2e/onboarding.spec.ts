import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { signInAsNewProvider } from "./support/login";
import { closeE2eDb, e2eDb, insertPendingProvider } from "./support/operator-login";

test.afterAll(async () => {
  await closeE2eDb();
});

// Tiny real files: the server checks their magic bytes.
const pngPhoto = {
  name: "foto.png",
  mimeType: "image/png",
  buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
};
const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
const bio = "Sono Giulia, faccio la babysitter a Milano da otto anni: compiti, giochi e uscite al parco.";

const save = (page: Page) => page.getByRole("button", { name: "Salva e continua" }).click();

const stepLabels = ["Chi sei", "Servizi", "Zone", "Lingue", "Disponibilità", "Profilo", "Documenti", "Riepilogo"];

/** The page is the given step: URL, heading, "Passo X di 8" and aria-current on the stepper. */
async function expectStep(page: Page, step: string, heading: string, index: number) {
  await expect(page).toHaveURL(new RegExp(`/provider/onboarding/${step}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page.getByText(`Passo ${index} di 8`)).toBeVisible();
  await expect(page.locator('.vc-stepper [aria-current="step"]')).toContainText(stepLabels[index - 1]!);
}

test.describe("provider onboarding", () => {
  test("a provider completes the wizard, with a reload in the middle and nothing lost", async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    const user = await signInAsNewProvider(context, baseURL!);

    await page.goto("/provider");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("La tua area fornitore");
    await page.getByRole("link", { name: "Inizia il profilo" }).click();

    // 1. Who you are — a wrong codice fiscale comes back with the error and what was typed.
    await expectStep(page, "identity", "Chi sei", 1);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Persona").check();
    await page.locator("#displayName").fill("Giulia R.");
    await page.locator("#fiscalCode").fill("RSSMRA85T10A562T");
    await save(page);
    await expect(page.getByText("Il codice fiscale non è corretto")).toBeVisible();
    await expect(page.locator("#fiscalCode")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#displayName")).toHaveValue("Giulia R.");
    await page.locator("#fiscalCode").fill("rssmra85t10a562s");
    await save(page);

    // 2. Services and prices.
    await expectStep(page, "services", "Servizi e prezzi", 2);
    await page.getByRole("checkbox", { name: /^Babysitter/ }).check();
    await page.locator("#price-babysitter").fill("12,50");
    await save(page);

    // 3. Zones: base quartiere, address for the operator, a radius and one more quartiere.
    await expectStep(page, "zones", "Zone in cui lavori", 3);
    await page.getByLabel("Indirizzo di riferimento").fill("Via Larga 12");
    await page.locator("#baseQuartiereId").selectOption("1");
    await page.locator("#radiusKm").selectOption("1");
    await page.locator("details.vc-municipio-group").first().locator("summary").click();
    await page.locator("#quartiere-2").check();
    await save(page);

    // 4. Languages.
    await expectStep(page, "languages", "Lingue parlate", 4);
    await page.getByRole("checkbox", { name: "italiano" }).check();
    await page.getByRole("checkbox", { name: "inglese" }).check();
    await save(page);

    // A reload in the middle: everything saved is still there, and the wizard resumes here.
    await expectStep(page, "availability", "Disponibilità settimanale", 5);
    await page.reload();
    await expectStep(page, "availability", "Disponibilità settimanale", 5);
    await page.goto("/provider/onboarding/identity");
    await expect(page.locator("#displayName")).toHaveValue("Giulia R.");
    await expect(page.locator("#fiscalCode")).toHaveValue("RSSMRA85T10A562S");
    await page.locator(".vc-stepper").getByRole("link", { name: /Servizi/ }).click();
    await expect(page.getByRole("checkbox", { name: /^Babysitter/ })).toBeChecked();
    await expect(page.locator("#price-babysitter")).toHaveValue("12,50");
    await page.locator(".vc-stepper").getByRole("link", { name: /Zone/ }).click();
    await expect(page.getByLabel("Indirizzo di riferimento")).toHaveValue("Via Larga 12");
    await expect(page.locator("#baseQuartiereId")).toHaveValue("1");
    await expect(page.locator("#radiusKm")).toHaveValue("1");
    await page.reload();
    await page.goto("/provider/onboarding/languages");
    await expect(page.getByRole("checkbox", { name: "inglese" })).toBeChecked();
    await page.goto("/provider/onboarding");
    await expectStep(page, "availability", "Disponibilità settimanale", 5);

    // 5. Availability: an overlap is refused and the typed rows stay; then fixed.
    await expectNoSeriousA11yViolations(page);
    await page.locator("#slot-0-0-start").selectOption("16:00");
    await page.locator("#slot-0-0-end").selectOption("19:00");
    await page.locator("#slot-0-1-start").selectOption("18:00");
    await page.locator("#slot-0-1-end").selectOption("20:00");
    await save(page);
    await expect(page.getByText("Questa fascia si sovrappone a un'altra dello stesso giorno.")).toBeVisible();
    await expect(page.locator("#slot-0-0-start")).toHaveValue("16:00");
    await page.locator("#slot-0-1-start").selectOption("19:00");
    await page.locator("#slot-2-0-start").selectOption("09:00");
    await page.locator("#slot-2-0-end").selectOption("12:30");
    await save(page);

    // 6. Photo and introduction.
    await expectStep(page, "profile", "Foto e presentazione", 6);
    await page.locator("#photo").setInputFiles(pngPhoto);
    await page.getByLabel("Presentazione in italiano").fill(bio);
    await page.getByLabel("Anni di esperienza").fill("8");
    await save(page);

    // 7. Documents: a text file named .pdf is refused by its bytes; real ones are kept.
    await expectStep(page, "documents", "Documenti", 7);
    const identityCard = page.locator("section.vc-doc-card", { has: page.getByRole("heading", { name: /Documento d'identità/ }) });
    await identityCard.locator('input[type="file"]').setInputFiles({ name: "carta.pdf", mimeType: "application/pdf", buffer: Buffer.from("non sono un pdf") });
    await identityCard.locator('input[type="date"]').fill("2099-12-31");
    await identityCard.getByRole("button", { name: /Carica/ }).click();
    await expect(identityCard.getByText("Il file deve essere un PDF o un'immagine JPEG o PNG.")).toBeVisible();
    await expect(identityCard.locator('input[type="date"]')).toHaveValue("2099-12-31");
    await identityCard.locator('input[type="file"]').setInputFiles(pdf("carta-identita.pdf"));
    await identityCard.getByRole("button", { name: /Carica/ }).click();
    await expect(page.getByText("Documento caricato: Documento d'identità.")).toBeVisible();
    await expect(identityCard.getByRole("link", { name: "carta-identita.pdf" })).toBeVisible();

    const criminalCard = page.locator("section.vc-doc-card", { has: page.getByRole("heading", { name: /casellario/ }) });
    await criminalCard.locator('input[type="file"]').setInputFiles(pdf("casellario.pdf"));
    await criminalCard.locator('input[type="date"]').fill("2099-06-30");
    await criminalCard.getByRole("button", { name: /Carica/ }).click();
    await expect(criminalCard.getByRole("link", { name: "casellario.pdf" })).toBeVisible();

    // The owner can download it, as an attachment the browser will not sniff.
    const href = await criminalCard.getByRole("link", { name: "casellario.pdf" }).getAttribute("href");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    await save(page);

    // 8. Review and submit.
    await expectStep(page, "review", "Riepilogo e invio", 8);
    await expect(page.getByText("Il profilo è completo")).toBeVisible();
    await expect(page.getByText(bio)).toBeVisible();
    await expect(page.getByText("Via Larga 12")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Invia per la verifica" }).click();

    await expect(page).toHaveURL(/\/provider\?submitted=1$/);
    await expect(page.getByText("Il profilo è stato inviato al Comune per la verifica.")).toBeVisible();
    await expect(page.getByRole("heading", { name: /Stato del profilo: in verifica/ })).toBeVisible();

    const provider = await e2eDb()
      .selectFrom("providers as p")
      .innerJoin("provider_members as m", "m.provider_id", "p.id")
      .select(["p.id", "p.status", "p.display_name", "p.base_address", "p.quartiere_id"])
      .where("m.user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(provider).toMatchObject({ status: "pending", display_name: "Giulia R.", base_address: "Via Larga 12", quartiere_id: 1 });
    const slots = await e2eDb().selectFrom("availability_slots").select(["weekday", "start_minute", "end_minute"]).where("provider_id", "=", provider.id).orderBy("weekday").orderBy("start_minute").execute();
    expect(slots).toEqual([
      { weekday: 1, start_minute: 960, end_minute: 1140 },
      { weekday: 1, start_minute: 1140, end_minute: 1200 },
      { weekday: 3, start_minute: 540, end_minute: 750 },
    ]);

    // Under review the wizard is read-only.
    await page.goto("/provider/onboarding/languages");
    await expect(page.getByText("Il profilo è in verifica da parte del Comune")).toBeVisible();
    await expect(page.getByRole("button", { name: "Salva e continua" })).toBeDisabled();
  });

  test("another provider's documents are refused, unknown ones not found", async ({ page, context, baseURL }) => {
    const otherId = await insertPendingProvider({ displayName: "Altra Persona", quartiereId: 1, documents: ["identity"] });
    const doc = await e2eDb().selectFrom("provider_documents").select("id").where("provider_id", "=", otherId).executeTakeFirstOrThrow();
    await signInAsNewProvider(context, baseURL!);
    expect((await page.request.get(`/documents/${doc.id}`)).status()).toBe(403);
    expect((await page.request.get("/documents/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
    // Not signed in: to the sign-in page, never the file.
    const anonymous = await page.request.get(`/documents/${doc.id}`, { headers: { Cookie: "" }, maxRedirects: 0 });
    expect([302, 303, 403]).toContain(anonymous.status());
  });
});
