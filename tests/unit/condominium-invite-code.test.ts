import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatInviteCode,
  generateInviteCode,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  normaliseInviteCode,
} from "../../app/domain/sharing/condominiums/invite-code";
import { inviteCodeSchema } from "../../app/domain/sharing/condominiums/schemas";

describe("condominium invite codes", () => {
  it("draws 8 symbols from an alphabet without the letters people mistake for digits", () => {
    expect(INVITE_CODE_ALPHABET).toHaveLength(32);
    expect(INVITE_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 200; i++) {
      const code = generateInviteCode();
      expect(code).toHaveLength(INVITE_CODE_LENGTH);
      expect([...code].every((c) => INVITE_CODE_ALPHABET.includes(c))).toBe(true);
    }
  });

  it("uses every symbol with equal chance (no modulo bias) and does not repeat itself", () => {
    // Every byte value maps to exactly 8 of the 256: the low five bits pick the symbol.
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const code = generateInviteCode(() => new Uint8Array(INVITE_CODE_LENGTH).fill(b));
      counts.set(code[0], (counts.get(code[0]) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual(Array(32).fill(8));
    const drawn = new Set(Array.from({ length: 2000 }, () => generateInviteCode()));
    expect(drawn.size).toBe(2000);
  });

  it('accepts "abcd efgh" and "ABCD-EFGH" alike, and shows codes grouped', () => {
    expect(normaliseInviteCode("abcd efgh")).toBe("ABCDEFGH");
    expect(normaliseInviteCode("ABCD-EFGH")).toBe("ABCDEFGH");
    expect(normaliseInviteCode("  AbCd–eFgH ")).toBe("ABCDEFGH");
    expect(normaliseInviteCode("ＡＢＣＤ－ＥＦＧＨ")).toBe("ABCDEFGH"); // full-width, as some keyboards type
    expect(formatInviteCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it("reads O as 0 and I or L as 1, the mistakes people make when copying", () => {
    expect(normaliseInviteCode("OOIL-2345")).toBe("0011" + "2345");
    expect(normaliseInviteCode("ol12-abcd")).toBe("0112ABCD");
  });

  it("refuses anything that cannot be a code", () => {
    for (const bad of ["", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFGU", "ABCD/EFGH", "ABCD-EFG!", "é".repeat(8), "A".repeat(100)]) {
      expect(normaliseInviteCode(bad), bad).toBeNull();
    }
  });

  it("normalises its own output back to itself, for any generated code", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = generateInviteCode(() => bytes);
        expect(normaliseInviteCode(formatInviteCode(code))).toBe(code);
        expect(normaliseInviteCode(code.toLowerCase())).toBe(code);
      }),
    );
  });

  it("never throws on hostile input in the form schema", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        const result = inviteCodeSchema.safeParse(input);
        if (result.success) expect(result.data).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      }),
    );
  });
});
