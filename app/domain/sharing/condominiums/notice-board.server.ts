import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import { AuthorisationError } from "~/domain/accounts/current-user";
import { holdLiveAccount } from "~/domain/accounts/live-account.server";
import { recordAudit } from "~/domain/audit/audit-log.server";
import { requireMember, type Actor, type Membership } from "./access.server";
import { CondominiumError } from "./condominium-errors";

/**
 * The condominium's notice board: short notices by members, newest first. The author or an
 * administrator may hide one; hidden notices are shown to nobody. Posting is limited per person.
 */

/** Notices one person may post per hour, over all their condominiums. */
export const NOTICES_PER_HOUR = 10;
/** How many notices the page shows. */
export const NOTICES_SHOWN = 50;

export interface Notice {
  id: string;
  body: string;
  authorName: string | null;
  /** The author has deleted their account. */
  authorGone: boolean;
  isMine: boolean;
  canHide: boolean;
  createdAt: string;
}

/** The visible notices, newest first (for a membership already checked by requireMember). */
export async function noticesForMember(db: DB, membership: Membership): Promise<Notice[]> {
  const rows = await db
    .selectFrom("condominium_posts as p")
    .leftJoin("users as u", "u.id", "p.author_user_id")
    .select(["p.id", "p.body", "p.author_user_id", "u.display_name", "p.created_at"])
    .where("p.condominium_id", "=", membership.condominiumId)
    .where("p.hidden_at", "is", null)
    .orderBy("p.id", "desc")
    .limit(NOTICES_SHOWN)
    .execute();
  return rows.map((r) => {
    const isMine = r.author_user_id === membership.userId;
    return {
      id: String(r.id),
      body: r.body,
      authorName: r.display_name,
      authorGone: r.author_user_id === null,
      isMine,
      canHide: isMine || membership.role === "administrator",
      createdAt: r.created_at.toISOString(),
    };
  });
}

export async function listNotices(db: DB, user: Actor, condominiumId: string): Promise<Notice[]> {
  return noticesForMember(db, await requireMember(db, user, condominiumId));
}

/** A member posts a notice (already validated: trimmed, storable, 1–2000 characters). */
export async function postNotice(db: DB, user: Actor, condominiumId: string, body: string): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    // The account first (as an erasure takes it): posted while it is being erased, nothing is kept.
    await holdLiveAccount(trx, user.id);
    await requireMember(trx, user, condominiumId);
    // Two posts sent at once must not both slip under the limit.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`condominium-post:${user.id}`}, 0))`.execute(trx);
    const { n } = await trx
      .selectFrom("condominium_posts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("author_user_id", "=", user.id)
      .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    if (Number(n) >= NOTICES_PER_HOUR) throw new CondominiumError("too_many_notices", { limit: NOTICES_PER_HOUR });
    const { id } = await trx
      .insertInto("condominium_posts")
      .values({ condominium_id: condominiumId, author_user_id: user.id, body })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: String(id) };
  });
}

/** The author, or an administrator of the condominium, hides a notice. */
export async function hideNotice(db: DB, user: Actor, condominiumId: string, postId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const membership = await requireMember(trx, user, condominiumId);
    if (!/^[1-9][0-9]{0,17}$/.test(postId)) throw new CondominiumError("not_found");
    const post = await trx
      .selectFrom("condominium_posts")
      .select(["id", "author_user_id"])
      .where("id", "=", postId)
      .where("condominium_id", "=", condominiumId)
      .where("hidden_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!post) throw new CondominiumError("not_found");
    const isAuthor = post.author_user_id === user.id;
    if (!isAuthor && membership.role !== "administrator") throw new AuthorisationError("only the author or an administrator may hide a notice");
    await trx.updateTable("condominium_posts").set({ hidden_at: new Date() }).where("id", "=", postId).execute();
    if (!isAuthor) {
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "condominium_post.hide",
        subjectType: "condominium_post",
        subjectId: postId,
        details: { condominiumId },
      });
    }
  });
}
