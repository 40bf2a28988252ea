/** A short introduction in the page's language if the provider wrote one, else Italian, else any. */
export function bioExcerpt(bio: Record<string, string> | undefined, language: string): { text: string; language: string } {
  const chosen = [language, "it", ...Object.keys(bio ?? {})].find((code) => bio?.[code]) ?? language;
  const text = bio?.[chosen] ?? "";
  return { text: text.length > 180 ? `${text.slice(0, 177).trimEnd()}…` : text, language: chosen };
}
