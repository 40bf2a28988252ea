import type { DocumentType, ProviderKind, ProviderStatus } from "../../../db/schema";
import type { ProviderStatusAction } from "./provider-status-machine";

/**
 * The rules a community manager applies, as plain functions (no database): which documents a
 * provider must hold, when a document counts as expiring or expired, which decisions an operator
 * may take. Dates are calendar days in Milan (Europe/Rome); a document is valid through the day
 * printed on it and expired from the day after.
 */

/** Services for which the law (D.Lgs. 39/2014) asks for the criminal record certificate for work with minors. */
export const categoriesWithMinors: ReadonlySet<string> = new Set(["babysitter", "doposcuola"]);

/** Reminders are sent this many days before a document's expiry date. */
export const reminderDays = [30, 7] as const;

/** A document expiring within this many days is shown as "expiring soon" in the operator queue. */
export const EXPIRING_SOON_DAYS = 30;

/**
 * The documents a provider must hold, current and unexpired, to be verified (and to stay so):
 * - everyone: an identity document (for an organisation, its legal representative's);
 * - a person (an individual or an organisation's worker) offering babysitting or after-school
 *   help: the criminal record certificate for work with minors;
 * - an organisation: its liability insurance. Its workers each hold their own certificates.
 */
export function requiredDocumentTypes(provider: { kind: ProviderKind; categorySlugs: readonly string[] }): DocumentType[] {
  const required: DocumentType[] = ["identity"];
  if (provider.kind === "individual" && provider.categorySlugs.some((slug) => categoriesWithMinors.has(slug))) {
    required.push("criminal_record_minors");
  }
  if (provider.kind === "organisation") required.push("insurance");
  return required;
}

export type DocumentExpiryState = "no_expiry" | "valid" | "expiring" | "expired";

/** Today's date in Milan as 'YYYY-MM-DD'. */
export function romeDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Whole days from `from` to `to`, both 'YYYY-MM-DD' (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 'YYYY-MM-DD' plus a number of days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function documentExpiryState(expiresOn: string | null, today: string): DocumentExpiryState {
  if (!expiresOn) return "no_expiry";
  const left = daysBetween(today, expiresOn);
  if (left < 0) return "expired";
  return left <= EXPIRING_SOON_DAYS ? "expiring" : "valid";
}

export interface HeldDocument {
  docType: DocumentType;
  expiresOn: string | null;
  /** Replaced documents no longer count. */
  replaced: boolean;
}

export interface DocumentProblem {
  docType: DocumentType;
  problem: "missing" | "expired";
}

/** What stops the provider from being verified today, as far as documents go (empty: nothing). */
export function documentProblems(
  provider: { kind: ProviderKind; categorySlugs: readonly string[] },
  documents: readonly HeldDocument[],
  today: string,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const docType of requiredDocumentTypes(provider)) {
    const current = documents.filter((d) => d.docType === docType && !d.replaced);
    if (current.length === 0) problems.push({ docType, problem: "missing" });
    else if (!current.some((d) => documentExpiryState(d.expiresOn, today) !== "expired")) problems.push({ docType, problem: "expired" });
  }
  return problems;
}

/** The decisions an operator takes (submitting is the provider's, expiring the system's). */
export const operatorActions = ["approve", "requestChanges", "reject", "suspend", "reinstate"] as const satisfies readonly ProviderStatusAction[];
export type OperatorAction = (typeof operatorActions)[number];

/** Statuses an operator filters the queue by ("all" = everything submitted at least once). */
export const queueStatusFilters = ["pending", "changes_requested", "verified", "suspended", "expired", "rejected", "all"] as const;
export type QueueStatusFilter = (typeof queueStatusFilters)[number];

/** Every status except a draft nobody has submitted yet. */
export const reviewableStatuses: readonly ProviderStatus[] = ["pending", "changes_requested", "verified", "rejected", "suspended", "expired"];
