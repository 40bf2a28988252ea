import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import {
  closeE2eDb,
  insertE2eUser,
  insertPendingProvider,
  providerStatus,
  signIn,
  signInAsOperator,
  uniqueWord,
} from "./support/operator-login";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const QUARTIERE_A = 1;
const QUARTIERE_B = 2;
const decisions = ["approve", "requestChanges", "reject", "suspend", "reinstate"] as const;

test.afterAll(async () => {
  await closeE2eDb();
});

/** The CSRF token of this browser's session, as every form on the page carries it. */
async function csrfTokenOf(page: Page): Promise<string> {
  return page.locator('input[name="_csrf"]').first().inputValue();
}

/** Every operator route for one provider: the pages (GET) and each decision (POST). */
async function expectForbiddenEverywhere(page: Page, providerId: string, csrf: string) {
  for (const path of [`/operator/providers/${providerId}`, `/operator/verification?quartiere=${QUARTIERE_B}`]) {
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  }
  for (const decision of decisions) {
    const response = await page.request.post(`/operator/providers/${providerId}`, {
      form: { _csrf: csrf, decision, reason: "Tentativo da un altro quartiere", confirm: "yes" },
      maxRedirects: 0,
    });
    expect(response.status(), `POST ${decision}`).toBe(403);
    expect(await response.text()).toContain("Accesso non consentito");
  }
  expect(await providerStatus(providerId)).toBe("pending");
}

test.describe("municipal verification", () => {
  test("an operator of another quartiere gets 403 on every operator route for the provider", async ({ page, context, baseURL }) => {
    const nameB = `Beatrice ${uniqueWord()}`;
    const providerB = await insertPendingProvider({ displayName: nameB, quartiereId: QUARTIERE_B });
    const providerA = await insertPendingProvider({ displayName: `Alessia ${uniqueWord()}`, quartiereId: QUARTIERE_A });
    await signInAsOperator(context, baseURL!, [QUARTIERE_A]);

    // Their own pages work, and never show the other quartiere's provider.
    expect((await page.goto("/operator"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Area operatori");
    await expect(page.getByText(nameB)).toHaveCount(0);
    expect((await page.goto("/operator/verification?status=all"))?.status()).toBe(200);
    await expect(page.getByRole("link", { name: nameB })).toHaveCount(0);
    const csrf = await csrfTokenOf(page);

    // A control: the same token on a provider of their own quartiere reaches the form check.
    const own = await page.request.post(`/operator/providers/${providerA}`, { form: { _csrf: csrf, decision: "approve" }, maxRedirects: 0 });
    expect(own.status()).toBe(400);

    await expectForbiddenEverywhere(page, providerB, csrf);
  });

  test("someone who is not an operator gets 403 on every operator route, and a visitor is sent to sign in", async ({ page, context, baseURL }) => {
    const providerB = await insertPendingProvider({ displayName: `Benedetta ${uniqueWord()}`, quartiereId: QUARTIERE_B });
    const visitor = await page.request.get("/operator/verification", { maxRedirects: 0 });
    expect(visitor.status()).toBe(302);
    expect(visitor.headers().location).toMatch(/^\/login\?redirectTo=%2Foperator%2Fverification/);

    await signIn(context, baseURL!, await insertE2eUser({ roles: ["family", "provider"] }));
    for (const path of ["/operator", "/operator/verification"]) {
      const response = await page.goto(path);
      expect(response?.status(), `GET ${path}`).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
    }
    await expectNoSeriousA11yViolations(page);
    await page.goto("/");
    await expectForbiddenEverywhere(page, providerB, await csrfTokenOf(page));
  });

  test("an operator approves a pending provider, who then appears in search; suspending removes them", async ({ page, context, baseURL }) => {
    const word = uniqueWord();
    const name = `Ottavia ${word}`;
    const id = await insertPendingProvider({ displayName: name, quartiereId: QUARTIERE_A });
    await signInAsOperator(context, baseURL!, [QUARTIERE_A], "Operatrice Anna");

    await page.goto(`/search?q=${word}`);
    await expect(page.getByRole("link", { name })).toHaveCount(0);

    await page.goto("/operator");
    await expect(page.getByRole("heading", { level: 2, name: "I tuoi quartieri" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Apri la coda di verifica" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coda di verifica");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("table", { name: "Documenti caricati dal fornitore" })).toContainText("Documento d'identità");
    await expectNoSeriousA11yViolations(page);

    // Asking for changes needs a message: nothing is recorded without one.
    await page.getByLabel("Chiedi modifiche").check();
    await page.getByLabel("Confermo la decisione").check();
    await page.getByRole("button", { name: "Registra la decisione" }).click();
    await expect(page.getByRole("alert")).toContainText("La decisione non è stata registrata");
    await expect(page.getByLabel(/Messaggio al fornitore/)).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);
    expect(await providerStatus(id)).toBe("pending");

    await page.getByLabel("Approva").check();
    await page.getByLabel("Confermo la decisione").check();
    await page.getByRole("button", { name: "Registra la decisione" }).click();
    await expect(page).toHaveURL(/done=approve/);
    await expect(page.getByRole("status")).toContainText("è stato approvato");
    expect(await providerStatus(id)).toBe("verified");

    // The search index follows through the outbox within seconds.
    await expect(async () => {
      await page.goto(`/search?q=${word}`);
      await expect(page.getByRole("link", { name })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });

    await page.goto(`/operator/providers/${id}`);
    await page.getByLabel("Sospendi").check();
    await page.getByLabel(/Messaggio al fornitore/).fill("Segnalazione da verificare");
    await page.getByLabel("Confermo la decisione").check();
    await page.getByRole("button", { name: "Registra la decisione" }).click();
    await expect(page).toHaveURL(/done=suspend/);
    const history = page.getByRole("table", { name: /Cambi di stato/ });
    await expect(history.getByRole("row").nth(1)).toContainText("Segnalazione da verificare");
    await expect(history.getByRole("row").nth(1)).toContainText("Operatrice Anna");
    expect(await providerStatus(id)).toBe("suspended");

    await expect(async () => {
      await page.goto(`/search?q=${word}`);
      await expect(page.getByRole("link", { name })).toHaveCount(0, { timeout: 500 });
    }).toPass({ timeout: 10_000 });
  });
});
