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
 * Outcomes: "200", "400", "403", "404", "405", "409" (status codes); "→login" (302 to
 * /login?redirectTo=<this URL>); "→/path" (a redirect elsewhere, query string ignored).
 *
 * The route list is read from disk at test time: a new route module with no row here fails.
 * POST bodies are deliberately incomplete (only the CSRF token and a harmless field), so an
 * allowed caller gets a validation answer (400) and nothing changes, while a refused one gets
 * 403 or is sent to sign in — before the form is looked at.
 */

type Outcome = "200" | "400" | "403" | "404" | "405" | "409" | "→login" | `→/${string}`;
type Row = Record<MatrixRole, Outcome>;

interface Case {
  route: string; // file name in app/routes without extension
  method: "GET" | "POST";
  url: (ids: MatrixIds) => string;
  form?: Record<string, string> | ((ids: MatrixIds) => Record<string, string>);
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
/** Who may act on quartiere 1 (where A and every fixture live) in the operator area. */
const q1: MatrixRole[] = ["operatorQ1", "admin"];
/** Those who act for a provider (A: an organisation's owner; B: an individual). */
const providers: MatrixRole[] = ["providerA", "providerB"];
/** The parties of the family's bookings with A. */
const partiesOfBooking: MatrixRole[] = ["family", "providerA"];
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

  // Bookings: only their two parties (the family, and those acting for the provider); an operator
  // or an admin is not a party. Asking for a booking is for family accounts only, and nobody asks
  // a provider they act for (A is not public: nobody may ask it at all).
  { route: "bookings._index", method: "GET", url: () => "/bookings", expected: signedIn("200") },
  { route: "bookings.$id", method: "GET", url: (ids) => `/bookings/${ids.booking}`, expected: only(partiesOfBooking, "200") },
  { route: "bookings.$id", method: "POST", url: (ids) => `/bookings/${ids.booking}`, form: { intent: "nonsense" }, expected: only(partiesOfBooking, "400") },
  { route: "calendar", method: "GET", url: () => "/calendar", expected: signedIn("200") },
  { route: "calendar[.]ics", method: "GET", url: () => "/calendar.ics", expected: signedIn("200") },
  { route: "providers_.$id.request", method: "GET", url: (ids) => `/providers/${ids.publicProvider}/request`, expected: only(["family"], "200") },
  { route: "providers_.$id.request", method: "POST", url: (ids) => `/providers/${ids.publicProvider}/request`, form: { category: "" }, expected: only(["family"], "400") },
  { route: "providers_.$id.request", method: "GET", url: (ids) => `/providers/${ids.providerA}/request`, expected: signedIn("404") },

  // Conversations: the booking's parties; an operator reads one only once it is reported, and only
  // in their quartieri (an admin in every one) — never an unreported one, not even an admin.
  { route: "bookings_.$id.messages", method: "GET", url: (ids) => `/bookings/${ids.booking}/messages`, expected: only(partiesOfBooking, "200") },
  { route: "bookings_.$id.messages", method: "POST", url: (ids) => `/bookings/${ids.booking}/messages`, form: { intent: "nonsense" }, expected: only(partiesOfBooking, "400") },
  { route: "operator.reports", method: "GET", url: () => "/operator/reports", expected: only(operators, "200") },
  { route: "operator.reports_.$id", method: "GET", url: (ids) => `/operator/reports/${ids.thread}`, expected: signedIn("403") },
  { route: "operator.reports_.$id", method: "GET", url: (ids) => `/operator/reports/${ids.reportedThread}`, expected: only(q1, "200") },

  // Reviews: only the booking's family writes one; those acting for the reviewed provider reply;
  // the operator of its quartiere (or an admin) hides it.
  { route: "bookings_.$id.review", method: "GET", url: (ids) => `/bookings/${ids.completedBooking}/review`, expected: only(["family"], "200") },
  { route: "bookings_.$id.review", method: "POST", url: (ids) => `/bookings/${ids.completedBooking}/review`, form: { body: "" }, expected: only(["family"], "400") },
  { route: "provider.reviews", method: "GET", url: () => "/provider/reviews", expected: only(providers, "200") },
  { route: "provider.reviews", method: "POST", url: () => "/provider/reviews", form: (ids) => ({ intent: "reply", reviewId: ids.review, body: "" }), expected: only(["providerA"], "400") },
  { route: "operator.reviews", method: "GET", url: () => "/operator/reviews", expected: only(operators, "200") },
  { route: "operator.reviews", method: "POST", url: () => "/operator/reviews", form: (ids) => ({ intent: "hide", reviewId: ids.review, reason: "" }), expected: only(q1, "400") },

  // Payments: the booking's family pays; providers set up their own payouts; operators grant
  // vouchers in their quartieri; Stripe's webhook answers only a signed POST (no session, no CSRF).
  { route: "bookings_.$id.pay", method: "GET", url: (ids) => `/bookings/${ids.booking}/pay`, expected: only(["family"], "200") },
  { route: "bookings_.$id.pay", method: "POST", url: (ids) => `/bookings/${ids.booking}/pay`, form: {}, expected: only(["family"], "400") },
  { route: "provider.payouts", method: "GET", url: () => "/provider/payouts", expected: only(providers, "200") },
  { route: "provider.payouts", method: "POST", url: () => "/provider/payouts", form: {}, expected: only(providers, "400") },
  { route: "operator.vouchers", method: "GET", url: () => "/operator/vouchers", expected: only(operators, "200") },
  { route: "operator.vouchers", method: "POST", url: () => "/operator/vouchers", form: { intent: "grant" }, expected: only(operators, "400") },
  // A complete grant for quartiere 1 to an address with no family account: the operator of
  // quartiere 2 is refused before the address is looked up; the others learn it is unknown.
  {
    route: "operator.vouchers",
    method: "POST",
    url: () => "/operator/vouchers",
    form: { intent: "grant", familyEmail: "nessuno-matrice@example.org", programme: "Buono prova", budget: "50", expiresOn: "2099-12-31", quartiereId: String(QUARTIERE_1) },
    expected: only(q1, "400"),
  },
  { route: "account.vouchers", method: "GET", url: () => "/account/vouchers", expected: signedIn("200") },
  { route: "stripe.webhook", method: "GET", url: () => "/stripe/webhook", expected: all("405") },
  { route: "stripe.webhook", method: "POST", url: () => "/stripe/webhook", form: {}, expected: all("400") },

  // Condominiums: members only (operators and admins included: they are not members); joining
  // with a code is open to anyone signed in, and its page (the QR poster's link) to everybody.
  { route: "condominiums._index", method: "GET", url: () => "/condominiums", expected: signedIn("200") },
  { route: "condominiums.new", method: "GET", url: () => "/condominiums/new", expected: signedIn("200") },
  { route: "condominiums.new", method: "POST", url: () => "/condominiums/new", form: { name: "" }, expected: signedIn("400") },
  { route: "condominiums.join", method: "GET", url: () => "/condominiums/join?code=x", expected: all("200") },
  { route: "condominiums.join", method: "POST", url: () => "/condominiums/join", form: { code: "" }, expected: signedIn("400") },
  { route: "condominiums.$id._index", method: "GET", url: (ids) => `/condominiums/${ids.condominium}`, expected: only(["family"], "200") },
  { route: "condominiums.$id._index", method: "POST", url: (ids) => `/condominiums/${ids.condominium}`, form: { intent: "nonsense" }, expected: only(["family"], "400") },
  { route: "condominiums.$id.poster", method: "GET", url: (ids) => `/condominiums/${ids.condominium}/poster`, expected: only(["family"], "200") },

  // Hubs: public pages; signing up for an event needs an account. Managing a hub: the operators of
  // the quartieri it covers (Centro: 1, 3, 4 — not 2) and admins; only an admin opens a new one.
  { route: "hubs._index", method: "GET", url: () => "/hubs", expected: all("200") },
  { route: "hubs.$id", method: "GET", url: (ids) => `/hubs/${ids.hub}`, expected: all("200") },
  { route: "hubs.$id", method: "POST", url: (ids) => `/hubs/${ids.hub}`, form: { intent: "nonsense" }, expected: signedIn("400") },
  { route: "hubs.$id_.events.$eventId", method: "GET", url: (ids) => `/hubs/${ids.hub}/events/${ids.hubEvent}`, expected: all("200") },
  { route: "hubs.$id_.events.$eventId", method: "POST", url: (ids) => `/hubs/${ids.hub}/events/${ids.hubEvent}`, form: { intent: "nonsense" }, expected: signedIn("400") },
  { route: "operator.hubs._index", method: "GET", url: () => "/operator/hubs", expected: only(operators, "200") },
  { route: "operator.hubs._index", method: "POST", url: () => "/operator/hubs", form: { intent: "nonsense" }, expected: only(["admin"], "400") },
  { route: "operator.hubs.$id", method: "GET", url: (ids) => `/operator/hubs/${ids.hub}`, expected: only(q1, "200") },
  { route: "operator.hubs.$id", method: "POST", url: (ids) => `/operator/hubs/${ids.hub}`, form: { intent: "nonsense" }, expected: only(q1, "400") },
  { route: "operator.hubs.$id_.events.$eventId", method: "GET", url: (ids) => `/operator/hubs/${ids.hub}/events/${ids.hubEvent}`, expected: only(q1, "200") },
  { route: "operator.hubs.$id_.events.$eventId", method: "POST", url: (ids) => `/operator/hubs/${ids.hub}/events/${ids.hubEvent}`, form: { intent: "nonsense" }, expected: only(q1, "400") },

  // Needs: a family posts and looks after its own (nobody else sees them, not even an operator or
  // an admin); a need posted at a hub desk is looked after by the operators of its quartiere.
  { route: "needs._index", method: "GET", url: () => "/needs", expected: only(["family"], "200") },
  { route: "needs.new", method: "GET", url: () => "/needs/new", expected: only(["family"], "200") },
  { route: "needs.new", method: "POST", url: () => "/needs/new", form: { category: "" }, expected: only(["family"], "400") },
  { route: "needs.$id", method: "GET", url: (ids) => `/needs/${ids.need}`, expected: only(["family"], "200") },
  { route: "needs.$id", method: "POST", url: (ids) => `/needs/${ids.need}`, form: { intent: "nonsense" }, expected: only(["family"], "400") },
  { route: "needs.$id", method: "GET", url: (ids) => `/needs/${ids.onBehalfNeed}`, expected: only(q1, "200") },
  { route: "needs.$id", method: "POST", url: (ids) => `/needs/${ids.onBehalfNeed}`, form: { intent: "nonsense" }, expected: only(q1, "400") },

  // Shared groups: the member families see and act on their group (operators use their own page);
  // providers see formed groups their public profiles could serve and offer only as those.
  { route: "groups.$id", method: "GET", url: (ids) => `/groups/${ids.group}`, expected: only(["family"], "200") },
  { route: "groups.$id", method: "POST", url: (ids) => `/groups/${ids.group}`, form: { intent: "choose", offerId: "" }, expected: only(["family"], "400") },
  // Refused before the form is looked at: a non-member gets 403 whatever the intent.
  { route: "groups.$id", method: "POST", url: (ids) => `/groups/${ids.group}`, form: { intent: "nonsense" }, expected: only(["family"], "400") },
  { route: "provider.group-requests", method: "GET", url: () => "/provider/group-requests", expected: only(providers, "200") },
  // An offer for A: A is not public (so nobody may offer for it), and B does not act for it.
  { route: "provider.group-requests", method: "POST", url: () => "/provider/group-requests", form: (ids) => ({ groupId: ids.group, providerId: ids.providerA, price: "" }), expected: signedIn("403") },
  { route: "operator.needs", method: "GET", url: () => "/operator/needs", expected: only(operators, "200") },
  { route: "operator.needs", method: "GET", url: () => `/operator/needs?quartiere=${QUARTIERE_1}`, expected: only(q1, "200") },
  // A half-filled need at the desk may not even name another operator's quartiere.
  { route: "operator.needs", method: "POST", url: () => "/operator/needs", form: { quartiereId: String(QUARTIERE_1) }, expected: only(q1, "400") },
  { route: "operator.groups.$id", method: "GET", url: (ids) => `/operator/groups/${ids.group}`, expected: only(q1, "200") },
  { route: "operator.groups.$id", method: "POST", url: (ids) => `/operator/groups/${ids.group}`, form: { intent: "assign", providerId: "", price: "" }, expected: only(q1, "400") },
  // As for every operator page: whoever may not act on the group is refused whatever the intent.
  { route: "operator.groups.$id", method: "POST", url: (ids) => `/operator/groups/${ids.group}`, form: { intent: "nonsense" }, expected: only(q1, "400") },

  // The impact dashboard and the third-sector network: operators for their quartieri, admins for
  // the city; the network directory is public.
  { route: "operator.dashboard", method: "GET", url: () => "/operator/dashboard", expected: only(operators, "200") },
  { route: "operator.dashboard", method: "GET", url: () => `/operator/dashboard?scope=q${QUARTIERE_1}`, expected: only(q1, "200") },
  { route: "operator.dashboard", method: "POST", url: () => "/operator/dashboard", form: { intent: "nonsense" }, expected: only(operators, "400") },
  // Routing quartiere 1's need (grouped, so not open: refused as a conflict, nothing recorded).
  {
    route: "operator.dashboard",
    method: "POST",
    url: () => "/operator/dashboard",
    form: (ids) => ({ intent: "refer", needId: ids.groupNeed, organisationId: ids.networkOrganisation, note: "" }),
    expected: only(q1, "409"),
  },
  { route: "operator.dashboard[.]csv", method: "GET", url: () => "/operator/dashboard.csv", expected: only(operators, "200") },
  { route: "operator.dashboard[.]csv", method: "GET", url: () => `/operator/dashboard.csv?scope=q${QUARTIERE_1}`, expected: only(q1, "200") },
  { route: "operator.dashboard[.]pdf", method: "GET", url: () => `/operator/dashboard.pdf?scope=q${QUARTIERE_1}`, expected: only(q1, "200") },
  { route: "network._index", method: "GET", url: () => "/network", expected: all("200") },
  { route: "operator.network", method: "GET", url: () => "/operator/network", expected: only(operators, "200") },
  // Another quartiere's entry: 403 like every other quartiere-scoped page, never 404.
  { route: "operator.network", method: "GET", url: (ids) => `/operator/network?edit=${ids.networkOrganisation}`, expected: only(q1, "200") },
  { route: "operator.network", method: "POST", url: () => "/operator/network", form: { intent: "nonsense" }, expected: only(operators, "400") },

  // Sign-out last: it ends the session. A GET changes nothing.
  { route: "logout", method: "GET", url: () => "/logout", expected: all("→/") },
  { route: "logout", method: "POST", url: () => "/logout", expected: all("→/login") },
];

const formOf = (c: Case, ids: MatrixIds): Record<string, string> => (typeof c.form === "function" ? c.form(ids) : (c.form ?? {}));

/** How an id is shown in the grid: "$A", "$booking", … */
const shortNames: Partial<Record<keyof MatrixIds, string>> = { providerA: "A", providerB: "B", publicProvider: "public", documentA: "docA", photoDocumentA: "photoA" };

/** "POST /groups/$group intent=choose&offerId=": ids by name, and the form (POSTs to one URL differ by it). */
function labelOf(c: Case, ids: MatrixIds): string {
  const form = c.method === "POST" ? decodeURIComponent(new URLSearchParams(formOf(c, ids)).toString()) : "";
  let label = `${c.method} ${c.url(ids)}${form ? ` ${form}` : ""}`;
  for (const [name, id] of Object.entries(ids) as Array<[keyof MatrixIds, string]>) label = label.split(id).join(`$${shortNames[name] ?? name}`);
  return label;
}

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
  test.setTimeout(300_000);
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
            : await context.request.post(url, { form: { _csrf: csrf, ...formOf(c, ids) }, maxRedirects: 0 });
        const actual = outcomeOf(response.status(), response.headers().location, url);
        observed.push({ label: labelOf(c, ids), role, expected: c.expected[role], actual });
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
  const labels = [...new Set(table.map((c) => labelOf(c, ids)))];
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
