import crypto from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { linkIn, waitForEmail } from "../support/mail";
import { expectNoSeriousA11yViolations } from "./support/axe";

/** The e2e server keeps its data in .data/e2e (playwright.config.ts); its SMTP sink writes to mail/ there. */
const mailDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? ".data/e2e", "mail");
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const password = "una frase segreta abbastanza lunga";

async function signUp(page: Page, email: string, role?: RegExp) {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Crea il tuo account Vicinato");
  // Bootstrap Italia draws its own radio over the input: click the label, as people do.
  if (role) await page.locator("label", { hasText: role }).click();
  await page.getByLabel("Nome e cognome").fill("Giulia Bianchi");
  await page.getByLabel("Indirizzo e-mail").fill(email);
  await page.getByLabel("Scegli una password").fill(password);
  await page.getByRole("button", { name: "Crea l'account" }).click();
  await expect(page).not.toHaveURL(/\/signup/);
}

test.describe("accounts", () => {
  test("signs up, confirms the address from the real e-mail, signs out and signs in again", async ({ page }) => {
    const email = uniqueEmail("famiglia");

    await page.goto("/signup");
    await expectNoSeriousA11yViolations(page);

    // A mistake first: what was typed comes back, except the password.
    await page.getByLabel("Nome e cognome").fill("Giulia Bianchi");
    await page.getByLabel("Indirizzo e-mail").fill(email);
    await page.getByLabel("Scegli una password").fill("corta");
    await page.getByRole("button", { name: "Crea l'account" }).click();
    await expect(page.getByRole("alert")).toContainText("Controlla i campi segnalati");
    const passwordField = page.getByLabel("Scegli una password");
    await expect(passwordField).toHaveAttribute("aria-invalid", "true");
    await expect(passwordField).toHaveAccessibleDescription(/almeno 10 caratteri/);
    await expect(passwordField).toHaveValue("");
    await expect(page.getByLabel("Indirizzo e-mail")).toHaveValue(email);
    await expectNoSeriousA11yViolations(page);

    await passwordField.fill(password);
    await page.getByRole("button", { name: "Crea l'account" }).click();
    await expect(page).toHaveURL(/\/account\?notice=signed-up/);
    await expect(page.getByRole("status")).toContainText("Ti abbiamo inviato un'e-mail");
    await expect(page.getByRole("heading", { name: "Conferma il tuo indirizzo e-mail" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The worker sends the e-mail through the embedded SMTP server; open its link.
    const message = await waitForEmail(mailDir, email, { timeoutMs: 15_000 });
    expect(message.subject).toBe("Conferma il tuo indirizzo e-mail per Vicinato");
    const link = linkIn(message, "/verify-email");
    await page.goto(`${link.pathname}${link.search}`);
    await expect(page).toHaveURL(/\/account\?notice=email-verified/);
    await expect(page.getByRole("status")).toHaveText("Grazie, il tuo indirizzo e-mail è confermato.");
    await expect(page.getByRole("heading", { name: "Conferma il tuo indirizzo e-mail" })).toHaveCount(0);

    // The same link a second time is refused.
    await page.goto(`${link.pathname}${link.search}`);
    await expect(page.getByRole("alert")).toContainText("già stato usato");

    await page.goto("/account");
    await page.getByRole("main").getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login\?notice=signed-out/);
    await expect(page.getByRole("status")).toHaveText("Sei uscito dal tuo account.");
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);

    await page.getByLabel("Indirizzo e-mail").fill(email);
    await page.getByLabel("Password").fill("password sbagliata");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page.getByRole("alert")).toHaveText("Indirizzo e-mail o password non corretti.");
    await expect(page.getByLabel("Indirizzo e-mail")).toHaveValue(email);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il tuo account");
    await expect(page.getByText(email)).toBeVisible();
  });

  test("a provider lands on the onboarding wizard after signing up", async ({ page }) => {
    await signUp(page, uniqueEmail("fornitore"), /Offro i miei servizi come persona/);
    await expect(page).toHaveURL(/\/provider\/onboarding/);
    // (The wizard itself is another page's business; here only the landing matters.)
  });

  test("a reset link works once, and the account page exports the data", async ({ page }) => {
    const email = uniqueEmail("reset");
    await signUp(page, email);
    await expect(page).toHaveURL(/\/account/);
    await page.getByRole("main").getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login\?notice=signed-out/);

    await page.goto("/forgot-password");
    await page.getByLabel("Indirizzo e-mail").fill(email);
    await page.getByRole("button", { name: "Invia il link" }).click();
    await expect(page.getByRole("status")).toContainText(`Se esiste un account con l'indirizzo ${email}`);
    const message = await waitForEmail(mailDir, email, { matching: (m) => m.text.includes("/reset-password"), timeoutMs: 15_000 });
    const link = linkIn(message, "/reset-password");

    await page.goto(`${link.pathname}${link.search}`);
    await page.getByLabel("Scegli una password").fill("la mia nuova password");
    await page.getByRole("button", { name: "Salva la nuova password" }).click();
    await expect(page).toHaveURL(/\/login\?notice=password-reset/);

    await page.goto(`${link.pathname}${link.search}`);
    await expect(page.getByRole("alert")).toContainText("già stato usato");

    await page.goto("/login");
    await page.getByLabel("Indirizzo e-mail").fill(email);
    await page.getByLabel("Password").fill("la mia nuova password");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page).toHaveURL(/\/account$/);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Scarica i miei dati" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^vicinato-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await (await import("node:fs/promises")).readFile((await file.path())!, "utf8"));
    expect(exported.account.email).toBe(email);
  });

  test("every accounts page speaks English too, and passes the accessibility check", async ({ page }) => {
    const pages: Array<[string, string]> = [
      ["/signup?lng=en", "Create your Vicinato account"],
      ["/login?lng=en", "Sign in to Vicinato"],
      ["/forgot-password?lng=en", "Forgotten your password?"],
      ["/reset-password?lng=en&token=not-a-real-token", "Choose a new password"],
      ["/verify-email?lng=en&token=not-a-real-token", "E-mail address confirmation"],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectNoSeriousA11yViolations(page);
    }
    await expect(page.getByRole("alert")).toContainText("The link is not valid");

    await page.goto("/?lng=it"); // the helper below fills the Italian form
    await signUp(page, uniqueEmail("english"));
    await page.goto("/account?lng=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/account/delete");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Do you want to delete your account?");
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Your password, to confirm").fill(password);
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page.getByRole("alert")).toContainText("Some details are not right");
    await expect(page.getByRole("checkbox")).toHaveAccessibleDescription(/tick the confirmation box/);
    await page.getByText("I understand: I want to delete my account permanently.").click();
    await page.getByLabel("Your password, to confirm").fill(password);
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page).toHaveURL(/\/account\/delete\?done=1/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account has been deleted");
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });

  test("refuses a POST with a forged or missing CSRF token with 403", async ({ page }) => {
    await page.goto("/login");
    const realToken = await page.locator('input[name="_csrf"]').first().inputValue();
    expect(realToken.length).toBeGreaterThan(10);

    const form = { email: "chiunque@example.org", password: "qualsiasi password lunga" };
    const forged = await page.request.post("/login", { form: { ...form, _csrf: `${realToken.slice(0, -4)}AAAA` }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const missing = await page.request.post("/signup", {
      form: { ...form, displayName: "X", role: "family" },
      maxRedirects: 0,
    });
    expect(missing.status()).toBe(403);
    const logout = await page.request.post("/logout", { form: { _csrf: "forged" }, maxRedirects: 0 });
    expect(logout.status()).toBe(403);

    // The real token from the page is accepted (the wrong password is then a normal answer).
    const genuine = await page.request.post("/login", { form: { ...form, _csrf: realToken }, maxRedirects: 0 });
    expect(genuine.status()).toBe(400);
  });
});
