import pg from "pg";

/**
 * Runs `act` while another transaction is erasing the person's account, as deleteAccount does
 * (gdpr.server.ts): the account row taken FOR UPDATE and marked deleted, not yet committed. The
 * erasure commits after `holdMs`. Says whether `act` finished before that, and how it ended.
 */
export async function duringAccountErasure<T>(
  databaseUrl: string,
  userId: string,
  act: () => Promise<T>,
  holdMs = 300,
): Promise<{ finishedBeforeCommit: boolean; outcome: PromiseSettledResult<T> }> {
  const erasure = new pg.Client({ connectionString: databaseUrl });
  await erasure.connect();
  try {
    await erasure.query("begin");
    await erasure.query("select id from users where id = $1 for update", [userId]);
    await erasure.query("update users set deleted_at = now() where id = $1", [userId]);
    let finished = false;
    const acting = Promise.allSettled([act()]).then(([outcome]) => {
      finished = true;
      return outcome!;
    });
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    const finishedBeforeCommit = finished;
    await erasure.query("commit");
    return { finishedBeforeCommit, outcome: await acting };
  } finally {
    await erasure.end();
  }
}
