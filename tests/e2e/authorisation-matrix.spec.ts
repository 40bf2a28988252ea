import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createMatrixCast, matrixRoles, openRoleSession, QUARTIERE_1, type MatrixIds, type MatrixRole, type RoleSession } from "./support/authz-fixtures";
import { closeE2eDb, e2eDb } from "./support/operator-login";

/**
 * The authorisation matrix (issue 7): every route module in app/routes/ is requested as each
 * role — GET, and POST with a valid CSRF token where the module exports an action — and the
 * outcome must match the table below. Ids are provider A's (quartiere 1) everywhere, so the
 * providerB and operatorQ2 columns are IDOR attempts.
 *
 * Outcomes: "200", "400", "403", "404" (status codes); "→login" (302 to /login?redirectTo=<this
 * URL>); "→/path" (a redirect elsewhere, query string ignored).
 *
 * The route list is read from disk at test time: a new route module with no row here fails.
 * POST bodies are deliberately incomplete (only the CSRF token and a harmless field), so an
 * allowed caller gets a validation answer (400) and nothing changes, while a refused one gets
 * 403 or is sent to sign in — before the form is looked at.
 */

type Outcome = "200" | "400" | "403" | "404" | "→login" | `→/${string}`;
type Row = Record<MatrixRole, Outcome>;

interface Case {
  route: string; // file name in app/routes without extension
  method: "GET" | "POST";
  url: (ids: MatrixIds) => string;
  form?: Record<string, string>;
  expected: Row;
}

/** Same outcome for everybody. */
const all = (o: Outcome): Row => Object.fromEntries(matrixRoles.map((r) => [r, o])) as Row;
/** A visitor is sent to sign in; every signed-in role gets `o` unless overridden. */
const signedIn = (o: Outcome, overrides: Partial<Row> = {}): Row => ({ ...all(o), anonymous: "→login", ...overrides });
/** Only these roles (signed in) get `allowed`; other signed-in roles 403; visitors sign in. */
const only = (roles: MatrixRole[], allowed: Outcome): Row =>
  Object.fromEntries(matrixRoles.map((r) => [r, r === "anonymous" ? "→login" : roles.includes(r) ? allowed : "403"])) as Row;

const operators: MatrixRole[] = ["operatorQ1", "operatorQ2", "admin"];
/** Who may see provider A's verification material: its members, the operator of its quartiere, an admin. */
const reviewersOfA: MatrixRole[] = ["providerA", "operatorQ1", "admin"];

//                 route file                        method  url                                                     expected
const table: Case[] = [
  // Public pages.
  { route: "_index", method: "GET", url: () => "/", expected: all("200") },
  { route: "search", method: "GET", url: () => "/search?q=babysitter", expected: all("200") },
  { route: "providers.$id", method: "GET", url: (ids) => `/providers/${ids.publicProvider}`, expected: all("200") },
  // A provider under review is nobody's public profile — not even for its owner or its operator.
  { route: "providers.$id", method: "GET", url: (ids) => `/providers/${ids.providerA}`, expected: all("404") },
  { route: "providers_.$id.photo", method: "GET", url: (ids) => `/providers/${ids.providerA}/photo`, expected: all("404") },

  // Sign-in pages: a visitor uses them; someone signed in is sent to their account.
  { route: "login", method: "GET", url: () => "/login", expected: signedIn("→/account", { anonymous: "200" }) },
  // (Signed in, the action's 400 is followed by the loader's redirect to the account.)
  { route: "login", method: "POST", url: () => "/login", form: { email: "" }, expected: signedIn("→/account", { anonymous: "400" }) },
  { route: "signup", method: "GET", url: () => "/signup", expected: signedIn("→/account", { anonymous: "200" }) },
  { route: "signup", method: "POST", url: () => "/signup", form: { email: "" }, expected: signedIn("→/account", { anonymous: "400" }) },
  { route: "forgot-password", method: "GET", url: () => "/forgot-password", expected: all("200") },
  { route: "forgot-password", method: "POST", url: () => "/forgot-password", form: { email: "" }, expected: all("400") },
  { route: "reset-password", method: "GET", url: () => "/reset-password?token=nonsense", expected: all("200") },
  { route: "reset-password", method: "POST", url: () => "/reset-password", form: { token: "nonsense" }, expected: all("400") },
  { route: "verify-email", method: "GET", url: () => "/verify-email?token=nonsense", expected: all("400") },

  // The account: only one's own, so every signed-in role may use it.
  { route: "account._index", method: "GET", url: () => "/account", expected: signedIn("200") },
  { route: "account._index", method: "POST", url: () => "/account", form: { intent: "nonsense" }, expected: signedIn("400") },
  { route: "account.delete", method: "GET", url: () => "/account/delete", expected: signedIn("200") },
  { route: "account.delete", method: "POST", url: () => "/account/delete", form: { password: "" }, expected: signedIn("400") },
  { route: "account.export", method: "GET", url: () => "/account/export", expected: signedIn("200") },

  // Documents: A's members, the operator of A's quartiere and an admin; nobody else.
  { route: "documents.$id", method: "GET", url: (ids) => `/documents/${ids.documentA}`, expected: only(reviewersOfA, "200") },
  { route: "documents.$id", method: "GET", url: (ids) => `/documents/${ids.photoDocumentA}`, expected: only(reviewersOfA, "200") },

  // The provider area (no ids in the URL: it always shows the caller's own provider).
  // Any signed-in person may start a provider profile, so /provider is theirs to see.
  { route: "provider._index", method: "GET", url: () => "/provider", expected: signedIn("200") },
  {
    route: "provider.onboarding._index",
    method: "GET",
    url: () => "/provider/onboarding",
    // (A's and B's fixtures leave onboarding_step at its default, "identity".)
    expected: signedIn("→/provider/onboarding/identity"),
  },
  { route: "provider.onboarding.$step", method: "GET", url: () => "/provider/onboarding/identity", expected: signedIn("200") },
  // Before a draft exists only "who you are" can be filled in.
  {
    route: "provider.onboarding.$step",
    method: "GET",
    url: () => "/provider/onboarding/documents",
    expected: signedIn("→/provider/onboarding/identity", { providerA: "200", providerB: "200" }),
  },
  { route: "provider.onboarding.$step", method: "POST", url: () => "/provider/onboarding/identity", form: { kind: "" }, expected: signedIn("400") },
  // Only the owners/managers of an organisation manage its workers (B is an individual).
  { route: "provider.organisation.workers", method: "GET", url: () => "/provider/organisation/workers", expected: only(["providerA"], "200") },
  { route: "provider.organisation.workers", method: "POST", url: () => "/provider/organisation/workers", form: { email: "" }, expected: only(["providerA"], "400") },

  // The operator area: operators and admins; a provider of another quartiere is 403, never 404.
  { route: "operator._index", method: "GET", url: () => "/operator", expected: only(operators, "200") },
  { route: "operator.verification", method: "GET", url: () => "/operator/verification", expected: only(operators, "200") },
  { route: "operator.verification", method: "GET", url: () => `/operator/verification?quartiere=${QUARTIERE_1}`, expected: only(["operatorQ1", "admin"], "200") },
  { route: "operator.providers.$id", method: "GET", url: (ids) => `/operator/providers/${ids.providerA}`, expected: only(["operatorQ1", "admin"], "200") },
  { route: "operator.providers.$id", method: "POST", url: (ids) => `/operator/providers/${ids.providerA}`, form: { decision: "approve" }, expected: only(["operatorQ1", "admin"], "400") },

  // Sign-out last: it ends the session. A GET changes nothing.
  { route: "logout", method: "GET", url: () => "/logout", expected: all("→/") },
  { route: "logout", method: "POST", url: () => "/logout", expected: all("→/login") },
];

const routesDir = path.resolve(process.cwd(), "app/routes");
const routeModules = readdirSync(routesDir)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .map((f) => ({ route: f.replace(/\.(tsx?|jsx?)$/, ""), source: readFileSync(path.join(routesDir, f), "utf8") }));
const exportsAction = (source: string) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b/.test(source);

test.afterAll(async () => {
  await closeE2eDb();
});

test("the table covers every route module, and every action", () => {
  const missing: string[] = [];
  for (const { route, source } of routeModules) {
    if (!table.some((c) => c.route === route && c.method === "GET")) missing.push(`${route}: GET`);
    if (exportsAction(source) && !table.some((c) => c.route === route && c.method === "POST")) missing.push(`${route}: POST (the module exports an action)`);
  }
  expect(missing, "routes with no row in the authorisation matrix").toEqual([]);
  const stale = table.filter((c) => !routeModules.some((m) => m.route === c.route)).map((c) => c.route);
  expect(stale, "rows for route modules that no longer exist").toEqual([]);
});

test("every route as every role: visitors sign in, wrong roles and other providers' ids get 403", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { users, ids } = await createMatrixCast();
  const sessions: RoleSession[] = await Promise.all(
    matrixRoles.map((role) => openRoleSession(browser, baseURL!, role, role === "anonymous" ? null : users[role])),
  );

  const outcomeOf = (status: number, location: string | undefined, requested: string): string => {
    if (status >= 300 && status < 400) {
      const target = new URL(location ?? "", baseURL);
      if (target.pathname === "/login" && target.searchParams.has("redirectTo")) {
        // It must come back here after signing in.
        return target.searchParams.get("redirectTo") === requested ? "→login" : `→login(redirectTo=${target.searchParams.get("redirectTo")})`;
      }
      return `→${target.pathname}`;
    }
    return String(status);
  };

  const observed: { label: string; role: MatrixRole; expected: Outcome; actual: string }[] = [];
  await Promise.all(
    sessions.map(async ({ role, context, csrf }) => {
      for (const c of table) {
        const url = c.url(ids);
        const response =
          c.method === "GET"
            ? await context.request.get(url, { maxRedirects: 0 })
            : await context.request.post(url, { form: { _csrf: csrf, ...(c.form ?? {}) }, maxRedirects: 0 });
        const actual = outcomeOf(response.status(), response.headers().location, url);
        observed.push({ label: `${c.method} ${url.replace(ids.providerA, "$A").replace(ids.documentA, "$docA").replace(ids.photoDocumentA, "$photoA").replace(ids.publicProvider, "$public")}`, role, expected: c.expected[role], actual });
        // A refused POST is refused for who is asking, not for the token (which is valid).
        if (c.method === "POST" && response.status() === 403) {
          expect(await response.text(), `${role} ${c.method} ${url}`).not.toContain("CSRF");
        }
        // A document is only ever handed out as a download.
        if (c.route === "documents.$id" && response.status() === 200) {
          expect(response.headers()["content-disposition"], `${role} ${url}`).toMatch(/^attachment/);
        }
      }
    }),
  );
  await Promise.all(sessions.map((s) => s.context.close()));

  // The whole grid, printed for the report, then every cell compared.
  const labels = [...new Set(table.map((c) => `${c.method} ${c.url(ids).replace(ids.providerA, "$A").replace(ids.documentA, "$docA").replace(ids.photoDocumentA, "$photoA").replace(ids.publicProvider, "$public")}`))];
  const cell = (label: string, role: MatrixRole) => {
    const o = observed.find((x) => x.label === label && x.role === role)!;
    return o.actual === o.expected ? o.actual : `${o.actual}≠${o.expected}`;
  };
  const grid = [["route", ...matrixRoles].join(" | "), ...labels.map((l) => [l, ...matrixRoles.map((r) => cell(l, r))].join(" | "))].join("\n");
  console.log(`authorisation matrix (actual, or actual≠expected):\n${grid}`);

  // The refused decisions (and the allowed but incomplete ones) changed nothing.
  const statusOfA = await e2eDb().selectFrom("providers").select("status").where("id", "=", ids.providerA).executeTakeFirstOrThrow();
  expect(statusOfA.status).toBe("pending");

  const mismatches = observed.filter((o) => o.actual !== o.expected).map((o) => `${o.label} as ${o.role}: got ${o.actual}, expected ${o.expected}`);
  expect(mismatches, "authorisation outcomes that differ from the table").toEqual([]);
});
