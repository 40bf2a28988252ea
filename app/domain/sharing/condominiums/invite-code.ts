/**
 * Invite codes: how a neighbour joins a condominium, typed from a poster in the hallway or read
 * from its QR code. Eight symbols of Crockford's base 32 (digits and capitals without I, L, O
 * and U), shown grouped as "ABCD-EFGH": 32^8 ≈ 1.1·10^12 codes, drawn with the platform's
 * cryptographic random generator, so a code cannot be guessed yet is easy to read aloud.
 *
 * Stored in canonical form (8 symbols, no hyphen). Typing is forgiving: case, spaces, hyphens
 * and full-width characters do not matter, and the letters people confuse with digits
 * (O for 0, I and L for 1) are read as those digits.
 */
export const INVITE_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const INVITE_CODE_LENGTH = 8;

const canonical = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A new random code in canonical form. `randomBytes` is for tests only. */
export function generateInviteCode(randomBytes: (n: number) => Uint8Array = secureRandomBytes): string {
  const bytes = randomBytes(INVITE_CODE_LENGTH);
  // 256 is a multiple of 32: taking the low five bits keeps every symbol equally likely.
  return Array.from(bytes, (b) => INVITE_CODE_ALPHABET[b & 31]).join("");
}

function secureRandomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** What a person typed (or the ?code= of the QR link) → the canonical code, or null if it cannot be one. */
export function normaliseInviteCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return canonical.test(code) ? code : null;
}

/** "ABCDEFGH" → "ABCD-EFGH", the way codes are shown and printed. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
