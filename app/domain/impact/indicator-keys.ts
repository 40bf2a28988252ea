import type { MapMeasure } from "./dashboard-query";

/** The impact indicators, in the order the page, the CSV and the PDF show them. Client-safe. */
export const impactIndicatorKeys = [
  "familiesServed",
  "sharedServicesFormed",
  "familiesPerSharedService",
  "moneySavedCents",
  "vouchersSpentCents",
  "repeatCollaborations",
  "crossQuartiereLinks",
  "providersNewlyVerified",
] as const;
export type ImpactIndicatorKey = (typeof impactIndicatorKeys)[number];
/** Null where the figure does not exist for the period (an average over nothing). */
export type ImpactIndicators = Record<ImpactIndicatorKey, number | null>;
/** Indicators in cents of euro (shown as money). */
export const moneyIndicators: ReadonlySet<ImpactIndicatorKey> = new Set(["moneySavedCents", "vouchersSpentCents"]);
/** Measures whose area total counts each provider or family once, so it can be less than the sum of quartieri. */
export const distinctMeasures: ReadonlySet<MapMeasure> = new Set(["verifiedProviders", "familiesServed"]);
