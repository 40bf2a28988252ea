import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/utils/safe-redirect";

describe("safeRedirect (where sign-in may send people)", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/account")).toBe("/account");
    expect(safeRedirect("/search?q=babysitter&quartiere=2#risultati")).toBe("/search?q=babysitter&quartiere=2#risultati");
    expect(safeRedirect("/provider/onboarding", "/x")).toBe("/provider/onboarding");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/%0d%0aSet-Cookie:x=1".replace("%0d%0a", "\r\n"),
    "account",
    "",
    " /account",
    "/\tevil",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it("never returns anything that leaves the site", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)), (to) => {
        const result = safeRedirect(to, "/");
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(new URL(result, "https://vicinato.example").origin).toBe("https://vicinato.example");
      }),
      { numRuns: 1000 },
    );
  });
});
