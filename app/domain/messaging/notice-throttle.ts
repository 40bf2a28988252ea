/**
 * At most one "you have a new message" e-mail per conversation and recipient every 15 minutes.
 *
 * No table records when an e-mail went out: it follows from the messages themselves. Walking the
 * messages of the writer's side oldest first, an e-mail went out for a message when at least 15
 * minutes had passed since the last message that got one (the first message always does). The
 * decision is taken under the thread's row lock (lockThread), so it is the same one every time.
 * A lively conversation therefore sends one e-mail, then at most one every 15 minutes.
 */

export const NOTICE_INTERVAL_MS = 15 * 60 * 1000;

/** When the last notice went out, given the earlier messages of the same side (any order). */
export function lastNoticeAt(earlierMessages: readonly Date[]): Date | null {
  let last: number | null = null;
  for (const at of [...earlierMessages].map((d) => d.getTime()).sort((a, b) => a - b)) {
    if (last === null || at - last >= NOTICE_INTERVAL_MS) last = at;
  }
  return last === null ? null : new Date(last);
}

/** Whether a message written now gets an e-mail to the other side. */
export function noticeDue(earlierMessages: readonly Date[], now: Date): boolean {
  const last = lastNoticeAt(earlierMessages);
  return last === null || now.getTime() - last.getTime() >= NOTICE_INTERVAL_MS;
}
