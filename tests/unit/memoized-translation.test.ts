import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { serverI18nOptions as i18nOptions } from "../../app/i18n/server-options.server";
import { rememberedTranslationCount, rememberTranslations } from "../../app/i18n/memoized-translation.server";

/** The remembering t must answer exactly what i18next answers, call after call, in every language. */
async function pair(lng: string) {
  const plain = createInstance();
  await plain.init({ ...i18nOptions, lng, initImmediate: false });
  const remembering = rememberTranslations(createInstance());
  await remembering.init({ ...i18nOptions, lng, initImmediate: false });
  return { plain: plain.getFixedT(lng, ["search", "common"]), remembering: remembering.getFixedT(lng, ["search", "common"]) };
}

const calls: Array<[string, unknown?]> = [
  ["search:form.q"],
  ["search:meta.titleWithCategory", { category: "Babysitter" }],
  ["search:meta.titleWithCategory", { category: "Colf" }],
  ["search:card.experience", { count: 1 }],
  ["search:card.experience", { count: 7 }],
  ["common:categories.babysitter.name", { defaultValue: "babysitter" }],
  ["common:categories.unknown-slug.name", { defaultValue: "unknown-slug" }],
  ["common:languages.ar", { defaultValue: "ar" }],
  ["search:no.such.key"],
  ["search:form.q", "a default value"],
];

describe("remembered translations", () => {
  for (const lng of ["it", "en", "ar"]) {
    it(`answers like i18next in ${lng}, the first time and when remembered`, async () => {
      const { plain, remembering } = await pair(lng);
      for (let round = 0; round < 2; round++) {
        for (const [key, options] of calls) {
          expect((remembering as unknown as (...a: unknown[]) => unknown)(key, options), `${key} ${JSON.stringify(options)}`).toBe(
            (plain as unknown as (...a: unknown[]) => unknown)(key, options),
          );
        }
      }
    });
  }

  it("keeps languages apart and remembers only plain answers", async () => {
    const italian = (await pair("it")).remembering;
    const english = (await pair("en")).remembering;
    expect(italian("search:form.category")).toBe("Servizio");
    expect(english("search:form.category")).not.toBe("Servizio");
    const before = rememberedTranslationCount();
    // An object value is not a primitive option: straight to i18next, nothing remembered.
    italian("search:meta.titleWithCategory", { category: { toString: () => "Colf" } } as never);
    expect(rememberedTranslationCount()).toBe(before);
  });
});
