import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deleteAccountSchema,
  forgotPasswordSchema,
  parseForm,
  passwordIsEmail,
  profileSchema,
  resetPasswordSchema,
  signInSchema,
  signUpSchema,
} from "../../app/domain/accounts/schemas";
import { flatten } from "../support/flatten-locale";

const schemas = { signUpSchema, signInSchema, forgotPasswordSchema, resetPasswordSchema, profileSchema, deleteAccountSchema };
const fields = ["email", "password", "displayName", "role", "token", "locale", "confirm", "redirectTo"];

describe("accounts form schemas", () => {
  it.each(Object.entries(schemas))("%s never throws on arbitrary strings, and every error is a translated key", (_name, schema) => {
    const authIt = flatten("it", "auth");
    const authEn = flatten("en", "auth");
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 400 }), fc.emailAddress())),
        (values) => {
          const result = parseForm(schema, values);
          if (!result.success) {
            for (const key of Object.values(result.errors)) {
              expect(authIt.has(key!), `it/auth.json has ${key}`).toBe(true);
              expect(authEn.has(key!), `en/auth.json has ${key}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts a good sign-up and normalises the address", () => {
    const result = signUpSchema.safeParse({ email: "  Maria.Rossi@Esempio.IT ", password: "una frase abbastanza lunga", displayName: " Maria ", role: "family" });
    expect(result.success && result.data).toEqual({
      email: "maria.rossi@esempio.it",
      password: "una frase abbastanza lunga",
      displayName: "Maria",
      role: "family",
    });
  });

  it("names the field of each mistake", () => {
    const result = parseForm(signUpSchema, { email: "maria@", password: "corta", displayName: "", role: "admin" });
    expect(result).toEqual({
      success: false,
      errors: {
        email: "errors.emailInvalid",
        password: "errors.passwordTooShort",
        displayName: "errors.displayNameRequired",
        role: "errors.roleRequired",
      },
    });
    expect(parseForm(signUpSchema, {})).toMatchObject({ success: false, errors: { email: "errors.emailRequired", password: "errors.passwordRequired" } });
  });

  it("refuses the e-mail address (or its first part) as a password", () => {
    expect(passwordIsEmail("Mario.Rossi@esempio.it", "mario.rossi@esempio.it")).toBe(true);
    expect(passwordIsEmail("mario.rossi", "mario.rossi@esempio.it")).toBe(true);
    expect(passwordIsEmail("mario.rossi.2024!", "mario.rossi@esempio.it")).toBe(false);
    const result = parseForm(signUpSchema, { email: "mario.rossi@esempio.it", password: "MARIO.ROSSI@ESEMPIO.IT", displayName: "Mario", role: "provider" });
    expect(result).toEqual({ success: false, errors: { password: "errors.passwordIsEmail" } });
  });

  it("never lets the account roles of operators or admins be chosen at sign-up", () => {
    for (const role of ["operator", "admin", "", "FAMILY"]) {
      expect(signUpSchema.safeParse({ email: "a@b.it", password: "abbastanza lunga", displayName: "A", role }).success).toBe(false);
    }
  });
});
