import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Records that the user has read a thread up to a message. It only ever moves forward: an older
 * page refreshed late never makes read messages unread again.
 */
export async function markThreadRead(db: Kysely<Database>, input: { userId: string; threadId: string; upToMessageId: string }): Promise<void> {
  await db
    .insertInto("thread_reads")
    .values({ thread_id: input.threadId, user_id: input.userId, last_read_message_id: input.upToMessageId })
    .onConflict((oc) =>
      oc.columns(["thread_id", "user_id"]).doUpdateSet({
        last_read_message_id: sql`greatest(thread_reads.last_read_message_id, excluded.last_read_message_id)`,
      }),
    )
    .execute();
}
