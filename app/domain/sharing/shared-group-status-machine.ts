import type { SharedGroupStatus } from "../../../db/schema";

/**
 * The life of a shared group as one table. Status changes are listed in `groupStatusTransitions`;
 * events that leave the status as it is (an answer, an offer, a notice) in `groupEvents`, with
 * the statuses in which they are allowed. Anything not listed is refused, and every change and
 * event is recorded in shared_group_transitions with who and when.
 *
 *   (run) ──propose──> proposed ──form (every invitation answered, min_size accepted)──> formed
 *                        │  accept / decline / expireInvitation (7 days) / reprice         │
 *                        │                                  offer / assign (providers) ────┤
 *                        │                                   book (a member chooses an offer)
 *                        │                                                                 v
 *                        │                        active <──activate (booking confirmed)── booked
 *                        │                           │   leave (with 14 days' notice) / noticeEnds
 *   any live status ─────┴──dissolve (below min_size, a need withdrawn, booking ended)──> dissolved
 */
export const groupStatusTransitions = {
  form: { from: ["proposed"], to: "formed" },
  book: { from: ["formed"], to: "booked" },
  activate: { from: ["booked"], to: "active" },
  dissolve: { from: ["proposed", "formed", "booked", "active"], to: "dissolved" },
} as const satisfies Record<string, { from: readonly SharedGroupStatus[]; to: SharedGroupStatus }>;

export type GroupStatusAction = keyof typeof groupStatusTransitions;

/** Recorded events that keep the status: where each may happen. */
export const groupEvents = {
  /** A member (or the operator for someone at the hub desk) accepts their share. */
  accept: ["proposed"],
  /** A member says no: they leave the proposal, the split is recomputed for the others. */
  decline: ["proposed"],
  /** An invitation left unanswered for INVITATION_DAYS counts as a no. */
  expireInvitation: ["proposed"],
  /** The split changed (someone left): shares were recomputed. */
  reprice: ["proposed", "formed", "booked", "active"],
  /** A provider offers a price for the whole group. */
  offer: ["formed"],
  /** An operator of the quartiere assigns a provider (an offer on the provider's behalf). */
  assign: ["formed"],
  /** A member gives notice (leaves_on = today + 14 days) or leaves a group not yet booked. */
  leave: ["formed", "booked", "active"],
  /** A member's notice has run out: they are no longer in the group. */
  noticeEnds: ["formed", "booked", "active"],
} as const satisfies Record<string, readonly SharedGroupStatus[]>;

export type GroupEvent = keyof typeof groupEvents;

export const liveGroupStatuses = ["proposed", "formed", "booked", "active"] as const satisfies readonly SharedGroupStatus[];

export function nextGroupStatus(current: SharedGroupStatus, action: GroupStatusAction): SharedGroupStatus | null {
  const transition = groupStatusTransitions[action];
  return (transition.from as readonly SharedGroupStatus[]).includes(current) ? transition.to : null;
}

export function groupEventAllowed(current: SharedGroupStatus, event: GroupEvent): boolean {
  return (groupEvents[event] as readonly SharedGroupStatus[]).includes(current);
}
