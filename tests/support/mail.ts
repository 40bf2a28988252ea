import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";

/**
 * Reads what the SMTP sink received (server/services.ts startMailSink writes one .eml file per
 * message). Works from any process: vitest passes inject("mailDir"), Playwright the e2e server's
 * VICINATO_DATA_DIR/mail.
 */
export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Map<string, unknown>;
  file: string;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((f) => f.value.map((v) => (v.address ?? "").toLowerCase()));
}

const parsedCache = new Map<string, ReceivedEmail>();

/** Every message in the folder, oldest first. */
export async function readMailbox(dir: string): Promise<ReceivedEmail[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  const out: ReceivedEmail[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    let email = parsedCache.get(file);
    if (!email) {
      const parsed = await simpleParser(await readFile(file));
      email = {
        to: addresses(parsed.to),
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : null,
        headers: parsed.headers as Map<string, unknown>,
        file,
      };
      parsedCache.set(file, email);
    }
    out.push(email);
  }
  return out;
}

/** Messages received by an address, oldest first. */
export async function emailsTo(dir: string, address: string): Promise<ReceivedEmail[]> {
  const wanted = address.toLowerCase();
  return (await readMailbox(dir)).filter((m) => m.to.includes(wanted));
}

/**
 * Waits until the address has received a message that matches (by default: any), and returns
 * the latest such message.
 */
export async function waitForEmail(
  dir: string,
  address: string,
  options: { matching?: (email: ReceivedEmail) => boolean; count?: number; timeoutMs?: number } = {},
): Promise<ReceivedEmail> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const count = options.count ?? 1;
  for (;;) {
    const found = (await emailsTo(dir, address)).filter(options.matching ?? (() => true));
    if (found.length >= count) return found[found.length - 1]!;
    if (Date.now() > deadline) {
      throw new Error(`no e-mail to ${address} within ${options.timeoutMs ?? 10_000} ms (found ${found.length} of ${count})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first link in the message's text whose path is `pathname` (e.g. "/verify-email"). */
export function linkIn(email: ReceivedEmail, pathname: string): URL {
  for (const match of email.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === pathname) return url;
  }
  throw new Error(`no ${pathname} link in the e-mail "${email.subject}":\n${email.text}`);
}
