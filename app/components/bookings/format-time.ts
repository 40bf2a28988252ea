const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as Milan's date and time in the page language ("3 settembre 2025, 17:05"). */
export function formatDateTime(iso: string | Date, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Rome" });
    formats.set(locale, format);
  }
  return format.format(typeof iso === "string" ? new Date(iso) : iso);
}
