import fc from "fast-check";

/**
 * Hostile input for property-based tests (issue 7): long strings, odd Unicode (lone surrogates,
 * bidi overrides, combining marks, NUL), SQL and HTML fragments, template syntax, odd numerals
 * and huge numbers, object-prototype names. Shared by the schema tests (tests/unit/schemas-hostile-input*.test.ts)
 * and the HTTP spec (tests/e2e/hostile-actions.spec.ts), so the list is written once.
 */

export const fixedHostile: readonly string[] = [
  "", " ", "\t\n", "\u0000", "a\u0000b", "Mario\u0000Rossi", "\u200f\u202eevil\u202c", "\u200b\u200b", "\ufeffBOM",
  "👩‍👩‍👧‍👦", "🇮🇹🇮🇹", "e\u0301\u0301\u0301\u0301", "Z̷̡̛͓̈́a̶l̴g̵o̷", "\ud800", "\udfff", "x\ud83d", "\udc00\ud800",
  "'; drop table users; --", "' OR 1=1 --", "Robert'); DROP TABLE providers;--", "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>", "${7*7}", "{{constructor.constructor('x')()}}", "%00", "%27%3B", "../../etc/passwd",
  "1e308", "-1e308", "1e309", "-0", "0", "NaN", "Infinity", "-Infinity", "９９", "٩٩", "0x10", "0b11", "1_000", " 12 ", "12,50",
  "0.1e1", "00012", "+5", "5.", ".5", "1e-400", "9007199254740993", "-1",
  "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype",
  "a".repeat(10_000), "😀".repeat(5_000), "\u202e".repeat(10_000), "<b>".repeat(3_400), "é".repeat(201), " ".repeat(10_000) + "x",
];

export const loneSurrogates = fc.string({ unit: fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "a", "😀", "\u0000"), maxLength: 20 });

export const longRepeat = fc
  .tuple(fc.constantFrom("a", "é", "😀", "\u0301", "<", "'", "\u0000", " "), fc.integer({ min: 1_000, max: 12_000 }))
  .map(([c, n]) => c.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fixedHostile) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: longRepeat },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Anything a hand-made request could put where a string is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, false, 0, -0, Number.NaN, Infinity, -Infinity, 1e308, {}, [], [[]]) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
);

/** A raw object with some of `fields` (missing ones are missing), plus some strangers. */
export const rawWith = (fields: readonly string[], value: fc.Arbitrary<unknown> = hostileValue) =>
  fc.tuple(fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length }), fc.dictionary(hostileString, value, { maxKeys: 2 })).map(
    ([known, extra]) => ({ ...extra, ...known }),
  );

/** Mostly hostile, sometimes one of the values the field really takes (so the accepting paths run too). */
export const hostileOr = (valid: readonly string[], hostileWeight = 2): fc.Arbitrary<string> =>
  valid.length === 0 ? hostileString : fc.oneof({ weight: hostileWeight, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom(...valid) });

/**
 * The fields of a form: name → values it may take, a good one first (then other edge cases). An
 * entry list a FormData could carry, drawn two ways: mostly good (the good value or another edge
 * case in every field, one field hostile, a stranger or two), so the accepting paths run too; or
 * anything (known names, repeated or missing, with good or hostile values, and strangers).
 */
export type FormFields = Record<string, readonly string[]>;
export type FormEntry = [string, string];

export const formEntries = (
  fields: FormFields,
  options: { maxLength?: number; /** A field's own hostile values (e.g. no id of a real row). */ hostileFor?: Record<string, fc.Arbitrary<string>> } = {},
): fc.Arbitrary<FormEntry[]> => {
  const names = Object.keys(fields);
  const stranger = fc.tuple(hostileString, hostileString);
  if (names.length === 0) return fc.array(stranger, { maxLength: options.maxLength ?? 14 });
  const hostileOf = (name: string) => options.hostileFor?.[name] ?? hostileString;
  const fieldValue = (name: string) => {
    const values = fields[name] ?? [];
    return values.length === 0 ? hostileString : fc.oneof({ weight: 3, arbitrary: fc.constant(values[0]!) }, { weight: 1, arbitrary: fc.constantFrom(...values) });
  };
  const mostlyGood = fc
    .tuple(
      fc.record(Object.fromEntries(names.map((n) => [n, fieldValue(n)])) as Record<string, fc.Arbitrary<string>>),
      fc.option(fc.constantFrom(...names).chain((name) => hostileOf(name).map((v): FormEntry => [name, v])), { freq: 4 }),
      fc.array(stranger, { maxLength: 2 }),
    )
    .map(([values, hostile, extra]) => {
      const entries: FormEntry[] = names.map((n) => [n, hostile && hostile[0] === n ? hostile[1] : values[n]!]);
      return [...entries, ...extra];
    });
  const anything = fc.array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(...names).chain((name) =>
          fc.oneof({ weight: 2, arbitrary: hostileOf(name) }, { weight: 1, arbitrary: fields[name]?.length ? fc.constantFrom(...fields[name]!) : hostileOf(name) }).map((v): FormEntry => [name, v]),
        ),
      },
      { weight: 1, arbitrary: stranger },
    ),
    { maxLength: options.maxLength ?? 14 },
  );
  return fc.oneof({ weight: 2, arbitrary: mostlyGood }, { weight: 1, arbitrary: anything });
};

export const toFormData = (entries: ReadonlyArray<readonly [string, string | File]>): FormData => {
  const formData = new FormData();
  for (const [k, v] of entries) formData.append(k, v);
  return formData;
};

export const hasControlChar = (s: string) => /[\u0000-\u001f\u007f]/.test(s);

/** A lone UTF-16 surrogate (PostgreSQL would store U+FFFD instead, or refuse it in jsonb). */
export const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Runs a parse, turning anything it throws into a failure that says so. */
export const safe = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (error) {
    throw new Error(`parsing threw: ${String(error)}`);
  }
};
