import type { BookingActorRole, BookingStatus } from "../../../db/schema";

/**
 * The whole life of a booking as one table of transitions. Anything not listed is refused.
 *
 *   requested ──accept──> accepted ──confirm (paid online, or pay-the-provider-directly)──> confirmed
 *      │ └──counterOffer──> counter_offered ──acceptOffer──> accepted
 *      │                        │  └──counterOffer (a newer one)──> counter_offered
 *      ├──decline──> declined   └──declineOffer──> declined
 *   confirmed ──start──> in_progress ──complete──> completed ──review──> reviewed
 *   confirmed ──complete──> completed            (a one-off marked done after the fact)
 *   any open state ──cancel──> cancelled         (refund per the policy shown before confirming)
 *   confirmed / in_progress ──reportNoShow──> no_show
 *   requested / counter_offered / accepted ──expire──> expired   (nobody answered in time)
 *
 * `by` lists who may take the action; the domain functions check the person is that party.
 */
export const bookingTransitions = {
  accept: { from: ["requested"], to: "accepted", by: ["provider"] },
  decline: { from: ["requested"], to: "declined", by: ["provider"] },
  counterOffer: { from: ["requested", "counter_offered"], to: "counter_offered", by: ["provider"] },
  acceptOffer: { from: ["counter_offered"], to: "accepted", by: ["family"] },
  declineOffer: { from: ["counter_offered"], to: "declined", by: ["family"] },
  confirm: { from: ["accepted"], to: "confirmed", by: ["family", "system"] },
  start: { from: ["confirmed"], to: "in_progress", by: ["provider", "system"] },
  complete: { from: ["confirmed", "in_progress"], to: "completed", by: ["provider", "family", "system"] },
  review: { from: ["completed"], to: "reviewed", by: ["family"] },
  cancel: {
    from: ["requested", "counter_offered", "accepted", "confirmed", "in_progress"],
    to: "cancelled",
    by: ["family", "provider", "operator"],
  },
  reportNoShow: { from: ["confirmed", "in_progress"], to: "no_show", by: ["family", "provider"] },
  expire: { from: ["requested", "counter_offered", "accepted"], to: "expired", by: ["system"] },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus; by: readonly BookingActorRole[] }>;

export type BookingAction = keyof typeof bookingTransitions;
export const bookingActions = Object.keys(bookingTransitions) as BookingAction[];

/** States in which the provider's time is held: no other booking may overlap them. */
export const slotHoldingStatuses = ["accepted", "confirmed", "in_progress"] as const satisfies readonly BookingStatus[];

/** States in which the booking is still going somewhere (shown as "open" to both parties). */
export const openBookingStatuses = ["requested", "counter_offered", "accepted", "confirmed", "in_progress"] as const satisfies readonly BookingStatus[];

/** Contact details (phone, exact address, e-mail) are shown to the other party only from these states. */
export const contactVisibleStatuses = ["confirmed", "in_progress", "completed", "reviewed", "no_show"] as const satisfies readonly BookingStatus[];

export function nextBookingStatus(current: BookingStatus, action: BookingAction, by: BookingActorRole): BookingStatus | null {
  const transition = bookingTransitions[action];
  if (!(transition.by as readonly BookingActorRole[]).includes(by)) return null;
  return (transition.from as readonly BookingStatus[]).includes(current) ? transition.to : null;
}

/** The actions this party may take now, for showing the right buttons. */
export function allowedBookingActions(current: BookingStatus, by: BookingActorRole): BookingAction[] {
  return bookingActions.filter((action) => nextBookingStatus(current, action, by) !== null);
}

export function contactVisible(status: BookingStatus): boolean {
  return (contactVisibleStatuses as readonly BookingStatus[]).includes(status);
}
