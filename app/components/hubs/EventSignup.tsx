import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import type { HubEventView } from "~/domain/territory/hubs/hubs.server";

export type SignupRefusal = "full" | "past" | "email_unverified" | "not_found" | "invalid";

/** How many places are left (or that the person has one, or that it is over). */
export function PlacesBadge({ event }: { event: HubEventView }) {
  const { t } = useTranslation("hub");
  if (event.signedUp) return <span className="vc-hub-places vc-hub-places-mine">{t("event.signedUp")}</span>;
  if (!event.upcoming) return <span className="vc-hub-places vc-hub-places-full">{t("event.past")}</span>;
  if (event.placesLeft === 0) return <span className="vc-hub-places vc-hub-places-full">{t("event.full")}</span>;
  return <span className="vc-hub-places">{t("event.placesLeft", { count: event.placesLeft, capacity: event.capacity })}</span>;
}

/**
 * The sign-up control of one event: sign up (signed in, places left), give the place back (signed
 * up), or sign in first. Plain forms, so it works without JavaScript; the server decides anyway.
 */
export function EventSignup({
  event,
  signedIn,
  loginHref,
  refusal,
}: {
  event: HubEventView;
  signedIn: boolean;
  loginHref: string;
  /** Why the last attempt on this event was refused, if it was. */
  refusal?: SignupRefusal;
}) {
  const { t } = useTranslation("hub");
  const hiddenTitle = <span className="visually-hidden"> – {event.title}</span>;
  return (
    <>
      {refusal ? (
        <div className="alert alert-warning mt-2 mb-0" role="alert">
          {t(`refused.${refusal}`)}
        </div>
      ) : null}
      <div className="vc-hub-signup">
        <PlacesBadge event={event} />
        {!event.upcoming ? null : event.signedUp ? (
          <Form method="post" replace preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="eventId" value={event.id} />
            <button type="submit" name="intent" value="cancel" className="btn btn-outline-primary btn-sm">
              {t("event.cancel")}
              {hiddenTitle}
            </button>
          </Form>
        ) : event.placesLeft === 0 ? null : signedIn ? (
          <Form method="post" replace preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="eventId" value={event.id} />
            <button type="submit" name="intent" value="signup" className="btn btn-primary btn-sm">
              {t("event.signUp")}
              {hiddenTitle}
            </button>
          </Form>
        ) : (
          <Link to={loginHref} className="btn btn-outline-primary btn-sm">
            {t("event.signInToSignUp")}
            {hiddenTitle}
          </Link>
        )}
      </div>
    </>
  );
}
