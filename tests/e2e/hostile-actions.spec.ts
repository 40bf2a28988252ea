import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Browser } from "@playwright/test";
import fc from "fast-check";
import { sql } from "kysely";
import { isPublicProvider } from "../../app/domain/providers/public-visibility";
import { formEntries, hostileString, type FormEntry, type FormFields } from "../support/hostile-arbitraries";
import { createMatrixCast, openRoleSession, QUARTIERE_1, type MatrixIds, type RoleSession } from "./support/authz-fixtures";
import { insertOneOffBooking } from "./support/one-off-booking";
import { closeE2eDb, e2eDb, insertE2eUser, uniqueWord, type E2eUser } from "./support/operator-login";

/**
 * Issue 7: random and hostile input (tests/support/hostile-arbitraries.ts: long strings, odd
 * Unicode, NUL, SQL and HTML fragments, huge and odd numbers, repeated and unknown fields, bytes
 * that are not UTF-8) POSTed over HTTP to every action, as a role that may use it, with a valid
 * CSRF token. The fields are the form's own, mostly filled with good values and one hostile
 * value, or anything at all, so both the refusing and the accepting paths run. Every answer:
 * never 5xx; a page (200 or 4xx) never shows a stack trace, zod's English or a raw message key,
 * and a 4xx page says what went wrong in words. Then, once per action that stores text, an
 * HTML/SQL payload is stored and must come back verbatim from the database and escaped on the
 * page that shows it (as text, never as an element).
 *
 * Bodies no browser sends (multipart cut short or without a boundary, bytes that are not UTF-8)
 * and the query strings of the pages that read one (GET forms) get the same treatment.
 *
 * The route list is read from disk at test time: a new route module exporting an action without
 * a case here fails the first test. The forms are drawn from a seed taken from the commit being
 * tested, so each commit tries new ones and a failure in CI replays from the commit alone (a CI log
 * may be cut off before it prints the seed); outside a git work tree the clock picks it.
 * HOSTILE_SEED=<n> replays a run; HOSTILE_RUNS=<n> changes the number of forms per case
 * (default 10); HOSTILE_DUMP=<dir> saves the pages that got a wrong answer.
 */

/** The first 31 bits of the commit being tested, or of the clock when there is no commit to read. */
function defaultSeed(): number {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return Number.parseInt(head.slice(0, 8), 16) % 2_147_483_647;
  } catch {
    return Date.now() % 2_147_483_647;
  }
}

const SEED = Number(process.env.HOSTILE_SEED ?? defaultSeed());
const RUNS = Number(process.env.HOSTILE_RUNS ?? 10);

// ─── The route modules and what their pages may say ─────────────────────────────────────────

const routesDir = path.resolve(process.cwd(), "app/routes");
const actionRoutes = readdirSync(routesDir)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .filter((f) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b/.test(readFileSync(path.join(routesDir, f), "utf8")))
  .map((f) => f.replace(/\.(tsx?|jsx?)$/, ""));

/** A key under errors.*, refusals.*, forbidden.*, notFound.*, errorPage.* … (not the links back), or one named like one ("form.errorSummary", "operator.notSaved"). */
const isErrorKey = (keyPath: string[]) =>
  (keyPath.slice(0, -1).some((k) => /^(errors?|refusals?|refused|forbidden|notFound|errorPage|rateLimited|problems?)$/i.test(k)) || /error|notSaved|refused|failed/i.test(keyPath.at(-1)!)) &&
  !/^(back|to[A-Z]|link|mine|searchAgain)/.test(keyPath.at(-1)!);

/** Every text of every locale whose key says it is an error, a refusal or an error page. */
const errorTexts: string[] = (() => {
  const localesDir = path.resolve(process.cwd(), "app/i18n/locales");
  const out = new Set<string>();
  const walk = (tree: Record<string, unknown>, keyPath: string[]) => {
    for (const [key, value] of Object.entries(tree)) {
      if (value && typeof value === "object") walk(value as Record<string, unknown>, [...keyPath, key]);
      else if (typeof value === "string" && isErrorKey([...keyPath, key])) {
        // The longest fixed part of the text ("{{minutes}}" and the like are filled in at run time);
        // a short part of a longer text ("servizi" of "{{count}} servizi") says nothing.
        const part = value.split(/\{\{[^}]*\}\}|<\/?\d+>/).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), "");
        if (part.length >= (part === value.trim() ? 14 : 16)) out.add(part);
      }
    }
  };
  for (const lang of readdirSync(localesDir)) {
    for (const file of readdirSync(path.join(localesDir, lang))) walk(JSON.parse(readFileSync(path.join(localesDir, lang, file), "utf8")), []);
  }
  return [...out];
})();

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** What a person reads on the page: no scripts, styles, or values typed back into text areas. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<textarea[\s\S]*?<\/textarea>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : (entities[e] ?? m),
    )
    .replace(/\s+/g, " ");
}

/** A message key shown as is ("errors.priceRange", "network.errors.name", "refusals.slot_taken"). */
const rawKey = /(?<![\w.@/:-])(?:[a-z][A-Za-z0-9]*\.)*(?:errors|refusals|refused|errorPage)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*/;
const zodEnglish = /Invalid input|Too (?:big|small): expected|expected (?:string|number|array|object), received|Invalid (?:email|UUID|ISO date)/;
const stackTrace = /\bat [\w.<>$]+ \(?\/[^)]*:\d+:\d+|node_modules\/|\b(?:TypeError|ReferenceError|SyntaxError|RangeError): /;

/** The error messages a page shows (for reports). */
const errorsShown = (html: string) => {
  const text = visibleText(html);
  return errorTexts.filter((t) => text.includes(t)).join(" | ") || text.slice(0, 200);
};

/** What is wrong with an answer, or null. `usual`: error texts the page shows anyway (a badge, a link). */
async function problemOf(response: APIResponse, options: { machine?: boolean; usual?: ReadonlySet<string> } = {}): Promise<string | null> {
  const status = response.status();
  const body = await response.text().catch(() => "");
  if (status >= 500) return `status ${status}: ${visibleText(body).slice(0, 300)}`;
  if (status >= 300 && status < 400) return response.headers().location ? null : `redirect ${status} without a Location`;
  if (options.machine) return stackTrace.test(body) ? `a stack trace: ${body.slice(0, 300)}` : null;
  // A URL or body too large for Node's HTTP parser is refused before the app sees it.
  if (status === 413 || status === 414 || status === 431) return stackTrace.test(body) ? `a stack trace: ${body.slice(0, 300)}` : null;
  if (!(response.headers()["content-type"] ?? "").includes("text/html")) return `status ${status} answered with ${response.headers()["content-type"]}, not a page`;
  const text = visibleText(body);
  const key = rawKey.exec(text);
  if (key) return `status ${status} shows a raw message key "${key[0]}"`;
  const english = zodEnglish.exec(text);
  if (english) return `status ${status} shows zod's own message "${english[0]}"`;
  if (stackTrace.test(text)) return `status ${status} shows a stack trace`;
  if (status >= 400 && !errorTexts.some((t) => text.includes(t) && !options.usual?.has(t))) return `status ${status} without any translated error message: ${text.slice(0, 200)}`;
  return null;
}

// ─── Sending a form ─────────────────────────────────────────────────────────────────────────

/** Percent-encodes the UTF-8 bytes of a value (a lone surrogate becomes U+FFFD, as in a browser). */
const encode = (value: string) =>
  [...Buffer.from(value, "utf8")].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

/** Bytes that are not UTF-8 at all (an overlong "/", a lone continuation byte, a CESU surrogate). */
const notUtf8 = "%C0%AF%80%FF%FE%ED%A0%80";

interface Sample {
  entries: FormEntry[];
  /** Appends bytes that are not UTF-8 to one value (only in url-encoded bodies). */
  rawBytes: boolean;
}

async function post(session: RoleSession, url: string, sample: Sample, multipart: boolean): Promise<APIResponse> {
  if (multipart) {
    const form = new FormData();
    form.append("_csrf", session.csrf);
    for (const [k, v] of sample.entries) {
      if (k === "photo" || k === "file") form.append(k, new File([Buffer.from(v, "utf8")], `${v.slice(0, 40)}.pdf`, { type: "application/pdf" }));
      else form.append(k, v);
    }
    return session.context.request.post(url, { multipart: form, maxRedirects: 0, timeout: 30_000 });
  }
  const parts = [`_csrf=${encode(session.csrf)}`, ...sample.entries.map(([k, v], i) => `${encode(k)}=${encode(v)}${sample.rawBytes && i === 0 ? notUtf8 : ""}`)];
  return session.context.request.post(url, {
    data: parts.join("&"),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
    timeout: 30_000,
  });
}

// ─── The cast ───────────────────────────────────────────────────────────────────────────────

type Role =
  | "anonymous"
  | "family"
  | "providerA"
  | "providerB"
  | "operatorQ1"
  | "admin"
  /** A family account of its own: the account pages change its name and language. */
  | "accountUser"
  /** Someone becoming a provider (the onboarding steps). */
  | "onboarder"
  /** A member of a public provider that can serve the matrix's group. */
  | "publicMember";

interface Ids extends MatrixIds {
  /** A hub of quartiere 1 of this spec's own (the demo hubs are other journeys'), and its events. */
  ownHub: string;
  ownEvent: string;
  probeEvent: string;
  /** Bookings between the family and provider A: requested (to answer), accepted, completed. */
  requestedBooking: string;
  probeRequestedBooking: string;
  probeCompletedBooking: string;
  /** A public provider offering babysitting in quartiere 1, with a weekly slot to ask for. */
  publicBabysitter: string;
  publicSlot: { weekday: number; startMinute: number };
  familyEmail: string;
  /** The matrix condominium's invite code (a neighbour joins with it). */
  condominiumCode: string;
}

/** "YYYY-MM-DD", `days` from today. */
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** The first day at least `days` ahead that falls on an ISO weekday. */
const weekdayAhead = (weekday: number, days: number) => {
  for (let d = days; ; d++) {
    const date = dayAhead(d);
    const iso = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (iso === weekday) return date;
  }
};
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

async function insertHubEvent(hubId: string, title: string, daysAhead: number): Promise<string> {
  const startsAt = new Date(Date.now() + daysAhead * 86_400_000);
  const { id } = await e2eDb()
    .insertInto("hub_events")
    .values({ hub_id: hubId, title, description: "Un incontro del quartiere.", starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 90 * 60_000), capacity: 30 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function createCast(): Promise<{ users: Record<Exclude<Role, "anonymous">, E2eUser>; ids: Ids }> {
  const { users, ids } = await createMatrixCast();
  const db = e2eDb();
  const word = uniqueWord();
  const accountUser = await insertE2eUser({ roles: ["family"], displayName: `Conto ${word}` });
  const onboarder = await insertE2eUser({ roles: ["provider"], displayName: `Aspirante ${word}` });
  const publicMember = await insertE2eUser({ roles: ["provider"], displayName: `Socia ${word}` });

  // A public provider that babysits in quartiere 1 and has a weekly slot (the group's offers and a request).
  const babysitter = await db
    .selectFrom("providers as p")
    .innerJoin("provider_services as s", "s.provider_id", "p.id")
    .innerJoin("service_categories as c", "c.id", "s.category_id")
    .innerJoin("provider_zones as z", "z.provider_id", "p.id")
    .innerJoin("availability_slots as a", "a.provider_id", "p.id")
    .select(["p.id", "a.weekday", "a.start_minute", "a.end_minute"])
    .where(isPublicProvider("p"))
    .where("c.slug", "=", "babysitter")
    .where("z.quartiere_id", "=", QUARTIERE_1)
    .where(sql<boolean>`a.end_minute - a.start_minute >= 60`)
    .orderBy("p.id")
    .orderBy("a.weekday")
    .executeTakeFirstOrThrow();
  await db.insertInto("provider_members").values({ provider_id: babysitter.id, user_id: publicMember.id, member_role: "owner" }).execute();

  // A hub of our own in quartiere 1 (managed by operatorQ1), with two events ahead.
  const centre = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE_1).executeTakeFirstOrThrow();
  const hub = await db.insertInto("hubs").values({ name: `Spazio prova ${word}`, address: "Via Dante 5, Milano", lat: centre.lat, lng: centre.lng }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("hub_quartieri").values({ hub_id: hub.id, quartiere_id: QUARTIERE_1 }).execute();
  const ownEvent = await insertHubEvent(hub.id, `Merenda ${word}`, 10);
  const probeEvent = await insertHubEvent(hub.id, `Lettura ${word}`, 12);

  const requestedBooking = await insertOneOffBooking({ providerId: ids.providerA, familyUserId: users.family.id, status: "requested", day: weekdayAhead(2, 40), withThread: true });
  const probeRequestedBooking = await insertOneOffBooking({ providerId: ids.providerA, familyUserId: users.family.id, status: "requested", day: weekdayAhead(2, 47), withThread: true });
  const probeCompletedBooking = await insertOneOffBooking({ providerId: ids.providerA, familyUserId: users.family.id, status: "completed", day: "2031-04-01", withThread: true });
  const { invite_code: condominiumCode } = await db.selectFrom("condominiums").select("invite_code").where("id", "=", ids.condominium).executeTakeFirstOrThrow();

  return {
    users: { ...users, accountUser, onboarder, publicMember },
    ids: {
      ...ids,
      ownHub: hub.id,
      ownEvent,
      probeEvent,
      requestedBooking,
      probeRequestedBooking,
      probeCompletedBooking,
      publicBabysitter: babysitter.id,
      publicSlot: { weekday: babysitter.weekday, startMinute: babysitter.start_minute },
      familyEmail: users.family.email,
      condominiumCode,
    },
  };
}

// ─── The cases: every action, its fields (a good value first), who may use it ───────────────

interface ActionCase {
  route: string;
  /** What differs between cases of one route (usually the intent). */
  label?: string;
  /** Roles allowed to use it; each form goes as one of them. */
  roles: Role[];
  url: (ids: Ids) => string;
  fields: (ids: Ids) => FormFields;
  runs?: number;
  multipart?: boolean;
  /** Stripe's webhook: a signed JSON body, no session, no page. */
  webhook?: true;
  /** A fresh session for every form (the form may sign the session out). */
  freshSession?: true;
}

/** No value of these fields may name a real quartiere other than 1 (other journeys own them). */
const notAnotherQuartiere = hostileString.filter((v) => {
  const n = Number(v.trim());
  return !(Number.isFinite(n) && Math.round(n) >= 2 && n <= 999);
});
const quartiereFields = new Set(["quartiere", "quartiereId", "quartieri", "baseQuartiereId"]);
const quartiereEdges = ["1", "0", "-1", "1000", "1e308", "NaN", "1.5", "９", "2147483648", "9007199254740993", "", " 1 "];
const uuidish = (good: string) => [good, "00000000-0000-0000-0000-000000000000", good.toUpperCase(), `${good}x`, "1", "", "' OR 1=1 --"];
const dateEdges = ["", "2025-02-30", "0000-01-01", "9999-12-31", "+02025-06-03", "2020-01-01", "31/12/2030"];
const timeEdges = ["", "25:00", "9:00", "09:15", "24:00", "00:00", "-1:00"];
const moneyEdges = ["", "0", "-5", "1e3", "12,505", "99999", "１２", "NaN"];

const cases: ActionCase[] = [
  // Signing in and up (a visitor).
  { route: "login", roles: ["anonymous"], url: () => "/login", fields: () => ({ email: ["nessuno@example.org", "a@b", "NESSUNO@EXAMPLE.ORG "], password: ["una frase lunga e sicura", ""], redirectTo: ["/account", "//evil.example", "javascript:alert(1)", "/\\evil"] }) },
  {
    route: "signup",
    roles: ["anonymous"],
    url: () => "/signup",
    fields: () => ({ email: [`ostile-${uniqueWord()}@example.org`, "a@b"], password: ["una frase lunga e sicura", "corta"], displayName: ["Giulia Bianchi", "G"], role: ["family", "provider", "admin", "operator"] }),
  },
  { route: "forgot-password", roles: ["anonymous"], url: () => "/forgot-password", fields: () => ({ email: ["nessuno@example.org", "a@b"] }) },
  { route: "reset-password", roles: ["anonymous"], url: () => "/reset-password", fields: () => ({ token: ["A".repeat(43), "x", "A".repeat(129)], password: ["una frase lunga e sicura", "corta"] }) },

  // The account.
  { route: "account._index", label: "profile", roles: ["accountUser"], url: () => "/account", fields: () => ({ displayName: ["Giulia Bianchi", ""], locale: ["it", "en", "xx", "__proto__"] }) },
  { route: "account._index", label: "resend", roles: ["accountUser"], url: () => "/account", fields: () => ({ intent: ["resend-verification", "resend"] }), runs: 3 },
  { route: "account.delete", roles: ["accountUser"], url: () => "/account/delete", fields: () => ({ password: ["una frase lunga e sicura", ""], confirm: ["yes", "no", "YES"] }) },
  { route: "logout", roles: ["accountUser"], url: () => "/logout", fields: () => ({ redirectTo: ["/", "//evil.example"] }), runs: 3, freshSession: true },

  // Becoming a provider.
  {
    route: "provider.onboarding.$step",
    label: "identity",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/identity",
    fields: () => ({ kind: ["individual", "organisation", "company"], displayName: ["Giulia Bianchi", "G"], organisationName: ["", "Cooperativa Aurora"], fiscalCode: ["RSSMRA85T10A562S", "RSSMRA85T10A562X"], vatNumber: ["", "12345678903", "IT 123"] }),
  },
  {
    route: "provider.onboarding.$step",
    label: "services",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/services",
    fields: () => ({ categories: ["babysitter", "constructor", "x".repeat(41)], "price.babysitter": ["12,50", "4,99", "60,01", "１２", "1e3"], "price.__proto__": ["12"], "price.constructor": ["12"] }),
  },
  {
    route: "provider.onboarding.$step",
    label: "zones",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/zones",
    fields: () => ({ quartieri: ["1", "0", "1000"], baseQuartiereId: ["1", "1.5"], lat: ["", "45.46", "NaN"], lng: ["", "9.19", "Infinity"], baseAddress: ["Via Dante 1", "V"], radiusKm: ["2", "0", "4", "1e308"] }),
  },
  { route: "provider.onboarding.$step", label: "languages", roles: ["onboarder"], url: () => "/provider/onboarding/languages", fields: () => ({ languages: ["it", "en", "klingon", "__proto__"] }) },
  {
    route: "provider.onboarding.$step",
    label: "availability",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/availability",
    fields: () => ({ "days.0.0.start": ["09:00", ...timeEdges], "days.0.0.end": ["12:00", ...timeEdges], "days.6.2.start": ["", "23:30"], "days.6.2.end": ["", "24:30"], "days.9.0.start": ["09:00"] }),
  },
  {
    route: "provider.onboarding.$step",
    label: "profile",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/profile",
    multipart: true,
    fields: () => ({ "bio.it": ["Sono Giulia, faccio la babysitter a Milano da otto anni.", "corta"], "bio.__proto__": ["x"], yearsExperience: ["3", "61", "-0", "1e308"], photo: ["\u0089PNG not really", "%PDF-1.4"] }),
    runs: 6,
  },
  {
    route: "provider.onboarding.$step",
    label: "documents",
    roles: ["onboarder"],
    url: () => "/provider/onboarding/documents",
    multipart: true,
    fields: () => ({ intent: ["upload", "withdraw", "save"], docType: ["identity", "qualification", "__proto__"], expiresOn: ["2099-12-31", ...dateEdges], file: ["%PDF-1.4\n%%EOF\n", "<script>alert(1)</script>"], documentId: uuidish("3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e") }),
    runs: 6,
  },
  { route: "provider.onboarding.$step", label: "review", roles: ["onboarder"], url: () => "/provider/onboarding/review", fields: () => ({ intent: ["submit", "save"] }), runs: 3 },
  {
    route: "provider.organisation.workers",
    roles: ["providerA"],
    url: () => "/provider/organisation/workers",
    fields: () => ({ name: ["Marta Neri", "M"], email: [`lavoratrice-${uniqueWord()}@example.org`, "a@b"], categories: ["babysitter", "constructor"] }),
  },
  { route: "provider.payouts", roles: ["providerA", "providerB"], url: () => "/provider/payouts", fields: () => ({ intent: ["setup", "pay"] }), runs: 4 },
  { route: "provider.reviews", roles: ["providerA"], url: () => "/provider/reviews", fields: (ids) => ({ intent: ["reply", "hide"], reviewId: uuidish(ids.review), body: ["Grazie mille!", ""] }) },
  {
    route: "provider.group-requests",
    roles: ["publicMember"],
    url: () => "/provider/group-requests",
    fields: (ids) => ({ groupId: uuidish(ids.group), providerId: uuidish(ids.publicBabysitter), price: ["16", ...moneyEdges, "500,01"], message: ["Possiamo da settembre.", ""] }),
  },

  // Bookings, messages, payments, reviews.
  {
    route: "providers_.$id.request",
    roles: ["family"],
    url: (ids) => `/providers/${ids.publicBabysitter}/request`,
    fields: (ids) => ({
      category: ["babysitter", "tutoring", "X"],
      kind: ["one_off", "recurring"],
      date: [weekdayAhead(ids.publicSlot.weekday, 200), ...dateEdges],
      weekdays: [String(ids.publicSlot.weekday), "0", "8"],
      firstDate: [weekdayAhead(ids.publicSlot.weekday, 200), ...dateEdges],
      lastDate: [weekdayAhead(ids.publicSlot.weekday, 228), ...dateEdges],
      startTime: [hhmm(ids.publicSlot.startMinute), ...timeEdges],
      endTime: [hhmm(ids.publicSlot.startMinute + 60), ...timeEdges],
      quartiere: quartiereEdges,
      address: ["Via Dante 1, Milano", "Via"],
      careNotes: ["", "Allergia alle arachidi."],
      phone: ["", "+39 333 123 4567", "333"],
      message: ["Buongiorno, avrei bisogno di lei.", ""],
    }),
  },
  {
    route: "bookings.$id",
    label: "answers",
    roles: ["providerA", "family"],
    url: (ids) => `/bookings/${ids.requestedBooking}`,
    fields: () => ({
      intent: ["counterOffer", "accept", "decline", "acceptOffer", "declineOffer", "cancel", "start", "complete", "reportNoShow", "confirmDirect", "constructor"],
      paymentMode: ["direct", "online", "cash"],
      reason: ["Non sono disponibile.", ""],
      note: ["Va bene il martedì.", ""],
      price: ["15", ...moneyEdges],
      kind: ["one_off", "recurring"],
      date: [weekdayAhead(2, 54), ...dateEdges],
      weekdays: ["2", "9"],
      firstDate: [weekdayAhead(2, 54)],
      lastDate: [weekdayAhead(2, 54)],
      startTime: ["16:00", ...timeEdges],
      endTime: ["18:00", ...timeEdges],
      offerId: uuidish("3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e"),
      expectedRefundCents: ["0", "-1", "1e308", "9007199254740993"],
    }),
    runs: 12,
  },
  {
    route: "bookings_.$id.messages",
    roles: ["family", "providerA"],
    url: (ids) => `/bookings/${ids.booking}/messages`,
    fields: () => ({ intent: ["send", "report", "delete"], body: ["A che ora arriva?", ""], reason: ["Messaggi offensivi.", ""] }),
  },
  { route: "bookings_.$id.pay", roles: ["family"], url: (ids) => `/bookings/${ids.booking}/pay`, fields: () => ({ intent: ["pay", "refund"] }), runs: 4 },
  {
    route: "bookings_.$id.review",
    roles: ["family"],
    url: (ids) => `/bookings/${ids.completedBooking}/review`,
    fields: () => ({ reliability: ["4", "0", "6", "4.5"], care: ["5", "５"], communication: ["4", ""], body: ["Puntuale e gentile.", ""] }),
  },
  { route: "operator.reviews", roles: ["operatorQ1"], url: () => "/operator/reviews", fields: (ids) => ({ intent: ["hide", "unhide", "delete"], reviewId: uuidish(ids.review), reason: ["Contiene dati personali.", ""] }) },
  {
    route: "operator.vouchers",
    roles: ["operatorQ1", "admin"],
    url: () => "/operator/vouchers",
    fields: (ids) => ({
      intent: ["grant", "revoke"],
      familyEmail: [ids.familyEmail, "nessuno@example.org", "a@b"],
      programme: ["Buono doposcuola", "ab"],
      budget: ["50", ...moneyEdges, "20000,01"],
      categoryIds: ["1", "0", "2147483648", "99999"],
      expiresOn: ["2099-12-31", ...dateEdges],
      quartiereId: quartiereEdges,
      voucherId: uuidish("3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e"),
    }),
    runs: 12,
  },
  { route: "stripe.webhook", roles: ["anonymous"], url: () => "/stripe/webhook", fields: () => ({}), webhook: true },

  // Verification.
  {
    route: "operator.providers.$id",
    roles: ["operatorQ1"],
    url: (ids) => `/operator/providers/${ids.providerA}`,
    fields: () => ({ decision: ["requestChanges", "approve", "reject", "suspend", "reinstate", "__proto__"], reason: ["Manca il documento.", ""], confirm: ["yes", "no"] }),
  },

  // Condominiums.
  {
    route: "condominiums.new",
    roles: ["family"],
    url: () => "/condominiums/new",
    fields: () => ({ name: ["Condominio Aurora", "A"], address: ["Via Dante 7, Milano", "Vi"], quartiereId: quartiereEdges, units: ["12", "1", "2001", "1e308"], unitLabel: ["", "Scala B"], lat: ["", "45.46", "NaN"], lng: ["", "9.19"] }),
    runs: 6,
  },
  { route: "condominiums.join", roles: ["accountUser"], url: () => "/condominiums/join", fields: () => ({ code: ["ABCD-EFGH", "0O1IL", "ＡＢＣＤＥＦＧＨ"], unitLabel: ["", "Scala B"] }) },
  {
    route: "condominiums.$id._index",
    roles: ["family"],
    url: (ids) => `/condominiums/${ids.condominium}`,
    fields: () => ({ intent: ["post", "consent", "hide-post", "remove-member", "regenerate-code", "delete"], body: ["Riunione giovedì alle 21.", ""], sharesNeeds: ["yes", "no"], postId: ["1", "0", "99999999999999999999"], userId: uuidish("3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e") }),
  },

  // Needs and shared groups (Saturday nights in quartiere 1: no other journey's needs come near).
  {
    route: "needs.new",
    roles: ["family"],
    url: () => "/needs/new",
    fields: () => needFields(),
    runs: 8,
  },
  { route: "needs.$id", roles: ["family"], url: (ids) => `/needs/${ids.need}`, fields: () => ({ intent: ["update", "withdraw"], ...needFields() }), runs: 8 },
  { route: "operator.needs", roles: ["operatorQ1"], url: () => "/operator/needs", fields: () => ({ ...needFields(), onBehalfOf: ["Maria Rossi", "M"], contactNote: ["", "Allo sportello il martedì"] }), runs: 8 },
  {
    route: "groups.$id",
    roles: ["family"],
    url: (ids) => `/groups/${ids.group}`,
    fields: () => ({ intent: ["choose", "accept", "decline", "leave"], offerId: uuidish("3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e"), firstDate: [dayAhead(30), ...dateEdges], lastDate: [dayAhead(60), ...dateEdges], expectedShare: ["1600", "-1", "1e308"] }),
  },
  {
    route: "operator.groups.$id",
    roles: ["operatorQ1"],
    url: (ids) => `/operator/groups/${ids.group}`,
    fields: (ids) => ({ intent: ["assign", "accept", "decline", "nonsense"], providerId: uuidish(ids.publicBabysitter), price: ["16", ...moneyEdges], message: ["Proposta dello sportello.", ""], needId: uuidish(ids.groupNeed), expectedShare: ["1600", "-1", "99999999999999999999"] }),
  },

  // Hubs (the spec's own hub and events).
  { route: "hubs.$id", roles: ["family"], url: (ids) => `/hubs/${ids.ownHub}`, fields: (ids) => ({ intent: ["signup", "cancel", "delete"], eventId: uuidish(ids.ownEvent) }) },
  { route: "hubs.$id_.events.$eventId", roles: ["family"], url: (ids) => `/hubs/${ids.ownHub}/events/${ids.ownEvent}`, fields: (ids) => ({ intent: ["signup", "cancel"], eventId: uuidish(ids.ownEvent) }) },
  {
    route: "operator.hubs._index",
    roles: ["admin"],
    url: () => "/operator/hubs",
    fields: () => ({ intent: ["create", "delete"], name: ["Spazio ostile", "Sp"], address: ["Via Dante 9, Milano", "Via"], lat: ["", "45.46", "45,46", "NaN"], lng: ["", "9.19"], quartieri: quartiereEdges }),
    runs: 6,
  },
  {
    route: "operator.hubs.$id",
    label: "details and hours",
    roles: ["operatorQ1"],
    url: (ids) => `/operator/hubs/${ids.ownHub}`,
    fields: () => ({
      intent: ["details", "hours", "constructor"],
      name: ["Spazio prova", "Sp"],
      address: ["Via Dante 5, Milano", "Via"],
      lat: ["", "45.46", "1e308"],
      lng: ["", "9.19"],
      quartieri: quartiereEdges,
      "hours.1.0.start": ["09:00", ...timeEdges],
      "hours.1.0.end": ["13:00", ...timeEdges],
      "hours.1.1.start": ["12:00", ""],
      "hours.1.1.end": ["18:00", ""],
    }),
  },
  {
    route: "operator.hubs.$id",
    label: "createEvent",
    roles: ["operatorQ1"],
    url: (ids) => `/operator/hubs/${ids.ownHub}`,
    fields: () => ({ intent: ["createEvent"], title: ["Merenda in cortile", "Me"], description: ["", "Porta una tazza."], date: [dayAhead(20), ...dateEdges, "2026-03-29"], startTime: ["10:00", ...timeEdges, "02:30"], endTime: ["12:00", ...timeEdges], capacity: ["20", "0", "10001", "1e308", "1.5"] }),
    runs: 8,
  },
  {
    route: "operator.hubs.$id_.events.$eventId",
    roles: ["operatorQ1"],
    url: (ids) => `/operator/hubs/${ids.ownHub}/events/${ids.ownEvent}`,
    fields: () => ({ intent: ["update", "cancel"], title: ["Merenda in cortile", "Me"], description: ["", "Porta una tazza."], date: [dayAhead(10), ...dateEdges], startTime: ["10:00", ...timeEdges], endTime: ["12:00", ...timeEdges], capacity: ["30", "0", "10001"], confirm: ["no", "yes"] }),
  },

  // The impact dashboard and the network.
  {
    route: "operator.dashboard",
    roles: ["operatorQ1"],
    url: () => "/operator/dashboard",
    fields: (ids) => ({ intent: ["refer", "route"], needId: uuidish(ids.need), organisationId: uuidish(ids.networkOrganisation), note: ["Chiamare il lunedì.", ""] }),
  },
  {
    route: "operator.network",
    roles: ["operatorQ1", "admin"],
    url: () => "/operator/network",
    fields: (ids) => ({
      intent: ["create", "update", "delete"],
      id: uuidish(ids.networkOrganisation),
      name: ["Associazione ostile", "A"],
      kind: ["association", "company"],
      description: ["", "Doposcuola."],
      categories: ["doposcuola", "X"],
      offers: ["", "Aiuto compiti"],
      contact: ["", "info@example.org"],
      quartieri: quartiereEdges,
    }),
  },
];

function needFields(): FormFields {
  return {
    category: ["babysitter", "constructor", ""],
    w0_days: ["6", "0", "8", "1.5", ""],
    w0_from: ["20:00", ...timeEdges, "20:15"],
    w0_to: ["23:00", ...timeEdges, "20:30"],
    w1_days: ["", "6"],
    w1_from: ["", "22:00"],
    w1_to: ["", "21:00"],
    address: ["Via Dante 11, Milano", "Vi"],
    quartiereId: quartiereEdges,
    lat: ["", "45.4642", "45.3", "NaN"],
    lng: ["", "9.19", "9.5"],
    condominiumId: ["", "3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e", "x"],
    details: ["", "Due bambini, 6 e 9 anni."],
    childrenAges: ["", "6, 9", "18", "1 2 3 4 5 6 7 8 9 10 11 12 13"],
    persons: ["2", "0", "13", "1e1"],
    budget: ["", "12,50", "-5", "200,01", "99999"],
    openToSharing: ["yes", "no", "maybe"],
    maxWalk: ["500", "300", "1000", ""],
  };
}

const arbitraryFor = (c: ActionCase, ids: Ids): fc.Arbitrary<Sample> => {
  const fields = c.fields(ids);
  const hostileFor = Object.fromEntries(Object.keys(fields).filter((f) => quartiereFields.has(f)).map((f) => [f, notAnotherQuartiere]));
  return fc.record({ entries: formEntries(fields, { maxLength: 20, hostileFor }), rawBytes: c.multipart ? fc.constant(false) : fc.integer({ min: 0, max: 7 }).map((n) => n === 0) });
};

// ─── The tests ──────────────────────────────────────────────────────────────────────────────

test.afterAll(async () => {
  await closeE2eDb();
});

test("every route module that exports an action has a hostile-input case", () => {
  const missing = actionRoutes.filter((route) => !cases.some((c) => c.route === route));
  expect(missing, "actions without a case in tests/e2e/hostile-actions.spec.ts").toEqual([]);
  const stale = [...new Set(cases.map((c) => c.route))].filter((route) => !actionRoutes.includes(route));
  expect(stale, "cases for route modules that no longer export an action").toEqual([]);
});

/** A signed-in browser context for the role (the matrix's helper; its role argument only names it in errors). */
async function sessionFor(browser: Browser, baseURL: string, role: Role, users: Record<Exclude<Role, "anonymous">, E2eUser>): Promise<RoleSession> {
  return openRoleSession(browser, baseURL, role === "anonymous" ? "anonymous" : "family", role === "anonymous" ? null : users[role]);
}

/** Runs `run` over the items, `size` at a time (the machine is small; the server is one process). */
async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

test("hostile forms at every action: never a 5xx, always a translated answer", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const { users, ids } = await createCast();
  // One session per role; a visitor gets one per case (signing up signs that visitor in).
  const sessions = new Map<string, RoleSession>();
  const sessionKey = (c: ActionCase, role: Role) => (role === "anonymous" ? `anonymous:${cases.indexOf(c)}` : role);
  const wanted = new Map(cases.flatMap((c) => c.roles.map((role) => [sessionKey(c, role), role] as const)));
  await inPool([...wanted], 3, async ([key, role]) => void sessions.set(key, await sessionFor(browser, baseURL!, role, users)));
  // The onboarder starts a provider profile, so the later steps have a draft to work on.
  const start = await post(sessions.get("onboarder")!, "/provider/onboarding/identity", { entries: [["kind", "individual"], ["displayName", "Aspirante Ostile"], ["fiscalCode", "RSSMRA85T10A562S"]], rawBytes: false }, false);
  expect(start.status(), "a draft provider profile for the onboarding steps").toBe(302);

  const problems: string[] = [];
  const started = Date.now();
  let sent = 0;
  /** Error texts every page shows (the header's and footer's links): they prove nothing. */
  const usual = new Map<string, Set<string>>();
  const usualOf = async (c: ActionCase, role: Role) => {
    const key = sessionKey(c, role);
    if (!usual.has(key)) {
      const page = await sessions.get(key)!.context.request.get("/", { maxRedirects: 0 });
      const text = visibleText(await page.text());
      usual.set(key, new Set(errorTexts.filter((t) => text.includes(t))));
    }
    return usual.get(key)!;
  };
  await inPool(cases, 2, async (c) => {
    const samples = fc.sample(arbitraryFor(c, ids), { numRuns: c.runs ?? RUNS, seed: SEED });
    for (const [i, sample] of samples.entries()) {
      const role = c.roles[i % c.roles.length]!;
      const url = c.url(ids);
      let response: APIResponse;
      if (c.webhook) {
        const body = sample.entries.map(([k, v]) => `${k}${v}`).join("") || "{";
        const signature = `t=${i},v1=${encode(sample.entries[0]?.[1] ?? "").slice(0, 100)}`;
        response = await sessions.get(sessionKey(c, role))!.context.request.post(url, { data: Buffer.from(body, "utf8"), headers: { "content-type": "application/json", "stripe-signature": signature }, maxRedirects: 0 });
      } else {
        const session = c.freshSession ? await sessionFor(browser, baseURL!, role, users) : sessions.get(sessionKey(c, role))!;
        response = await post(session, url, sample, c.multipart ?? false);
        if (c.freshSession) await session.context.close();
        // A visitor who just signed in or up is a visitor again for the next form.
        if (role === "anonymous") await session.context.clearCookies({ name: "vicinato_session" });
      }
      sent++;
      const problem = await problemOf(response, { machine: c.webhook, usual: c.webhook || c.freshSession ? undefined : await usualOf(c, role) });
      if (problem && process.env.HOSTILE_DUMP) {
        mkdirSync(process.env.HOSTILE_DUMP, { recursive: true });
        writeFileSync(path.join(process.env.HOSTILE_DUMP, `${c.route}-${c.label ?? ""}-${i}.html`), `<!-- ${JSON.stringify(sample.entries).slice(0, 3000)} -->\n${await response.text()}`);
      }
      if (problem) {
        const shown = JSON.stringify(sample.entries.map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v]));
        problems.push(`POST ${c.route}${c.label ? ` (${c.label})` : ""} as ${role}: ${problem}\n    form: ${shown}${sample.rawBytes ? " + bytes that are not UTF-8" : ""}`);
      }
    }
  });
  // Bodies no browser sends: multipart cut short, and multipart with no boundary at all.
  await inPool(cases.filter((c) => !c.webhook && !c.freshSession), 2, async (c) => {
    const role = c.roles[0]!;
    const session = sessions.get(sessionKey(c, role))!;
    const bodies = [
      { type: "multipart/form-data; boundary=----x", body: `------x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrf}\r\n------x\r\nContent-Disposition: form-data; name="a'b"\r\n\r\n<script>` },
      { type: "multipart/form-data", body: `_csrf=${session.csrf}` },
    ];
    for (const { type, body } of bodies) {
      const response = await session.context.request.post(c.url(ids), { data: body, headers: { "content-type": type }, maxRedirects: 0 });
      sent++;
      const problem = await problemOf(response, { usual: await usualOf(c, role) });
      if (problem) problems.push(`POST ${c.route}${c.label ? ` (${c.label})` : ""} as ${role} with a malformed body (${type}): ${problem}`);
      if (role === "anonymous") await session.context.clearCookies({ name: "vicinato_session" });
    }
  });
  console.log(`hostile forms: ${sent} requests to ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (HOSTILE_SEED=${SEED})`);
  await Promise.all([...sessions.values()].map((s) => s.context.close()));
  expect(problems, `hostile forms that got a wrong answer (HOSTILE_SEED=${SEED} replays them)`).toEqual([]);
});

// ─── Stored text comes back verbatim, and escaped ───────────────────────────────────────────

/** Text a hostile person would like to see stored and rendered as HTML; `tag` makes it unique. */
const payload = (tag: string) => `<script>x()</script><img src=x onerror=x()>"'& -- \u202e👩‍👩‍👧 ${tag}`;
/** A short one, for fields of 40 characters. */
const shortPayload = (tag: string) => `<b>"'&</b>${tag}`;
/** How React writes text (and attribute values) into the page. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

interface StoreProbe {
  route: string;
  role: Role;
  url: (ids: Ids) => string;
  form: (ids: Ids, text: string) => Record<string, string | string[]>;
  short?: boolean;
  multipart?: true;
  /** How many rows hold the text exactly (in its column). */
  stored: (text: string, ids: Ids) => Promise<number>;
  /** The page that shows it (from the redirect's Location, if it names the new row), and as whom. */
  view?: { role: Role; url: (ids: Ids, location: string) => string };
}

const count = async (query: Promise<{ n: string | number | bigint }>) => Number((await query).n);
const rowsWhere = (table: string, column: string, text: string) =>
  count(sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${text}`.execute(e2eDb()).then((r) => r.rows[0]!));
const idIn = (location: string, after: string) => new RegExp(`${after}/([0-9a-f-]{36})`).exec(location)?.[1] ?? "missing";

const probes: StoreProbe[] = [
  { route: "signup", role: "anonymous", url: () => "/signup", form: (_ids, t) => ({ email: `sonda-${uniqueWord()}@example.org`, password: "una frase lunga e sicura", displayName: t, role: "family" }), stored: (t) => rowsWhere("users", "display_name", t), view: { role: "anonymous", url: () => "/account" } },
  { route: "account._index", role: "accountUser", url: () => "/account", form: (_ids, t) => ({ displayName: t, locale: "it" }), stored: (t) => rowsWhere("users", "display_name", t), view: { role: "accountUser", url: () => "/account" } },
  {
    route: "provider.onboarding.$step",
    role: "onboarder",
    url: () => "/provider/onboarding/identity",
    form: (_ids, t) => ({ kind: "individual", displayName: t, fiscalCode: "RSSMRA85T10A562S" }),
    stored: (t) => rowsWhere("providers", "display_name", t),
    view: { role: "onboarder", url: () => "/provider/onboarding/identity" },
  },
  {
    route: "provider.organisation.workers",
    role: "providerA",
    url: () => "/provider/organisation/workers",
    form: (_ids, t) => ({ name: t, email: `lavoratrice-${uniqueWord()}@example.org`, categories: "babysitter" }),
    stored: (t) => rowsWhere("providers", "display_name", t),
    view: { role: "providerA", url: () => "/provider/organisation/workers" },
  },
  {
    route: "operator.providers.$id",
    role: "operatorQ1",
    url: (ids) => `/operator/providers/${ids.providerA}`,
    form: (_ids, t) => ({ decision: "requestChanges", reason: t, confirm: "yes" }),
    stored: (t, ids) => count(e2eDb().selectFrom("provider_status_transitions").select((eb) => eb.fn.countAll().as("n")).where("provider_id", "=", ids.providerA).where("reason", "=", t).executeTakeFirstOrThrow()),
    view: { role: "operatorQ1", url: (ids) => `/operator/providers/${ids.providerA}` },
  },
  {
    route: "providers_.$id.request",
    role: "family",
    url: (ids) => `/providers/${ids.publicBabysitter}/request`,
    form: (ids, t) => ({
      category: "babysitter",
      kind: "one_off",
      date: weekdayAhead(ids.publicSlot.weekday, 300),
      startTime: hhmm(ids.publicSlot.startMinute),
      endTime: hhmm(ids.publicSlot.startMinute + 60),
      quartiere: "1",
      address: "Via Dante 1, Milano",
      careNotes: t,
      phone: "",
      message: t,
    }),
    stored: (t) => rowsWhere("bookings", "care_notes", t),
    view: { role: "family", url: (_ids, location) => `/bookings/${idIn(location, "bookings")}` },
  },
  {
    route: "bookings.$id",
    role: "providerA",
    url: (ids) => `/bookings/${ids.probeRequestedBooking}`,
    form: (_ids, t) => ({ intent: "counterOffer", paymentMode: "direct", kind: "one_off", date: weekdayAhead(2, 61), startTime: "16:00", endTime: "18:00", price: "15", note: t }),
    stored: (t) => rowsWhere("booking_counter_offers", "note", t),
    view: { role: "family", url: (ids) => `/bookings/${ids.probeRequestedBooking}` },
  },
  {
    route: "bookings_.$id.messages",
    role: "family",
    url: (ids) => `/bookings/${ids.booking}/messages`,
    form: (_ids, t) => ({ intent: "send", body: t }),
    stored: (t) => rowsWhere("messages", "body", t),
    view: { role: "providerA", url: (ids) => `/bookings/${ids.booking}/messages` },
  },
  {
    route: "bookings_.$id.review",
    role: "family",
    url: (ids) => `/bookings/${ids.probeCompletedBooking}/review`,
    form: (_ids, t) => ({ reliability: "4", care: "5", communication: "4", body: t }),
    stored: (t) => rowsWhere("reviews", "body", t),
    view: { role: "providerA", url: () => "/provider/reviews" },
  },
  {
    route: "provider.reviews",
    role: "providerA",
    url: () => "/provider/reviews",
    form: (ids, t) => ({ intent: "reply", reviewId: ids.review, body: t }),
    stored: (t) => rowsWhere("reviews", "reply_body", t),
    view: { role: "providerA", url: () => "/provider/reviews" },
  },
  {
    route: "operator.reviews",
    role: "operatorQ1",
    url: () => "/operator/reviews",
    form: (ids, t) => ({ intent: "hide", reviewId: ids.review, reason: t }),
    stored: (t) => rowsWhere("reviews", "hidden_reason", t),
    view: { role: "operatorQ1", url: () => "/operator/reviews" },
  },
  {
    route: "operator.vouchers",
    role: "operatorQ1",
    url: () => "/operator/vouchers",
    form: (ids, t) => ({ intent: "grant", familyEmail: ids.familyEmail, programme: t, budget: "50", expiresOn: "2099-12-31", quartiereId: "1" }),
    stored: (t) => rowsWhere("vouchers", "programme", t),
    view: { role: "family", url: () => "/account/vouchers" },
  },
  {
    route: "condominiums.new",
    role: "family",
    url: () => "/condominiums/new",
    form: (_ids, t) => ({ name: t, address: "Via Dante 7, Milano", quartiereId: "1", units: "12", unitLabel: "" }),
    stored: (t) => rowsWhere("condominiums", "name", t),
    view: { role: "family", url: (_ids, location) => `/condominiums/${idIn(location, "condominiums")}` },
  },
  {
    route: "condominiums.$id._index",
    role: "family",
    url: (ids) => `/condominiums/${ids.condominium}`,
    form: (_ids, t) => ({ intent: "post", body: t }),
    stored: (t) => rowsWhere("condominium_posts", "body", t),
    view: { role: "family", url: (ids) => `/condominiums/${ids.condominium}` },
  },
  {
    route: "condominiums.join",
    role: "accountUser",
    url: () => "/condominiums/join",
    short: true,
    form: (ids, t) => ({ code: ids.condominiumCode, unitLabel: t }),
    stored: (t) => rowsWhere("condominium_members", "unit_label", t),
    view: { role: "family", url: (ids) => `/condominiums/${ids.condominium}` },
  },
  {
    route: "needs.new",
    role: "family",
    url: () => "/needs/new",
    form: (_ids, t) => ({ category: "babysitter", w0_days: "6", w0_from: "20:00", w0_to: "23:00", address: "Via Dante 11, Milano", quartiereId: "1", details: t, persons: "2", openToSharing: "no", maxWalk: "500" }),
    stored: (t) => rowsWhere("needs", "details", t),
    view: { role: "family", url: (_ids, location) => `/needs/${idIn(location, "needs")}` },
  },
  {
    route: "needs.$id",
    role: "family",
    url: (ids) => `/needs/${ids.need}`,
    form: (_ids, t) => ({ category: "babysitter", w0_days: "6", w0_from: "20:00", w0_to: "23:00", address: "Via Dante 13, Milano", quartiereId: "1", details: t, persons: "1", openToSharing: "no", maxWalk: "500" }),
    stored: (t) => rowsWhere("needs", "details", t),
    view: { role: "family", url: (ids) => `/needs/${ids.need}` },
  },
  {
    route: "operator.needs",
    role: "operatorQ1",
    url: () => "/operator/needs",
    form: (_ids, t) => ({ category: "babysitter", w0_days: "6", w0_from: "20:00", w0_to: "23:00", address: "Via Dante 15, Milano", quartiereId: "1", persons: "1", openToSharing: "no", maxWalk: "500", onBehalfOf: t, contactNote: "" }),
    stored: (t) => rowsWhere("needs", "on_behalf_of", t),
    view: { role: "operatorQ1", url: (_ids, location) => `/needs/${idIn(location, "needs")}` },
  },
  {
    route: "provider.group-requests",
    role: "publicMember",
    url: () => "/provider/group-requests",
    form: (ids, t) => ({ groupId: ids.group, providerId: ids.publicBabysitter, price: "16", message: t }),
    stored: (t) => rowsWhere("shared_group_offers", "message", t),
    view: { role: "family", url: (ids) => `/groups/${ids.group}` },
  },
  {
    route: "operator.groups.$id",
    role: "operatorQ1",
    url: (ids) => `/operator/groups/${ids.group}`,
    form: (ids, t) => ({ intent: "assign", providerId: ids.publicBabysitter, price: "17", message: t }),
    stored: (t) => rowsWhere("shared_group_offers", "message", t),
    view: { role: "family", url: (ids) => `/groups/${ids.group}` },
  },
  {
    route: "operator.hubs._index",
    role: "admin",
    url: () => "/operator/hubs",
    form: (_ids, t) => ({ intent: "create", name: t, address: "Via Dante 9, Milano", lat: "", lng: "", quartieri: "1" }),
    stored: (t) => rowsWhere("hubs", "name", t),
    view: { role: "anonymous", url: (_ids, location) => `/hubs/${idIn(location, "hubs")}` },
  },
  {
    route: "operator.hubs.$id",
    role: "operatorQ1",
    url: (ids) => `/operator/hubs/${ids.ownHub}`,
    form: (_ids, t) => ({ intent: "createEvent", title: t, description: t, date: dayAhead(21), startTime: "10:00", endTime: "12:00", capacity: "20" }),
    stored: (t) => rowsWhere("hub_events", "description", t),
    view: { role: "anonymous", url: (ids) => `/hubs/${ids.ownHub}` },
  },
  {
    route: "operator.hubs.$id_.events.$eventId",
    role: "operatorQ1",
    url: (ids) => `/operator/hubs/${ids.ownHub}/events/${ids.probeEvent}`,
    form: (_ids, t) => ({ intent: "update", title: t, description: t, date: dayAhead(12), startTime: "10:00", endTime: "12:00", capacity: "30" }),
    stored: (t) => rowsWhere("hub_events", "title", t),
    view: { role: "anonymous", url: (ids) => `/hubs/${ids.ownHub}/events/${ids.probeEvent}` },
  },
  {
    route: "operator.network",
    role: "operatorQ1",
    url: () => "/operator/network",
    form: (_ids, t) => ({ intent: "create", name: t, kind: "association", description: t, categories: "doposcuola", offers: t, contact: t, quartieri: "1" }),
    stored: (t) => rowsWhere("network_organisations", "name", t),
    view: { role: "anonymous", url: () => "/network?quartiere=1" },
  },
  {
    route: "operator.dashboard",
    role: "operatorQ1",
    url: () => "/operator/dashboard",
    form: (ids, t) => ({ intent: "refer", needId: ids.onBehalfNeed, organisationId: ids.networkOrganisation, note: t }),
    stored: (t) => rowsWhere("need_referrals", "note", t),
  },
];

test("stored text comes back verbatim and escaped: HTML as text, never as an element", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { users, ids } = await createCast();
  const sessions = new Map<Role, RoleSession>();
  const session = async (role: Role) => {
    if (!sessions.has(role)) sessions.set(role, await sessionFor(browser, baseURL!, role, users));
    return sessions.get(role)!;
  };
  const problems: string[] = [];
  for (const [i, probe] of probes.entries()) {
    const text = (probe.short ? shortPayload : payload)(`hx${i}`);
    const form = probe.form(ids, text);
    const entries: FormEntry[] = Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): FormEntry => [k, x]) : [[k, v] as FormEntry]));
    const response = await post(await session(probe.role), probe.url(ids), { entries, rawBytes: false }, false);
    const where = `POST ${probe.route} as ${probe.role}`;
    if (response.status() !== 302 && response.status() !== 303) {
      problems.push(`${where}: expected a redirect after storing, got ${response.status()}: ${errorsShown(await response.text())}`);
      continue;
    }
    const rows = await probe.stored(text, ids);
    if (rows < 1) problems.push(`${where}: the text was not stored verbatim`);
    if (!probe.view) continue;
    const viewer = await session(probe.view.role);
    const page = await viewer.context.request.get(probe.view.url(ids, response.headers().location ?? ""));
    const html = await page.text();
    if (page.status() !== 200) problems.push(`${where}: its page answered ${page.status()}`);
    else if (!html.includes(escaped(text))) problems.push(`${where}: its page does not show the text escaped (${escaped(text)})`);
    if (html.includes("<script>x()") || html.includes("<img src=x onerror") || html.includes(`<b>"'&</b>`)) problems.push(`${where}: its page has the text as HTML`);
  }
  await Promise.all([...sessions.values()].map((s) => s.context.close()));
  expect(problems, "stored text that did not come back as typed").toEqual([]);
});

// ─── The query-string forms (GET), with the same hostile values ─────────────────────────────

interface QueryCase {
  path: string;
  role: "anonymous" | "operatorQ1";
  fields: FormFields;
}

const queryCases: QueryCase[] = [
  { path: "/search", role: "anonymous", fields: { q: ["babysitter"], category: ["babysitter"], quartiere: quartiereEdges, maxPrice: ["20"], page: ["1", "9007199254740993"], lat: ["45.46"], lon: ["9.19"], radius: ["2"] } },
  { path: "/network", role: "anonymous", fields: { q: ["doposcuola"], category: ["doposcuola"], quartiere: quartiereEdges, page: ["1", "501"] } },
  { path: "/hubs", role: "anonymous", fields: { municipio: ["1", "99", "100"], quartiere: quartiereEdges } },
  { path: "/condominiums/join", role: "anonymous", fields: { code: ["ABCD-EFGH"] } },
  { path: "/reset-password", role: "anonymous", fields: { token: ["A".repeat(43)] } },
  { path: "/operator/dashboard", role: "operatorQ1", fields: { scope: ["q1", "all", "m1", "q0"], from: ["2025-01-01", ...dateEdges], to: ["2025-06-01", ...dateEdges], measure: ["openNeeds", "__proto__"] } },
  { path: "/operator/dashboard.csv", role: "operatorQ1", fields: { scope: ["q1"], from: ["0000-01-01", ...dateEdges], to: ["0000-12-31", ...dateEdges] } },
  { path: "/operator/verification", role: "operatorQ1", fields: { quartiere: quartiereEdges, status: ["pending", "__proto__"], expiring: ["30", "367", "-1"], page: ["1", "10001"] } },
  { path: "/operator/needs", role: "operatorQ1", fields: { quartiere: quartiereEdges } },
  { path: "/operator/reviews", role: "operatorQ1", fields: { page: ["1", "1e308"], filter: ["hidden", "constructor"] } },
  { path: "/operator/reports", role: "operatorQ1", fields: { page: ["1", "-1"] } },
];

test("hostile query strings at the pages that read them: never a 5xx, never a raw key", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const operator = await insertE2eUser({ roles: ["operator"], quartieri: [QUARTIERE_1], displayName: `Operatore query ${uniqueWord()}` });
  const sessions = {
    anonymous: await openRoleSession(browser, baseURL!, "anonymous", null),
    operatorQ1: await openRoleSession(browser, baseURL!, "operatorQ1", operator),
  };
  const problems: string[] = [];
  for (const q of queryCases) {
    const hostileFor = Object.fromEntries(Object.keys(q.fields).filter((f) => quartiereFields.has(f)).map((f) => [f, notAnotherQuartiere]));
    const samples = fc.sample(fc.record({ entries: formEntries(q.fields, { maxLength: 10, hostileFor }), rawBytes: fc.integer({ min: 0, max: 5 }).map((n) => n === 0) }), { numRuns: 6, seed: SEED });
    for (const sample of samples) {
      const query = sample.entries.map(([k, v], i) => `${encode(k)}=${encode(v)}${sample.rawBytes && i === 0 ? notUtf8 : ""}`).join("&");
      const response = await sessions[q.role].context.request.get(`${q.path}?${query}`, { maxRedirects: 0 });
      const csv = q.path.endsWith(".csv");
      const problem = await problemOf(response, { machine: csv });
      if (problem) problems.push(`GET ${q.path} as ${q.role}: ${problem}\n    query: ${query.slice(0, 300)}`);
    }
  }
  await Promise.all(Object.values(sessions).map((s) => s.context.close()));
  expect(problems, `hostile query strings that got a wrong answer (HOSTILE_SEED=${SEED} replays them)`).toEqual([]);
});
