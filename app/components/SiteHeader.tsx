import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "./CsrfInput";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** Bootstrap Italia header: slim bar (owner + languages) and centre bar (brand + main menu). */
export interface HeaderUser {
  displayName: string;
  roles: string[];
  /** Unread messages in the person's booking conversations (a badge on "Bookings"). */
  unreadMessages?: number;
}

export function SiteHeader({ language, currentPath, user }: { language: string; currentPath: string; user: HeaderUser | null }) {
  const { t } = useTranslation("common");
  const unread = user?.unreadMessages ?? 0;
  const links: Array<{ to: string; label: string; badge?: number }> = [
    { to: "/", label: t("nav.home") },
    { to: "/search", label: t("nav.search") },
    { to: "/hubs", label: t("hub:nav.link") },
    ...(user ? [{ to: "/bookings", label: t("booking:nav.bookings"), badge: unread }, { to: "/calendar", label: t("booking:nav.calendar") }] : []),
    ...(user ? [{ to: "/condominiums", label: t("condominium:nav.mine") }] : []),
    ...(user?.roles.includes("family") ? [{ to: "/needs", label: t("sharing:nav.needs") }] : []),
    ...(user?.roles.some((r) => r === "provider" || r === "organisation_member") ? [{ to: "/provider", label: t("nav.provider") }] : []),
    ...(user?.roles.some((r) => r === "operator" || r === "admin") ? [{ to: "/operator", label: t("nav.operator") }] : []),
  ];
  return (
    <header className="it-header-wrapper vc-header">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="navbar-brand vc-owner">{t("app.owner")}</span>
                <div className="it-header-slim-right-zone">
                  <LanguageSwitcher current={language} />
                  <div className="vc-account-links ms-3">
                    {user ? (
                      <>
                        <Link to="/account" className="me-2">
                          {t("nav.account", { name: user.displayName })}
                        </Link>
                        <Form method="post" action="/logout" className="d-inline">
                          <CsrfInput />
                          <button type="submit" className="btn btn-link btn-sm p-0 text-white">
                            {t("nav.logout")}
                          </button>
                        </Form>
                      </>
                    ) : (
                      <>
                        <Link to="/login" className="me-2">
                          {t("nav.login")}
                        </Link>
                        <Link to="/signup">{t("nav.signup")}</Link>
                      </>
                    )}
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/" aria-label={t("app.homeLinkLabel")}>
                      <svg className="icon vc-brand-icon" aria-hidden="true" focusable="false" viewBox="0 0 32 32">
                        <path
                          fill="currentColor"
                          d="M16 3 3 14h4v14h7v-8h4v8h7V14h4L16 3Zm0 5.2 6 5.1V26h-2v-8h-8v8h-2V13.3l6-5.1Z"
                        />
                      </svg>
                      <div className="it-brand-text">
                        <div className="it-brand-title">{t("app.name")}</div>
                        <div className="it-brand-tagline d-none d-md-block">{t("app.tagline")}</div>
                      </div>
                    </Link>
                  </div>
                  <div className="it-right-zone">
                    <nav aria-label={t("nav.label")} className="vc-main-nav">
                      <ul className="list-inline mb-0">
                        {links.map((link) => {
                          const active = link.to === "/" ? currentPath === "/" : currentPath.startsWith(link.to);
                          return (
                            <li key={link.to} className="list-inline-item">
                              <Link to={link.to} aria-current={active ? "page" : undefined}>
                                {link.to === "/search" ? <Icon name="it-search" size="sm" className="icon-white me-1" /> : null}
                                {link.label}
                                {link.badge ? (
                                  <span className="badge rounded-pill bg-light text-dark ms-1">
                                    <span aria-hidden="true">{link.badge}</span>
                                    <span className="visually-hidden">{` (${t("message:header.unread", { count: link.badge })})`}</span>
                                  </span>
                                ) : null}
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                    </nav>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}
