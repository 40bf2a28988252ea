/** What the root loader gives every route's meta function (translated default titles). */
export interface RootMetaData {
  locale: string;
  titles: { default: string; template: string; notFound: string; error: string; description: string };
}

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
