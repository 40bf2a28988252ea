import { isRouteErrorResponse } from "@remix-run/react";

/** What the root loader gives every route's meta function (translated default titles). */
export interface RootMetaData {
  locale: string;
  titles: {
    default: string;
    template: string;
    notFound: string;
    error: string;
    description: string;
    /** The signed-in areas' own 403/404 titles (`<ns>:forbidden.title`, `<ns>:notFound.title`). */
    areas: Record<PrivateArea, { forbidden: string; notFound: string }>;
  };
}

export const privateAreas = ["operator", "booking"] as const;
export type PrivateArea = (typeof privateAreas)[number];

type MatchLike = { id: string; data?: unknown };

export function rootMetaData(matches: readonly MatchLike[]): RootMetaData | undefined {
  const root = matches.find((match) => match.id === "root");
  return root?.data as RootMetaData | undefined;
}

/** "Babysitter a Milano" → "Babysitter a Milano – Vicinato". */
export function pageTitle(matches: readonly MatchLike[], title: string | undefined): string {
  const root = rootMetaData(matches);
  if (!title) return root?.titles.default ?? "Vicinato";
  return root ? root.titles.template.replace("{{title}}", title) : `${title} – Vicinato`;
}

/**
 * Meta tags of a signed-in area's page (bookings, operator…): its own title, or on an error the
 * area's translated 403/404 title (`<ns>:forbidden.title`, `<ns>:notFound.title`); never indexed.
 */
export function privatePageMeta(area: PrivateArea, matches: readonly MatchLike[], error: unknown, title: string | undefined) {
  if (error) {
    const texts = rootMetaData(matches)?.titles.areas[area];
    const status = isRouteErrorResponse(error) ? error.status : 500;
    const fullTitle =
      status === 403
        ? pageTitle(matches, texts?.forbidden)
        : status === 404
          ? pageTitle(matches, texts?.notFound)
          : (rootMetaData(matches)?.titles.error ?? pageTitle(matches, undefined));
    return [{ title: fullTitle }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, title) }, { name: "robots", content: "noindex" }];
}
