import QRCode from "qrcode";
import type { DB } from "../../../../db/client";
import { requireMember, type Actor } from "./access.server";
import { formatInviteCode } from "./invite-code";

/** The address a neighbour opens from the poster's QR code: the join form with the code filled in. */
export function joinUrl(siteUrl: string, code: string): string {
  const url = new URL("/condominiums/join", siteUrl);
  url.searchParams.set("code", formatInviteCode(code));
  return url.toString();
}

/** A QR code of the text as an SVG document (black on white, with the standard quiet zone). */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } });
}

export interface CondominiumPoster {
  name: string;
  address: string;
  inviteCode: string;
  joinUrl: string;
  /** Where to type the code by hand: the join page without the code. */
  joinPage: string;
  qrSvg: string;
}

/** What the printable invitation shows, for a member of the condominium (else AuthorisationError). */
export async function getCondominiumPoster(db: DB, user: Actor, condominiumId: string, options: { siteUrl: string }): Promise<CondominiumPoster> {
  await requireMember(db, user, condominiumId);
  const row = await db.selectFrom("condominiums").select(["name", "address", "invite_code"]).where("id", "=", condominiumId).executeTakeFirstOrThrow();
  const url = joinUrl(options.siteUrl, row.invite_code);
  return {
    name: row.name,
    address: row.address,
    inviteCode: formatInviteCode(row.invite_code),
    joinUrl: url,
    joinPage: new URL("/condominiums/join", options.siteUrl).toString(),
    qrSvg: await qrCodeSvg(url),
  };
}
