import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";
import { loadOrCreateSecret } from "./secrets.server";

let secret: string | undefined;
export function cookieSecret(): string {
  const env = getEnv();
  secret ??= loadOrCreateSecret({ fromEnv: env.SESSION_SECRET, dataDir: env.VICINATO_DATA_DIR, name: "cookie-secret" });
  return secret;
}

export function secureCookies(): boolean {
  const env = getEnv();
  return env.SECURE_COOKIES ?? env.NODE_ENV === "production";
}

export const SESSION_COOKIE_NAME = "vicinato_session";

let session: ReturnType<typeof createCookie> | undefined;
/** Signed, http-only, SameSite=Lax cookie holding the session id (see accounts/sessions.server.ts). */
export function sessionCookie() {
  session ??= createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: 30 * 24 * 3600,
    secrets: [cookieSecret()],
  });
  return session;
}
