import type { DB } from "../../../db/client";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { listMunicipi, listQuartieri, type QuartiereSummary } from "../territory/territory.server";
import { assertVerifier, quartiereScope } from "../verification/operator-access.server";
import { areaValue, type AreaSelector } from "./dashboard-query";

/**
 * Who may look at which area of the dashboard. An operator (community manager) sees their own
 * quartieri: all of them together, one of them, or a municipio whose every quartiere is theirs.
 * An admin sees the whole city, any municipio or any quartiere. Anyone else is refused before
 * anything is read. A quartiere belongs to the municipio listed first for it (its primary one),
 * so a municipio's figures are the sum of its quartieri's and no quartiere counts twice.
 */

export class UnknownAreaError extends Error {
  constructor() {
    super("no such quartiere or municipio");
    this.name = "UnknownAreaError";
  }
}

export interface AreaOption {
  value: string;
  kind: AreaSelector["kind"];
  id: number | null;
  name: string;
}

export interface ResolvedScope {
  selector: AreaSelector;
  /** The chosen area's name (the municipio's or quartiere's; null for "all"). */
  name: string | null;
  /** Null: the whole city (an admin's "all"), so rows without a quartiere count too. */
  quartiereIds: number[] | null;
  /** The quartieri shown on the map and in the table (all 88 for the city). */
  quartieri: QuartiereSummary[];
  isAdmin: boolean;
  /** The areas this person may choose from. */
  options: AreaOption[];
}

const primaryMunicipio = (q: QuartiereSummary) => q.municipioIds[0] ?? null;

export async function resolveDashboardScope(db: DB, user: CurrentUser | null, selector: AreaSelector): Promise<ResolvedScope> {
  assertVerifier(user);
  const allowed = quartiereScope(user);
  const [quartieri, municipi] = await Promise.all([listQuartieri(db), listMunicipi(db)]);
  const isAdmin = allowed === null;
  const mine = isAdmin ? quartieri : quartieri.filter((q) => allowed.includes(q.id));
  // A municipio is the operator's if every quartiere in it is theirs.
  const coveredMunicipi = municipi.filter((m) => {
    const inside = quartieri.filter((q) => primaryMunicipio(q) === m.id);
    return inside.length > 0 && inside.every((q) => isAdmin || allowed.includes(q.id));
  });
  const options: AreaOption[] = [
    { value: "all", kind: "all", id: null, name: "" },
    ...coveredMunicipi.map((m) => ({ value: areaValue({ kind: "municipio", id: m.id }), kind: "municipio" as const, id: m.id, name: m.name })),
    ...mine.map((q) => ({ value: areaValue({ kind: "quartiere", id: q.id }), kind: "quartiere" as const, id: q.id, name: q.name })),
  ];

  if (selector.kind === "all") {
    return { selector, name: null, quartiereIds: isAdmin ? null : mine.map((q) => q.id), quartieri: mine, isAdmin, options };
  }
  if (selector.kind === "quartiere") {
    const quartiere = quartieri.find((q) => q.id === selector.id);
    if (!isAdmin && !allowed.includes(selector.id)) throw new AuthorisationError("not an operator of this quartiere");
    if (!quartiere) throw new UnknownAreaError();
    return { selector, name: quartiere.name, quartiereIds: [quartiere.id], quartieri: [quartiere], isAdmin, options };
  }
  const municipio = municipi.find((m) => m.id === selector.id);
  if (!coveredMunicipi.some((m) => m.id === selector.id)) {
    if (!isAdmin) throw new AuthorisationError("not an operator of every quartiere of this municipio");
    throw new UnknownAreaError();
  }
  const inside = quartieri.filter((q) => primaryMunicipio(q) === selector.id);
  return { selector, name: municipio?.name ?? null, quartiereIds: inside.map((q) => q.id), quartieri: inside, isAdmin, options };
}
