import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { openMyAreaMenu } from "./support/header-menu";
import { closeE2eDb, e2eDb, insertE2eUser, signIn, uniqueWord } from "./support/operator-login";

// Via Padova, in Milan: inside the city's bounds, so "use my location" is accepted.
const HOME = { latitude: 45.4973, longitude: 9.2213 };

test.afterAll(async () => {
  await closeE2eDb();
});

async function postNotice(page: Page, text: string) {
  await page.getByLabel("Nuovo avviso").fill(text);
  await page.getByRole("button", { name: "Pubblica l'avviso" }).click();
  await expect(page.getByRole("status")).toContainText("Avviso pubblicato");
}

test.describe("condominium groups", () => {
  test.use({ geolocation: HOME, permissions: ["geolocation"] });

  test("a resident creates a condominium and prints the poster; a neighbour joins with the code; they see each other and the notice board", async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    const word = uniqueWord();
    const building = `Condominio ${word}`;
    const alda = await insertE2eUser({ roles: ["family"], displayName: `Alda ${word}` });
    const bruno = await insertE2eUser({ roles: ["family"], displayName: `Bruno ${word}` });
    await signIn(context, baseURL!, alda);

    // Create, from the header link, with the device's location.
    await page.goto("/");
    await (await openMyAreaMenu(page)).getByRole("link", { name: "Il mio condominio" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il mio condominio");
    await expect(page.getByText("Non fai ancora parte di nessun condominio.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Crea un condominio" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Crea un condominio");

    // A first try with nothing filled in keeps what was typed and says what is missing.
    await page.getByLabel("Il tuo interno (facoltativo)").fill("Scala A, int. 3");
    await page.getByRole("button", { name: "Crea il condominio" }).click();
    await expect(page.getByRole("alert")).toContainText("Indica il nome del condominio");
    await expect(page.getByLabel("Nome del condominio")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Il tuo interno (facoltativo)")).toHaveValue("Scala A, int. 3");
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Nome del condominio").fill(building);
    await page.getByLabel("Indirizzo").fill("Via Padova 21");
    await page.getByLabel("Quartiere").selectOption({ label: "Duomo" });
    await page.getByLabel("Numero di unità abitative").fill("24");
    await page.getByRole("button", { name: "Usa la mia posizione" }).click();
    await expect(page.getByText("Posizione trovata")).toBeVisible();
    await page.getByRole("button", { name: "Crea il condominio" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(building);
    await expect(page.getByRole("status")).toContainText("Condominio creato: ora invita i vicini");
    const code = (await page.getByTestId("invite-code").textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const condominiumUrl = page.url().replace(/\?.*$/, "");
    const row = await e2eDb().selectFrom("condominiums").select(["lat", "lng"]).where("name", "=", building).executeTakeFirstOrThrow();
    expect(row.lat).toBeCloseTo(HOME.latitude, 3);
    expect(row.lng).toBeCloseTo(HOME.longitude, 3);
    await expectNoSeriousA11yViolations(page);

    // The poster: the building, the code in large type, a QR code of the join link.
    await page.getByRole("link", { name: "Apri la locandina da stampare" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(building);
    await expect(page.getByTestId("poster-code")).toHaveText(code);
    const qr = page.getByRole("img", { name: new RegExp(`Codice QR .*${building}`) });
    await expect(qr.locator("svg path").first()).toBeAttached();
    await expect(page.getByText("Unisciti ai vicini su Vicinato")).toBeVisible();
    await expect(page.getByRole("button", { name: "Stampa la locandina" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // On paper: no site header or footer, only the poster.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".it-header-wrapper")).toBeHidden();
    await expect(page.locator(".it-footer")).toBeHidden();
    await expect(page.getByTestId("poster-code")).toBeVisible();
    await page.emulateMedia({ media: "screen" });

    // The neighbour follows the QR link, signs in, and joins with their flat.
    const neighbourContext = await browser.newContext({ baseURL, locale: "it-IT" });
    const neighbour = await neighbourContext.newPage();
    const joinPath = `/condominiums/join?code=${code.toLowerCase().replace("-", " ")}`;
    await neighbour.goto(joinPath);
    await expect(neighbour.getByRole("heading", { level: 2 })).toHaveText("Accedi per entrare");
    await expect(neighbour.getByText(`Codice ricevuto: ${code}`)).toBeVisible();
    await expectNoSeriousA11yViolations(neighbour);
    await signIn(neighbourContext, baseURL!, bruno);

    // A mistyped code first: a clear error, and what was typed stays.
    await neighbour.goto("/condominiums");
    const wrong = code.endsWith("2") ? `${code.slice(0, -1)}3` : `${code.slice(0, -1)}2`;
    await neighbour.getByLabel("Codice di invito", { exact: true }).fill(wrong);
    await neighbour.getByRole("button", { name: "Entra nel condominio" }).click();
    await expect(neighbour.getByRole("alert")).toContainText("Nessun condominio ha questo codice");
    await expect(neighbour.getByLabel("Codice di invito", { exact: true })).toHaveValue(wrong);
    await expectNoSeriousA11yViolations(neighbour);

    await neighbour.goto(joinPath);
    await expect(neighbour.getByLabel("Codice di invito", { exact: true })).toHaveValue(code);
    await neighbour.getByLabel("Il tuo interno (facoltativo)").fill("Scala B, int. 12");
    await neighbour.getByRole("button", { name: "Entra nel condominio" }).click();
    await expect(neighbour.getByRole("heading", { level: 1 })).toHaveText(building);
    await expect(neighbour.getByRole("status")).toContainText("Ti diamo il benvenuto nel condominio");

    // Both see each other in the members list.
    const neighbourMembers = neighbour.getByRole("table", { name: "Membri del condominio" });
    await expect(neighbourMembers.getByRole("row", { name: new RegExp(`Alda ${word}`) })).toContainText("Amministratore");
    await expect(neighbourMembers.getByRole("row", { name: new RegExp(`Bruno ${word}`) })).toContainText("Scala B, int. 12");
    await page.goto(condominiumUrl);
    const members = page.getByRole("table", { name: "Membri del condominio" });
    await expect(members.getByRole("row", { name: new RegExp(`Bruno ${word}`) })).toContainText("Residente");
    await expect(members.getByRole("row", { name: new RegExp(`Alda ${word}`) })).toContainText("Scala A, int. 3");

    // The neighbour posts on the notice board; the administrator sees it, with the author.
    await postNotice(neighbour, `Cerco chi porta a spasso il cane ${word}`);
    await expectNoSeriousA11yViolations(neighbour);
    await page.reload();
    const board = page.getByRole("list", { name: "Avvisi, dal più recente" });
    await expect(board.getByRole("listitem").first()).toContainText(`Cerco chi porta a spasso il cane ${word}`);
    await expect(board.getByRole("listitem").first()).toContainText(`Bruno ${word}`);
    await expectNoSeriousA11yViolations(page);

    // Someone from another building gets 403, even with the right address.
    const strangerContext = await browser.newContext({ baseURL, locale: "it-IT" });
    await signIn(strangerContext, baseURL!, await insertE2eUser({ roles: ["family"] }));
    const stranger = await strangerContext.newPage();
    for (const path of [new URL(condominiumUrl).pathname, `${new URL(condominiumUrl).pathname}/poster`]) {
      const response = await stranger.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
    }
    await expect(stranger.getByText(`Cerco chi porta a spasso il cane ${word}`)).toHaveCount(0);
    await expectNoSeriousA11yViolations(stranger);
    // Nor can they act there: 403 before the form is read, with a valid CSRF token of their own.
    const csrf = await stranger.locator('input[name="_csrf"]').first().inputValue();
    const forms: Array<Record<string, string>> = [{ intent: "post", body: "Intruso" }, { intent: "nonsense" }, { intent: "leave" }];
    for (const form of forms) {
      const response = await stranger.request.post(new URL(condominiumUrl).pathname, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(form)).toBe(403);
    }

    await neighbourContext.close();
    await strangerContext.close();
  });

  test("works without JavaScript: create at the quartiere centre, post and hide a notice", async ({ browser, baseURL }) => {
    const word = uniqueWord();
    const building = `Casa ${word}`;
    const context = await browser.newContext({ baseURL, locale: "it-IT", javaScriptEnabled: false });
    await signIn(context, baseURL!, await insertE2eUser({ roles: ["family"], displayName: `Carla ${word}` }));
    const page = await context.newPage();

    await page.goto("/condominiums/new");
    await expect(page.getByRole("button", { name: "Usa la mia posizione" })).toHaveCount(0);
    await expect(page.getByText("Senza la tua posizione, il condominio viene collocato al centro del quartiere")).toBeVisible();
    await page.getByLabel("Nome del condominio").fill(building);
    await page.getByLabel("Indirizzo").fill("Via Brera 5");
    await page.getByLabel("Quartiere").selectOption({ label: "Brera" });
    await page.getByLabel("Numero di unità abitative").fill("8");
    await page.getByRole("button", { name: "Crea il condominio" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(building);
    await expect(page.getByRole("status")).toContainText("collocato al centro del quartiere");
    await expect(page.getByText("Posizione approssimativa: il condominio è collocato al centro del quartiere Brera.")).toBeVisible();

    await postNotice(page, `Festa in cortile sabato ${word}`);
    await page.getByRole("button", { name: /^Nascondi/ }).click();
    await expect(page.getByRole("status")).toContainText("Avviso nascosto");
    await expect(page.getByText(`Festa in cortile sabato ${word}`)).toHaveCount(0);
    await context.close();
  });
});
