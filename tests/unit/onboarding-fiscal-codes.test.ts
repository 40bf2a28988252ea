import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  codiceFiscaleCheckChar,
  codiceFiscaleProblem,
  isValidCodiceFiscale,
  isValidPartitaIva,
  normaliseVatNumber,
  organisationFiscalCodeProblem,
  partitaIvaCheckDigit,
  partitaIvaProblem,
} from "../../app/domain/providers/fiscal-codes";

describe("codice fiscale of a person", () => {
  it("accepts well-known valid codes, in any case and with spaces", () => {
    expect(isValidCodiceFiscale("RSSMRA85T10A562S")).toBe(true);
    expect(isValidCodiceFiscale("MRTMTT25D09F205Z")).toBe(true);
    expect(isValidCodiceFiscale("rssmra85t10a562s")).toBe(true);
    expect(isValidCodiceFiscale(" RSS MRA 85T10 A562S ")).toBe(true);
  });

  it("accepts a woman's code (birth day + 40)", () => {
    const first15 = "VRDGPP80A41H501";
    expect(isValidCodiceFiscale(first15 + codiceFiscaleCheckChar(first15))).toBe(true);
  });

  it("accepts omocodia (digits replaced by letters) when the check letter matches", () => {
    // The 10th character 0 → L; the check letter is computed over the changed code.
    const first15 = "RSSMRA85T1LA562";
    expect(codiceFiscaleCheckChar(first15)).toBe("V");
    expect(isValidCodiceFiscale(`${first15}V`)).toBe(true);
  });

  it("refuses a wrong check letter as a checksum error", () => {
    expect(codiceFiscaleProblem("RSSMRA85T10A562T")).toBe("checksum");
  });

  it("refuses malformed codes as format errors", () => {
    expect(codiceFiscaleProblem("")).toBe("format");
    expect(codiceFiscaleProblem("RSSMRA85T10A562")).toBe("format");
    expect(codiceFiscaleProblem("RSSMRA85Z10A562S")).toBe("format"); // Z is not a month
    expect(codiceFiscaleProblem("RSSMRA85T32A562S")).toBe("format"); // day 32
    expect(codiceFiscaleProblem("12345678903")).toBe("format");
  });

  it("detects every single-character change of a valid code", () => {
    const valid = "RSSMRA85T10A562S";
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), (position, char) => {
        fc.pre(valid[position] !== char);
        const changed = valid.slice(0, position) + char + valid.slice(position + 1);
        expect(isValidCodiceFiscale(changed)).toBe(false);
      }),
    );
  });
});

describe("partita IVA", () => {
  it("accepts valid numbers, also with the IT prefix", () => {
    for (const vat of ["12345678903", "00743110157", "01114601006", "02313821007", "IT00743110157", "IT 007 431 101 57"]) {
      expect(isValidPartitaIva(vat), vat).toBe(true);
    }
    expect(normaliseVatNumber("it00743110157")).toBe("00743110157");
  });

  it("computes the Luhn check digit", () => {
    expect(partitaIvaCheckDigit("1234567890")).toBe(3);
    expect(partitaIvaCheckDigit("0074311015")).toBe(7);
  });

  it("refuses a wrong check digit, a wrong length and an all-zero number", () => {
    expect(partitaIvaProblem("12345678901")).toBe("checksum");
    expect(partitaIvaProblem("1234567890")).toBe("format");
    expect(partitaIvaProblem("1234567890A")).toBe("format");
    expect(partitaIvaProblem("00000000000")).toBe("format");
  });

  it("detects every single-digit change and every swap of two different adjacent digits", () => {
    const valid = "00743110157";
    for (let i = 0; i < 11; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(isValidPartitaIva(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
    }
    // Luhn misses only the 0↔9 swap.
    for (let i = 0; i < 10; i++) {
      const [a, b] = [valid[i]!, valid[i + 1]!];
      if (a === b || (a === "0" && b === "9") || (a === "9" && b === "0")) continue;
      expect(isValidPartitaIva(valid.slice(0, i) + b + a + valid.slice(i + 2))).toBe(false);
    }
  });
});

describe("codice fiscale of an organisation", () => {
  it("is either 11 digits (checked like a partita IVA) or a person's 16 characters", () => {
    expect(organisationFiscalCodeProblem("97123450155")).toBe(partitaIvaProblem("97123450155"));
    expect(organisationFiscalCodeProblem("00743110157")).toBeNull();
    expect(organisationFiscalCodeProblem("RSSMRA85T10A562S")).toBeNull();
    expect(organisationFiscalCodeProblem("00743110158")).toBe("checksum");
    expect(organisationFiscalCodeProblem("ABC")).toBe("format");
  });
});
