/**
 * Until a booking is confirmed, the two parties talk through Vicinato only: phone numbers, e-mail
 * addresses, links and social handles in a message are hidden when the message is shown to the
 * other party (it is stored exactly as written; the writer always sees their own words).
 *
 * The function is pure and errs on the side of masking look-alikes of contact details, while
 * leaving the things people do write about care alone: times ("16:30", "9-13"), dates
 * ("12/03/2025"), prices ("€12,50", "1.200 euro"), ages and counts.
 *
 * It works on a scan copy of the text of the same length: every span already recognised, and
 * every date, time or price, is blanked out in the copy, so later patterns never see it; the
 * spans found are then cut out of the original text.
 */

export type HiddenContact = "phone" | "email" | "link";

export type MessagePart = { text: string } | { hidden: HiddenContact };

export interface MaskedText {
  parts: MessagePart[];
  /** Whether anything was hidden. */
  masked: boolean;
}

interface Span {
  start: number;
  end: number;
  kind: HiddenContact;
}

// ── e-mail addresses ────────────────────────────────────────────────────────────────────────────
/** Starts only where a word starts, so a long run of letters is tried once, not at every position. */
const local = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*`;
const label = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
const email = new RegExp(String.raw`${local}@${label}(?:\.${label})*\.\p{L}{2,}`, "giu");

/** "@" written out: " at ", "(at)", "[chiocciola]", " arroba "… */
const atWord = String.raw`(?:\s*(?:@|[([{<]\s*(?:at|chiocciola|arroba)\s*[)\]}>])\s*|\s+(?:at|chiocciola|arroba)\s+)`;
/** "." written out: " dot ", "(punto)", "[dot]", " . "; a plain dot must not be followed by a space. */
const dotWord = String.raw`(?:\s*[([{<]\s*(?:dot|punto|punt)\s*[)\]}>]\s*|\s+(?:dot|punto|punt)\s+|\s+\.\s*|\.(?!\s))`;
const tld = String.raw`(?:it|com|net|org|eu|info|biz|me|io|co|uk|ua|cn|es|de|fr|ch|email|mail)`;
/** A local part may be spaced out too ("mario . rossi"). */
const spacedLocal = String.raw`${local}(?:\s+\.\s+[\p{L}\p{N}][\p{L}\p{N}._%+-]*)*`;
const spelledEmail = new RegExp(String.raw`${spacedLocal}${atWord}${label}(?:${dotWord}${label})*${dotWord}${tld}(?![\p{L}\p{N}])`, "giu");
/** "mario rossi at gmail" — the big mail providers named without a domain ending. */
const mailProviders = String.raw`(?:gmail|googlemail|hotmail|outlook|yahoo|libero|virgilio|tiscali|icloud|fastwebnet|proton(?:mail)?)`;
const providerEmail = new RegExp(String.raw`${spacedLocal}${atWord}${mailProviders}(?![\p{L}\p{N}])`, "giu");

// ── links and handles ───────────────────────────────────────────────────────────────────────────
const schemeUrl = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
/** Bare domains with a common ending, and the chat-app short links (wa.me, t.me, bit.ly). */
const bareDomain =
  /(?<![\p{L}\p{N}@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:it|com|net|org|eu|info|biz|app|link|site|online|shop|store|ua|cn|de|fr|uk|ch)(?![\p{L}\p{N}-])(?:\/[^\s<>"]*)?/giu;
const chatLink = /(?<![\p{L}\p{N}.-])(?:wa\.me|t\.me|bit\.ly|m\.me|telegram\.me|instagram\.com|facebook\.com|fb\.me)(?:\/[^\s<>"]*)?/giu;
const handle = /(?<![\p{L}\p{N}@._-])@[\p{L}\p{N}_][\p{L}\p{N}_.]{2,29}/gu;

// ── things that look numeric but are not contact details ─────────────────────────────────────────
const dates = /(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g;
const times = /(?<!\d)\d{1,2}[:.]\d{2}(?![\d])/g;
const money = /€\s?\d[\d.,]*|(?<![\d.,])\d[\d.,]*\s?(?:€|eur(?:o|os)?\b)/giu;
/** "9-13", "14 – 18": hours of the day, both at most 24. */
const hourRanges = /(?<!\d)(\d{1,2})\s?[-–]\s?(\d{1,2})(?!\d)/g;

// ── phone numbers ───────────────────────────────────────────────────────────────────────────────
/** "+39 347 123 4567", "0039 02 1234 5678", "+44 (20) 7946-0958": unmistakable, looked for first. */
const internationalPhone = /(?<![\p{L}\p{N}+])(?:\+|00)\s?\d(?:[\s.\-/()]{0,3}\d){6,14}(?!\d)/gu;
/** An Italian mobile number, 3xx and 6–7 more digits ("347-12-14-567"), also looked for first. */
const mobilePhone = /(?<![\p{L}\p{N}])3\d{2}(?:[\s.\-/]{0,3}\d){6,7}(?!\d)/gu;
/**
 * Italian-shaped numbers (a mobile starts with 3, a landline with 0) of 8 digits or more, with any
 * separators between the digits ("347-1234567", "02 1234 5678", "(02) 12345678", "3 4 7 1 2 …");
 * any other run of 9 digits or more that starts with a group of at least three.
 */
const nationalPhone = /(?<![\p{L}\p{N}])\(?[03](?:[\s.\-/()]{0,3}\d){7,13}(?!\d)/gu;
const longNumber = /(?<![\p{L}\p{N}])\d{3,}(?:[\s.\-/]{1,3}\d+){0,5}(?!\d)/gu;

const digitsIn = (text: string) => (text.match(/\d/g) ?? []).length;

function blank(scan: string, start: number, end: number): string {
  return scan.slice(0, start) + "#".repeat(end - start) + scan.slice(end);
}

/** Finds the pattern in the scan copy, records accepted matches as spans and blanks them out. */
function take(scan: string, spans: Span[], pattern: RegExp, kind: HiddenContact, accept: (match: string) => boolean = () => true): string {
  let out = scan;
  for (const match of scan.matchAll(pattern)) {
    const text = match[0].replace(/[\s.,;:!?)\]}>'"-]+$/u, "");
    if (text.length === 0 || !accept(text)) continue;
    const start = match.index!;
    spans.push({ start, end: start + text.length, kind });
    out = blank(out, start, start + text.length);
  }
  return out;
}

/** Blanks out look-alikes that must never be read as a phone number. */
function protect(scan: string, pattern: RegExp, accept: (match: RegExpMatchArray) => boolean = () => true): string {
  let out = scan;
  for (const match of scan.matchAll(pattern)) {
    if (!accept(match)) continue;
    out = blank(out, match.index!, match.index! + match[0].length);
  }
  return out;
}

/** The parts of the text, with contact details replaced by what kind of detail was there. */
export function maskContactDetails(text: string): MaskedText {
  const spans: Span[] = [];
  let scan = text;
  scan = take(scan, spans, email, "email");
  scan = take(scan, spans, spelledEmail, "email");
  scan = take(scan, spans, providerEmail, "email");
  scan = take(scan, spans, schemeUrl, "link");
  scan = take(scan, spans, chatLink, "link");
  scan = take(scan, spans, bareDomain, "link");
  scan = take(scan, spans, handle, "link");

  scan = take(scan, spans, internationalPhone, "phone", (m) => digitsIn(m) >= 8);
  scan = take(scan, spans, mobilePhone, "phone");

  scan = protect(scan, dates);
  scan = protect(scan, times);
  scan = protect(scan, money);
  scan = protect(scan, hourRanges, (m) => Number(m[1]) <= 24 && Number(m[2]) <= 24);

  scan = take(scan, spans, nationalPhone, "phone", (m) => digitsIn(m) >= 8);
  take(scan, spans, longNumber, "phone", (m) => digitsIn(m) >= 9);

  if (spans.length === 0) return { parts: text.length > 0 ? [{ text }] : [], masked: false };
  spans.sort((a, b) => a.start - b.start);
  const parts: MessagePart[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // blanked spans cannot overlap; kept as a guard
    if (span.start > at) parts.push({ text: text.slice(at, span.start) });
    parts.push({ hidden: span.kind });
    at = span.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return { parts, masked: true };
}

/** The text as it is stored, as parts (for the writer, and after the booking is confirmed). */
export function unmaskedParts(text: string): MaskedText {
  return { parts: text.length > 0 ? [{ text }] : [], masked: false };
}

/** The masked text with a placeholder per hidden detail, e.g. for a plain-text preview. */
export function maskedText(text: string, placeholder: (kind: HiddenContact) => string): string {
  return maskContactDetails(text)
    .parts.map((part) => ("text" in part ? part.text : placeholder(part.hidden)))
    .join("");
}
