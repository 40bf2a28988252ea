import type { UserRole } from "../../../db/schema";

/** Who is making the request, as every domain function that checks permissions receives it. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string | null;
  locale: string;
  emailVerified: boolean;
  roles: UserRole[];
  /** Quartieri an operator (community manager) is responsible for. */
  operatorQuartieri: number[];
}

export class AuthorisationError extends Error {
  constructor(message = "not allowed") {
    super(message);
    this.name = "AuthorisationError";
  }
}

export function hasRole(user: CurrentUser | null, role: UserRole): user is CurrentUser {
  return !!user && user.roles.includes(role);
}

export function assertRole(user: CurrentUser | null, role: UserRole): asserts user is CurrentUser {
  if (!hasRole(user, role)) throw new AuthorisationError(`needs role ${role}`);
}

/** An operator may act on a quartiere only if it is one of theirs; an admin on any. */
export function assertOperatorOf(user: CurrentUser | null, quartiereId: number | null): asserts user is CurrentUser {
  if (user?.roles.includes("admin")) return;
  assertRole(user, "operator");
  if (quartiereId === null || !user.operatorQuartieri.includes(quartiereId)) {
    throw new AuthorisationError("not an operator of this quartiere");
  }
}
