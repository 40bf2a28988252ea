import { redirect, type AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "~/domain/accounts/current-user";
import { AuthorisationError } from "~/domain/accounts/current-user";
import { createSession, deleteSession, userForSession } from "~/domain/accounts/sessions.server";
import { sessionCookie } from "./cookies.server";

/** Reading and writing the signed-in user from a request. Permission rules live in the domain. */

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function getCurrentUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  const token = await sessionToken(request);
  return token ? userForSession(context.db, token) : null;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<CurrentUser> {
  const user = await getCurrentUser(request, context);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Starts a session and returns the Set-Cookie header value for it. */
export async function startSession(request: Request, context: AppLoadContext, userId: string): Promise<string> {
  const token = await createSession(context.db, userId, request.headers.get("User-Agent"));
  return sessionCookie().serialize(token);
}

/** Ends this request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const token = await sessionToken(request);
  if (token) await deleteSession(context.db, token);
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Turns a domain AuthorisationError into 403; anything else propagates. */
export async function forbiddenOnAuthorisationError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AuthorisationError) throw new Response("Forbidden", { status: 403 });
    throw error;
  }
}
