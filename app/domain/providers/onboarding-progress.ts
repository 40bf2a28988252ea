import type { DocumentType, ProviderKind, ProviderStatus } from "../../../db/schema";
import { documentProblems } from "../verification/verification-rules";
import { BIO_MIN, onboardingSteps, type OnboardingStep } from "./onboarding-schemas";

/**
 * What a provider still has to give before the profile can be sent for verification. Pure, so
 * the review page, the dashboard and the submit check say exactly the same thing.
 */

export interface ProgressFacts {
  kind: ProviderKind;
  displayName: string;
  fiscalCode: string | null;
  vatNumber: string | null;
  organisationName: string | null;
  serviceSlugs: string[];
  zoneCount: number;
  hasBasePoint: boolean;
  baseAddress: string | null;
  languages: string[];
  slotCount: number;
  bio: Record<string, string>;
  /** Current (not replaced) documents with their expiry date (YYYY-MM-DD) if any. */
  documents: Array<{ docType: string; expiresOn: string | null }>;
}

export interface MissingItem {
  step: OnboardingStep;
  /** Message key of the "onboarding" namespace. */
  key: string;
}

export const editableStatuses: ReadonlySet<ProviderStatus> = new Set(["draft", "changes_requested", "expired", "verified"]);
/** Statuses from which a profile can be sent (again) for verification. */
export const submittableStatuses: ReadonlySet<ProviderStatus> = new Set(["draft", "changes_requested", "expired"]);
/** Who the provider is (kind, names, tax codes) can change only before verification. */
export const identityEditableStatuses: ReadonlySet<ProviderStatus> = new Set(["draft", "changes_requested", "expired"]);

/** Why a step cannot be changed in this status (a message key), or null when it can. */
export function editProblem(status: ProviderStatus, step: OnboardingStep): string | null {
  if (!editableStatuses.has(status)) return status === "pending" ? "errors.underReview" : "errors.notEditable";
  if (step === "identity" && !identityEditableStatuses.has(status)) return "errors.identityLocked";
  return null;
}

export function missingItems(facts: ProgressFacts, today: string): MissingItem[] {
  const missing: MissingItem[] = [];
  if (facts.displayName.trim() === "") missing.push({ step: "identity", key: "missing.identity" });
  else if (!facts.fiscalCode) missing.push({ step: "identity", key: "missing.fiscalCode" });
  if (facts.kind === "organisation" && (!facts.vatNumber || !facts.organisationName)) missing.push({ step: "identity", key: "missing.vatNumber" });
  if (facts.serviceSlugs.length === 0) missing.push({ step: "services", key: "missing.services" });
  if (!facts.hasBasePoint || !facts.baseAddress) missing.push({ step: "zones", key: "missing.basePoint" });
  if (facts.zoneCount === 0) missing.push({ step: "zones", key: "missing.zones" });
  if (facts.languages.length === 0) missing.push({ step: "languages", key: "missing.languages" });
  if (facts.slotCount === 0) missing.push({ step: "availability", key: "missing.availability" });
  if ((facts.bio.it ?? "").trim().length < BIO_MIN) missing.push({ step: "profile", key: "missing.bio" });
  // The same rules the operators apply (verification-rules.ts): which documents, and when expired.
  const held = facts.documents.map((d) => ({ docType: d.docType as DocumentType, expiresOn: d.expiresOn, replaced: false }));
  for (const { docType, problem } of documentProblems({ kind: facts.kind, categorySlugs: facts.serviceSlugs }, held, today)) {
    missing.push({ step: "documents", key: problem === "missing" ? `missing.document.${docType}` : `missing.expired.${docType}` });
  }
  return missing;
}

/** Steps with nothing missing (every step before the review asks for something required). */
export function completedSteps(facts: ProgressFacts, today: string): Set<OnboardingStep> {
  const missing = new Set(missingItems(facts, today).map((m) => m.step));
  return new Set(onboardingSteps.filter((step) => step !== "review" && !missing.has(step)));
}
