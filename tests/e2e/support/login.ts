import type { BrowserContext } from "@playwright/test";
import { insertE2eUser, signIn, type E2eUser } from "./operator-login";

/**
 * A new person with the provider role (what /signup as a provider creates), signed in with a
 * real session cookie; built on the shared e2e user fixture in operator-login.ts.
 */
export async function signInAsNewProvider(context: BrowserContext, baseURL: string): Promise<E2eUser> {
  const user = await insertE2eUser({ roles: ["provider"] });
  await signIn(context, baseURL, user);
  return user;
}
