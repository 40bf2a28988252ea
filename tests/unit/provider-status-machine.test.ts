import { describe, expect, it } from "vitest";
import { providerStatuses } from "../../db/schema";
import { nextProviderStatus, providerStatusTransitions, type ProviderStatusAction } from "../../app/domain/verification/provider-status-machine";

describe("provider verification status", () => {
  it("allows only the listed transitions", () => {
    expect(nextProviderStatus("pending", "approve")).toBe("verified");
    expect(nextProviderStatus("verified", "suspend")).toBe("suspended");
    expect(nextProviderStatus("suspended", "reinstate")).toBe("verified");
    expect(nextProviderStatus("draft", "approve")).toBeNull();
    expect(nextProviderStatus("rejected", "reinstate")).toBeNull();
  });

  it("leads into 'verified' only through approval or reinstatement", () => {
    const actions = Object.keys(providerStatusTransitions) as ProviderStatusAction[];
    for (const status of providerStatuses) {
      for (const action of actions) {
        if (nextProviderStatus(status, action) === "verified") expect(["approve", "reinstate"]).toContain(action);
      }
    }
  });
});
