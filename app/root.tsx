/// <reference types="@remix-run/dev" />
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { ErrorPage } from "~/components/ErrorPage";
import { useNonce } from "~/components/nonce";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { SkipLink } from "~/components/SkipLink";
import { dir, isSupportedLanguage } from "~/i18n/config";
import { i18nServer, languageCookie } from "~/i18n/i18next.server";
import { privateAreas, type RootMetaData } from "~/i18n/meta";
import appStyles from "~/styles/app.css";
import { conversationOfPath, unreadTotalForUser } from "~/domain/messaging/unread.server";
import { getCurrentUser } from "~/utils/auth.server";

// Loaders are read through single fetch (remix.config.js future flags): type them that way.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** The framework's stylesheet, mirrored for right-to-left languages (built by copy-vendor-assets). */
const frameworkCss = {
  ltr: "/vendor/bootstrap-italia/css/bootstrap-italia.min.css",
  rtl: "/vendor/bootstrap-italia/css/bootstrap-italia.rtl.min.css",
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/vendor/bootstrap-italia/css/fonts.css" },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const handle = { i18n: "common" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "common");

  // A language picked with the switcher (?lng=en) sticks through a cookie.
  const headers = new Headers();
  const url = new URL(request.url);
  const requested = url.searchParams.get("lng");
  if (isSupportedLanguage(requested)) {
    headers.append("Set-Cookie", await languageCookie.serialize(requested, { secure: url.protocol === "https:" }));
  }

  const titles: RootMetaData["titles"] = {
    default: t("meta.defaultTitle"),
    template: t("meta.titleTemplate", { title: "{{title}}" }),
    notFound: t("meta.titleTemplate", { title: t("errorPage.notFoundTitle") }),
    error: t("meta.titleTemplate", { title: t("errorPage.genericTitle") }),
    description: t("meta.description"),
    areas: Object.fromEntries(
      privateAreas.map((area) => [area, { forbidden: t(`${area}:forbidden.title`), notFound: t(`${area}:notFound.title`) }]),
    ) as RootMetaData["titles"]["areas"],
  };
  const user = await getCurrentUser(request, context);
  // The header's badge: messages waiting in the person's booking conversations (not counting the
  // one this page opens, which its own loader marks read).
  const unreadMessages = user ? await unreadTotalForUser(context.db, user.id, { exceptBookingId: conversationOfPath(url.pathname) }) : 0;
  return data(
    {
      locale,
      requestId: context.requestId ?? null,
      titles,
      csrfToken: context.csrfToken,
      user: user ? { displayName: user.displayName ?? user.email, roles: user.roles, unreadMessages } : null,
    },
    { headers },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const titles = data?.titles;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = error ? (notFound ? titles?.notFound : titles?.error) : titles?.default;
  // Without root data (no route matched, or the root loader failed) Layout writes the title.
  if (!titles) return [];
  return [{ title }, { name: "description", content: titles.description }];
};

/** The document around every page, the error pages included. */
export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  const { i18n, t } = useTranslation("common");
  const locale = rootData?.locale ?? i18n.language;
  const nonce = useNonce();
  const location = useLocation();
  const errorStatus = isRouteErrorResponse(error) ? error.status : null;
  const fallbackTitle = rootData
    ? null
    : t("meta.titleTemplate", {
        title:
          errorStatus === 404
            ? t("errorPage.notFoundTitle")
            : errorStatus === 503
              ? t("errorPage.unavailableTitle")
              : t("errorPage.genericTitle"),
      });
  return (
    <html lang={locale} dir={dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {fallbackTitle ? <title>{fallbackTitle}</title> : null}
        <Meta />
        <link rel="stylesheet" href={frameworkCss[dir(locale)]} />
        <Links />
      </head>
      <body>
        <SkipLink />
        <SiteHeader language={locale} currentPath={location.pathname} user={rootData?.user ?? null} />
        <main id="main" tabIndex={-1} className="vc-main">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  // After a client-side navigation the root loader may name another language.
  useChangeLanguage(locale);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation("common");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // 503: the database was briefly unreachable (app/utils/database-unavailable.server.ts).
  if (isRouteErrorResponse(error) && error.status === 503) {
    return <ErrorPage title={t("errorPage.unavailableTitle")} text={t("errorPage.unavailableText")} requestId={rootData?.requestId} />;
  }
  // Stack traces only ever appear in development; production shows the request id instead.
  const details =
    process.env.NODE_ENV === "development" && error instanceof Error ? (error.stack ?? error.message) : null;
  return (
    <ErrorPage
      title={notFound ? t("errorPage.notFoundTitle") : t("errorPage.genericTitle")}
      text={notFound ? t("errorPage.notFoundText") : t("errorPage.genericText")}
      requestId={notFound ? null : rootData?.requestId}
      details={details}
    />
  );
}
