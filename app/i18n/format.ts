/**
 * Display formatting. Money is integer cents until here; dates are shown in Milan's time zone
 * so the server and the browser render the same text.
 */
const timeZone = "Europe/Rome";

/**
 * Node's ICU and the browser's disagree on the spaces inside some formats (thin U+2009 and narrow
 * no-break U+202F around "–", before "AM" or "р."): plain spaces everywhere, so the page the
 * server renders is the page the browser hydrates.
 */
export const plainSpaces = (text: string) => text.replace(/[\u2009\u202f]/g, " ");

// Building an Intl formatter costs far more than using one: keep one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** One cached Intl.DateTimeFormat per locale and options. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

export function formatMoney(cents: number, currency: string, locale: string): string {
  const whole = cents % 100 === 0;
  return numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100).replace(/[\u2009\u202f]/g, "\u00a0");
}

/** 1234 m → "1,2 km" (it) / "1.2 km" (en). */
export function formatDistance(metres: number, locale: string): string {
  const km = Math.max(metres, 100) / 1000;
  return numberFormat(locale, {
    style: "unit",
    unit: "kilometer",
    unitDisplay: "short",
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

export function formatKm(km: number, locale: string): string {
  return numberFormat(locale, { style: "unit", unit: "kilometer", unitDisplay: "short" }).format(km);
}

const listFormats = new Map<string, Intl.ListFormat>();
/** ["italiano", "inglese"] → "italiano e inglese" (it), "الإيطالية و الإنجليزية" (ar), with each language's own separators. */
export function formatList(items: string[], locale: string): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
    listFormats.set(locale, format);
  }
  return format.format(items);
}

/** Minutes after midnight → "HH:MM" (1440 → "24:00"). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function formatDate(iso: string, locale: string): string {
  return plainSpaces(dateFormat(locale, { dateStyle: "long", timeZone }).format(new Date(iso)));
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value).replace(/[\u2009\u202f]/g, "\u00a0");
}
