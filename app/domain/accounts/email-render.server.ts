import { getTranslator, hasTranslation, resolveLanguage } from "../../i18n/translator.server";
import type { EmailJobPayload } from "./email-queue.server";
import type { OutgoingEmail } from "./mailer.server";

export class MissingEmailTemplateError extends Error {
  constructor(key: string) {
    super(`no translation for e-mail template ${key}`);
    this.name = "MissingEmailTemplateError";
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Plain text → simple HTML: paragraphs, line breaks and clickable links; everything escaped. */
export function textToHtml(text: string, language: string): string {
  const linkify = (escaped: string) =>
    escaped.replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="font-family: \'Titillium Web\', Geneva, Tahoma, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em;">',
    paragraphs,
    "</body>",
    "</html>",
  ].join("\n");
}

/** Renders a queued e-mail in the recipient's language (falling back to Italian). */
export async function renderEmail(payload: EmailJobPayload, options: { siteUrl: string }): Promise<OutgoingEmail> {
  const language = resolveLanguage(payload.locale);
  const base = `${payload.template.ns}:${payload.template.key}`;
  for (const part of ["subject", "body"]) {
    if (!(await hasTranslation(`${base}.${part}`, language))) throw new MissingEmailTemplateError(`${base}.${part}`);
  }
  const t = await getTranslator(language);
  const values = { ...payload.params, siteUrl: options.siteUrl.replace(/\/+$/, ""), interpolation: { escapeValue: false } };
  const subject = t(`${base}.subject`, values).replace(/[\r\n]+/g, " ").trim();
  const body = t(`${base}.body`, values).trim();
  const footer = t("email:layout.footer", values).trim();
  const text = `${body}\n\n-- \n${footer}\n`;
  return { to: payload.to, subject, text, html: textToHtml(`${body}\n\n${footer}`, language), language };
}
