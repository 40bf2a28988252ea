import { describe, expect, it } from "vitest";
import { parseGrantVoucherForm, todayInMilan } from "../../app/domain/payments/voucher-forms";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const valid = { familyEmail: " Famiglia@Example.org ", programme: "Buono nidi 2026", budget: "250,50", expiresOn: "2026-12-31", quartiereId: "12", categoryIds: ["1", "3"] };

describe("the voucher grant form", () => {
  it("turns euros into cents and reads the categories", () => {
    const parsed = parseGrantVoucherForm(form(valid), "2026-03-01");
    expect(parsed.errors).toBeUndefined();
    expect(parsed.data).toEqual({ familyEmail: "Famiglia@Example.org", programme: "Buono nidi 2026", budget: 25_050, categoryIds: [1, 3], expiresOn: "2026-12-31", quartiereId: 12 });
    expect(parseGrantVoucherForm(form({ ...valid, budget: "250", categoryIds: [] }), "2026-03-01").data).toMatchObject({ budget: 25_000, categoryIds: [] });
    expect(parseGrantVoucherForm(form({ ...valid, budget: "99.9" }), "2026-03-01").data?.budget).toBe(9_990);
  });

  it("names each wrong field with a message key", () => {
    const parsed = parseGrantVoucherForm(
      form({ familyEmail: "not-an-email", programme: "x", budget: "1.250,00", expiresOn: "2026-02-28", quartiereId: "", categoryIds: ["abc"] }),
      "2026-03-01",
    );
    expect(parsed.errors).toEqual({
      familyEmail: "operatorVouchers.errors.familyEmail",
      programme: "operatorVouchers.errors.programme",
      budget: "operatorVouchers.errors.budget",
      categoryIds: "operatorVouchers.errors.categories",
      quartiereId: "operatorVouchers.errors.quartiere",
    });
    expect(parseGrantVoucherForm(form({ ...valid, expiresOn: "2026-02-28" }), "2026-03-01").errors).toEqual({ expiresOn: "operatorVouchers.errors.expiresOn" });
    expect(parseGrantVoucherForm(form({ ...valid, budget: "0,50" }), "2026-03-01").errors).toEqual({ budget: "operatorVouchers.errors.budget" });
    expect(parseGrantVoucherForm(form({ ...valid, budget: "20000,01" }), "2026-03-01").errors).toEqual({ budget: "operatorVouchers.errors.budget" });
  });

  it("knows today's date in Milan", () => {
    expect(todayInMilan(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04-01");
  });
});

describe("the form's message keys", () => {
  it("all exist in the payment namespace", async () => {
    const { readFileSync } = await import("node:fs");
    const it_ = JSON.parse(readFileSync(new URL("../../app/i18n/locales/it/payment.json", import.meta.url), "utf8"));
    const parsed = parseGrantVoucherForm(form({ familyEmail: "x", programme: "", budget: "", expiresOn: "", quartiereId: "x", categoryIds: ["x"] }), "2026-03-01");
    for (const key of Object.values(parsed.errors ?? {})) {
      const value = key!.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], it_);
      expect(typeof value, key).toBe("string");
    }
    expect(Object.keys(parsed.errors ?? {})).toHaveLength(6);
  });
});
