import type { ProviderStatus } from "../../../db/schema";

/**
 * Every allowed change of a provider's verification status, as one table. Anything not listed
 * is refused. Only "verified" providers are public.
 *
 *   draft ──submit──> pending ──approve──> verified ──suspend──> suspended ──reinstate──> verified
 *                       │  └──requestChanges──> changes_requested ──submit──> pending
 *                       └──reject──> rejected        verified ──expire──> expired ──submit──> pending
 */
export const providerStatusTransitions = {
  submit: { from: ["draft", "changes_requested", "expired"], to: "pending" },
  approve: { from: ["pending"], to: "verified" },
  requestChanges: { from: ["pending"], to: "changes_requested" },
  reject: { from: ["pending"], to: "rejected" },
  suspend: { from: ["verified"], to: "suspended" },
  reinstate: { from: ["suspended"], to: "verified" },
  expire: { from: ["verified"], to: "expired" },
} as const satisfies Record<string, { from: readonly ProviderStatus[]; to: ProviderStatus }>;

export type ProviderStatusAction = keyof typeof providerStatusTransitions;

/** Actions that need a reason the provider will read. */
export const actionsRequiringReason: ReadonlySet<ProviderStatusAction> = new Set(["requestChanges", "reject", "suspend"]);

export function nextProviderStatus(current: ProviderStatus, action: ProviderStatusAction): ProviderStatus | null {
  const transition = providerStatusTransitions[action];
  return (transition.from as readonly ProviderStatus[]).includes(current) ? transition.to : null;
}
