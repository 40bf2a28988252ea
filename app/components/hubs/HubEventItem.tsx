import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEventRange } from "~/domain/territory/hubs/hub-format";
import type { HubEventView } from "~/domain/territory/hubs/hubs.server";
import { EventSignup, type SignupRefusal } from "./EventSignup";

/** One upcoming event on a hub's page: title (to its own page), when, what, places and sign-up. */
export function HubEventItem({
  event,
  hubId,
  signedIn,
  loginHref,
  refusal,
}: {
  event: HubEventView;
  hubId: string;
  signedIn: boolean;
  loginHref: string;
  refusal?: SignupRefusal;
}) {
  const { i18n } = useTranslation("hub");
  return (
    <li id={`event-${event.id}`} className={`vc-hub-event${event.signedUp ? " vc-hub-event-mine" : ""}`}>
      <article aria-labelledby={`event-title-${event.id}`}>
        <h3 id={`event-title-${event.id}`}>
          <Link to={`/hubs/${hubId}/events/${event.id}`}>{event.title}</Link>
        </h3>
        <p className="vc-hub-event-when">{formatEventRange(event.startsAt, event.endsAt, i18n.language)}</p>
        {event.description ? (
          <p className="vc-hub-event-description mb-0" dir="auto">
            {event.description}
          </p>
        ) : null}
        <EventSignup event={event} signedIn={signedIn} loginHref={loginHref} refusal={refusal} />
      </article>
    </li>
  );
}
