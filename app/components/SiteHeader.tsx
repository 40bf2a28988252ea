import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "./CsrfInput";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { MyAreaMenu } from "./MyAreaMenu";

export interface HeaderUser {
  displayName: string;
  roles: string[];
  /** Unread messages in the person's booking conversations (a badge on "Bookings"). */
  unreadMessages?: number;
}

type NavLink = { to: string; label: string; badge?: number };

/** The path is the link's page or one below it ("/bookings/123" is under "/bookings"). */
const isActive = (to: string, currentPath: string) => (to === "/" ? currentPath === "/" : currentPath === to || currentPath.startsWith(`${to}/`));

/**
 * Bootstrap Italia header: slim bar (owner, languages, sign-in links) and centre bar (brand + main
 * menu). The menu keeps a few links in view and puts the signed-in person's own pages in a
 * "My area" disclosure (MyAreaMenu), so a phone or a 200 % zoom does not get a wall of links.
 */
export function SiteHeader({ language, currentPath, user }: { language: string; currentPath: string; user: HeaderUser | null }) {
  const { t } = useTranslation("common");
  const unread = user?.unreadMessages ?? 0;
  // Always in view: the public pages and, once signed in, the bookings (with the unread badge).
  const primary: NavLink[] = [
    { to: "/search", label: t("nav.search") },
    { to: "/hubs", label: t("hub:nav.link") },
    ...(user ? [{ to: "/bookings", label: t("booking:nav.bookings"), badge: unread }] : []),
  ];
  // Behind "My area": the person's own pages, their roles' areas, the account and signing out.
  const personal: NavLink[] = user
    ? [
        { to: "/calendar", label: t("booking:nav.calendar") },
        { to: "/condominiums", label: t("condominium:nav.mine") },
        ...(user.roles.includes("family") ? [{ to: "/needs", label: t("sharing:nav.needs") }] : []),
        ...(user.roles.some((r) => r === "provider" || r === "organisation_member") ? [{ to: "/provider", label: t("nav.provider") }] : []),
        ...(user.roles.some((r) => r === "operator" || r === "admin") ? [{ to: "/operator", label: t("nav.operator") }] : []),
        { to: "/account", label: t("nav.account", { name: user.displayName }) },
      ]
    : [];
  const navLink = (link: NavLink) => (
    <Link to={link.to} aria-current={isActive(link.to, currentPath) ? "page" : undefined}>
      {link.to === "/search" ? <Icon name="it-search" size="sm" className="icon-white me-1" /> : null}
      {link.label}
      {link.badge ? (
        <span className="badge rounded-pill bg-light text-dark ms-1">
          <span aria-hidden="true">{link.badge}</span>
          <span className="visually-hidden">{` (${t("message:header.unread", { count: link.badge })})`}</span>
        </span>
      ) : null}
    </Link>
  );
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
                  {user ? null : (
                    <div className="vc-account-links ms-3">
                      <Link to="/login" className="me-2">
                        {t("nav.login")}
                      </Link>
                      <Link to="/signup">{t("nav.signup")}</Link>
                    </div>
                  )}
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
                    <Link to="/" aria-label={t("app.homeLinkLabel")} aria-current={currentPath === "/" ? "page" : undefined}>
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
                      <ul>
                        {primary.map((link) => (
                          <li key={link.to}>{navLink(link)}</li>
                        ))}
                        {user ? (
                          <li>
                            <MyAreaMenu label={t("nav.myArea")} current={personal.some((link) => isActive(link.to, currentPath))}>
                              {personal.map((link) => (
                                <li key={link.to}>{navLink(link)}</li>
                              ))}
                              <li>
                                <Form method="post" action="/logout">
                                  <CsrfInput />
                                  <button type="submit">{t("nav.logout")}</button>
                                </Form>
                              </li>
                            </MyAreaMenu>
                          </li>
                        ) : null}
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
