import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A friendly error page: title, what to do, the request id for support, and ways back. */
export function ErrorPage({
  title,
  text,
  requestId,
  details,
  links,
}: {
  title: string;
  text: string;
  requestId?: string | null;
  /** Only shown in development. */
  details?: string | null;
  links?: Array<{ to: string; label: string }>;
}) {
  const { t } = useTranslation("common");
  const actions = links ?? [
    { to: "/", label: t("errorPage.backHome") },
    { to: "/search", label: t("errorPage.searchAgain") },
  ];
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <h1>{title}</h1>
          <p className="lead">{text}</p>
          {requestId ? (
            <p className="vc-request-id">{t("errorPage.requestId", { id: requestId })}</p>
          ) : null}
          <ul className="list-inline mt-4">
            {actions.map((action) => (
              <li key={action.to} className="list-inline-item mb-2">
                <Link to={action.to} className="btn btn-primary me-2">
                  {action.label}
                </Link>
              </li>
            ))}
          </ul>
          {details ? <pre className="vc-error-details">{details}</pre> : null}
        </div>
      </div>
    </div>
  );
}
