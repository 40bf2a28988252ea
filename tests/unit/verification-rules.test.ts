import { describe, expect, it } from "vitest";
import { parseDecisionForm, parseQueueParams } from "../../app/domain/verification/verification-forms";
import {
  addDays,
  daysBetween,
  documentExpiryState,
  documentProblems,
  requiredDocumentTypes,
  romeDate,
} from "../../app/domain/verification/verification-rules";

describe("the documents a provider must hold", () => {
  it("asks everyone for an identity document, a babysitter for the minors certificate, an organisation for insurance", () => {
    expect(requiredDocumentTypes({ kind: "individual", categorySlugs: ["colf"] })).toEqual(["identity"]);
    expect(requiredDocumentTypes({ kind: "individual", categorySlugs: ["colf", "doposcuola"] })).toEqual(["identity", "criminal_record_minors"]);
    expect(requiredDocumentTypes({ kind: "organisation", categorySlugs: ["babysitter"] })).toEqual(["identity", "insurance"]);
  });

  it("counts a document valid through its date and ignores replaced ones", () => {
    const provider = { kind: "individual" as const, categorySlugs: ["babysitter"] };
    expect(
      documentProblems(
        provider,
        [
          { docType: "identity", expiresOn: "2030-05-10", replaced: false },
          { docType: "criminal_record_minors", expiresOn: null, replaced: true },
        ],
        "2030-05-10",
      ),
    ).toEqual([{ docType: "criminal_record_minors", problem: "missing" }]);
    expect(documentProblems(provider, [{ docType: "identity", expiresOn: "2030-05-10", replaced: false }], "2030-05-11")).toEqual([
      { docType: "identity", problem: "expired" },
      { docType: "criminal_record_minors", problem: "missing" },
    ]);
  });
});

describe("calendar days in Milan", () => {
  it("uses the Rome date, not UTC", () => {
    expect(romeDate(new Date("2030-06-30T22:30:00Z"))).toBe("2030-07-01"); // 00:30 in Milan (CEST)
    expect(romeDate(new Date("2030-01-15T22:30:00Z"))).toBe("2030-01-15"); // 23:30 in Milan (CET)
  });

  it("counts days across a daylight-saving change", () => {
    expect(daysBetween("2030-03-01", "2030-03-31")).toBe(30);
    expect(addDays("2030-03-01", 30)).toBe("2030-03-31");
  });

  it("tells expiring soon (30 days) from expired", () => {
    expect(documentExpiryState(null, "2030-01-01")).toBe("no_expiry");
    expect(documentExpiryState("2030-03-01", "2030-01-01")).toBe("valid");
    expect(documentExpiryState("2030-01-31", "2030-01-01")).toBe("expiring");
    expect(documentExpiryState("2030-01-01", "2030-01-01")).toBe("expiring");
    expect(documentExpiryState("2029-12-31", "2030-01-01")).toBe("expired");
  });
});

describe("the operator's forms", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("needs a decision, a confirmation, and a message to ask for changes, reject or suspend", () => {
    expect(parseDecisionForm(form({})).errors).toEqual({ decision: "decision.errors.decision", confirm: "decision.errors.confirm" });
    expect(parseDecisionForm(form({ decision: "suspend", reason: "  ", confirm: "yes" })).errors).toEqual({ reason: "decision.errors.reasonRequired" });
    expect(parseDecisionForm(form({ decision: "expire", confirm: "yes" })).errors).toEqual({ decision: "decision.errors.decision" });
    expect(parseDecisionForm(form({ decision: "approve", confirm: "yes" })).data).toEqual({ decision: "approve", reason: "", confirm: "yes" });
    expect(parseDecisionForm(form({ decision: "reject", reason: " Dati falsi ", confirm: "yes" })).data?.reason).toBe("Dati falsi");
  });

  it("reads the queue filters, falling back to the defaults on anything malformed", () => {
    expect(parseQueueParams(new URLSearchParams(""))).toEqual({ quartiereId: undefined, status: "pending", expiringWithinDays: undefined, page: 1 });
    expect(parseQueueParams(new URLSearchParams("quartiere=2&status=suspended&expiring=30&page=3"))).toEqual({
      quartiereId: 2,
      status: "suspended",
      expiringWithinDays: 30,
      page: 3,
    });
    expect(parseQueueParams(new URLSearchParams("quartiere=x&status=draft&page=-1"))).toEqual({
      quartiereId: undefined,
      status: "pending",
      expiringWithinDays: undefined,
      page: 1,
    });
  });
});
