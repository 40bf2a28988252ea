/**
 * Italian tax identifiers, checked by their control characters (no registry look-up is possible
 * offline: a code that passes can still belong to someone else, which the operator checks
 * against the identity document).
 *
 * - Codice fiscale of a person: 16 characters, the last a check letter over the first 15
 *   (D.M. 23/12/1976). Digits may be replaced by letters for "omocodia" (LMNPQRSTUV).
 * - Partita IVA, and the numeric codice fiscale of companies and associations: 11 digits, the
 *   last a Luhn check digit over the first 10.
 */

export type CodeProblem = "format" | "checksum";

/** Upper case, without spaces, dots or dashes; a partita IVA may be typed with "IT" in front. */
export function normaliseFiscalCode(value: string): string {
  return value.toUpperCase().replace(/[\s.\-]/g, "");
}

export function normaliseVatNumber(value: string): string {
  const compact = normaliseFiscalCode(value);
  return /^IT\d{11}$/.test(compact) ? compact.slice(2) : compact;
}

// Values of the characters in odd positions (1st, 3rd, …) for the check letter; digits 0–9 count as A–J.
const oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const omocodiaLetters = "LMNPQRSTUV";
const monthLetters = "ABCDEHLMPRST";
const codiceFiscaleShape = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const charIndex = (char: string): number => (char >= "0" && char <= "9" ? char.charCodeAt(0) - 48 : char.charCodeAt(0) - 65);

/** The check letter for the first 15 characters of a codice fiscale. */
export function codiceFiscaleCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = charIndex(first15[i]!);
    // Positions are counted from 1: index 0 is the first, odd position.
    sum += i % 2 === 0 ? oddValues[index]! : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Omocodia replaces digits with letters; this gives the digits back (for the date check). */
function decodeOmocodia(chars: string): string {
  return [...chars].map((c) => (omocodiaLetters.includes(c) ? String(omocodiaLetters.indexOf(c)) : c)).join("");
}

/** null when the codice fiscale of a person is well formed and its check letter is right. */
export function codiceFiscaleProblem(value: string): CodeProblem | null {
  const code = normaliseFiscalCode(value);
  if (!codiceFiscaleShape.test(code)) return "format";
  if (!monthLetters.includes(code[8]!)) return "format";
  const day = Number(decodeOmocodia(code.slice(9, 11)));
  // Women's birth day is increased by 40.
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return "format";
  return codiceFiscaleCheckChar(code.slice(0, 15)) === code[15] ? null : "checksum";
}

export function isValidCodiceFiscale(value: string): boolean {
  return codiceFiscaleProblem(value) === null;
}

/** The Luhn check digit for the first 10 digits of a partita IVA. */
export function partitaIvaCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** null when an 11-digit partita IVA (or numeric codice fiscale) has the right check digit. */
export function partitaIvaProblem(value: string): CodeProblem | null {
  const code = normaliseVatNumber(value);
  if (!/^\d{11}$/.test(code) || /^0{7}/.test(code)) return "format";
  return partitaIvaCheckDigit(code.slice(0, 10)) === code.charCodeAt(10) - 48 ? null : "checksum";
}

export function isValidPartitaIva(value: string): boolean {
  return partitaIvaProblem(value) === null;
}

/**
 * An organisation's codice fiscale: 11 digits (companies, cooperatives, associations, checked
 * like a partita IVA) or 16 characters (a sole trader's personal code).
 */
export function organisationFiscalCodeProblem(value: string): CodeProblem | null {
  const code = normaliseFiscalCode(value);
  if (/^\d+$/.test(code)) return partitaIvaProblem(code);
  return codiceFiscaleProblem(code);
}
