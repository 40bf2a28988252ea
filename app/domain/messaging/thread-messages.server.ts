import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sideOf, type Side } from "./thread-access.server";

/** The most messages a conversation page shows at once (the newest ones). */
export const MAX_SHOWN_MESSAGES = 200;

export interface StoredMessage {
  id: string;
  senderUserId: string | null;
  side: Side;
  /** As written: masking, where due, is done by the caller for the person who reads it. */
  body: string;
  createdAt: Date;
}

/** A thread's newest messages, oldest first, and how many older ones are left out. */
export async function loadThreadMessages(
  db: Kysely<Database>,
  threadId: string,
  familyUserId: string,
): Promise<{ messages: StoredMessage[]; olderNotShown: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("messages")
      .select(["id", "sender_user_id", "body", "created_at"])
      .where("thread_id", "=", threadId)
      .orderBy("id", "desc")
      .limit(MAX_SHOWN_MESSAGES)
      .execute(),
    db.selectFrom("messages").select((eb) => eb.fn.countAll<string>().as("n")).where("thread_id", "=", threadId).executeTakeFirstOrThrow(),
  ]);
  const messages = rows.reverse().map((row) => ({
    id: String(row.id),
    senderUserId: row.sender_user_id,
    side: sideOf(row.sender_user_id, familyUserId),
    body: row.body,
    createdAt: new Date(row.created_at),
  }));
  return { messages, olderNotShown: Math.max(0, Number(total.n) - messages.length) };
}
