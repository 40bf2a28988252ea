import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { formatEventRangeShort } from "~/domain/territory/hubs/hub-format";
import type { HubListItem } from "~/domain/territory/hubs/hubs.server";
import { formatList } from "~/i18n/format";
import { PlacesBadge } from "./EventSignup";
import { OpeningHoursSummary } from "./OpeningHours";
import { OpenStatus } from "./OpenStatus";

/** One hub in the list: name (to its page), address, quartieri, open now, the week's hours, next events. */
export function HubCard({ hub }: { hub: HubListItem }) {
  const { t, i18n } = useTranslation("hub");
  const locale = i18n.language;
  const headingId = `hub-${hub.id}`;
  return (
    <article className="card card-bg vc-card h-100" aria-labelledby={headingId}>
      <div className="card-body">
        <h2 id={headingId} className="card-title h4 mb-1">
          <Link to={`/hubs/${hub.id}`} className="vc-card-link">
            {hub.name}
          </Link>
        </h2>
        <p className="mb-2">
          <Icon name="it-map-marker" size="sm" className="me-1" />
          {hub.address}
        </p>
        <OpenStatus status={hub.status} />
        <dl className="vc-facts mt-2">
          <div>
            <dt>{t("list.quartieri")}</dt>
            <dd>{formatList(hub.quartieri.map((q) => q.name), locale)}</dd>
          </div>
          <div>
            <dt>{t("hours.heading")}</dt>
            <dd>
              <OpeningHoursSummary hours={hub.openingHours} />
            </dd>
          </div>
          <div>
            <dt>{t("list.nextEvents")}</dt>
            <dd>
              {hub.nextEvents.length === 0 ? (
                t("list.noEvents")
              ) : (
                <ul className="vc-hub-next-events">
                  {hub.nextEvents.map((event) => (
                    <li key={event.id}>
                      <Link to={`/hubs/${hub.id}/events/${event.id}`}>{event.title}</Link>
                      <span className="d-block small">{formatEventRangeShort(event.startsAt, event.endsAt, locale)}</span>
                      <PlacesBadge event={event} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
        <p className="mb-0 mt-2">
          <Link to={`/hubs/${hub.id}`}>
            {t("list.details")}
            <span className="visually-hidden"> – {hub.name}</span>
          </Link>
        </p>
      </div>
    </article>
  );
}
