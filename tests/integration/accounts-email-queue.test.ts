import crypto from "node:crypto";
import { makeWorkerUtils, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { enqueueEmail } from "../../app/domain/accounts/email-queue.server";
import { createTaskList, workerLogger } from "../../server/jobs";
import { findFreePort } from "../../server/services";
import { queuedJobs, runQueuedJobs, testMailSettings } from "../support/jobs";
import { waitForEmail } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const mailDir = () => inject("mailDir");
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("the e-mail queue", () => {
  it("keeps an e-mail while the SMTP server is down and sends it once it is back", async () => {
    const to = uniqueEmail("queued");
    await enqueueEmail(ctx.db, { to, locale: "it", template: { ns: "email", key: "passwordChanged" }, params: { name: "Sara" } });

    const closedPort = await findFreePort();
    await runOnce({
      connectionString: ctx.databaseUrl,
      taskList: createTaskList({ db: ctx.db, mail: { ...testMailSettings(), smtpUrl: `smtp://127.0.0.1:${closedPort}` } }),
      logger: workerLogger(),
      noHandleSignals: true,
    });
    expect(await queuedJobs(ctx.db)).toEqual([{ task: "send_email", attempts: 1 }]);

    // The retry is scheduled with a backoff; bring it forward instead of waiting.
    const utils = await makeWorkerUtils({ connectionString: ctx.databaseUrl, logger: workerLogger() });
    try {
      const { rows } = await sql<{ id: string }>`select id from graphile_worker.jobs`.execute(ctx.db);
      await utils.rescheduleJobs(rows.map((r) => r.id), { runAt: new Date() });
    } finally {
      await utils.release();
    }
    await runQueuedJobs(ctx);
    expect(await queuedJobs(ctx.db)).toEqual([]);
    const message = await waitForEmail(mailDir(), to);
    expect(message.text).toContain("Ciao Sara");
  });

  it("rolls the e-mail back with the transaction that queued it", async () => {
    const to = uniqueEmail("rolled-back");
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await enqueueEmail(trx, { to, locale: "it", template: { ns: "email", key: "verifyEmail" }, params: { name: "X", token: "t" } });
        throw new Error("the business change failed");
      })
      .catch(() => {});
    expect(await queuedJobs(ctx.db)).toEqual([]);
  });

  it("renders another namespace's template, with {{siteUrl}}, escaped in the HTML version", async () => {
    const to = uniqueEmail("render");
    await enqueueEmail(ctx.db, {
      to,
      locale: "en-GB",
      template: { ns: "email", key: "verifyEmail" },
      params: { name: "<b>Tom & Jerry</b>", token: "abc" },
    });
    await runQueuedJobs(ctx);
    const message = await waitForEmail(mailDir(), to);
    expect(message.subject).toBe("Confirm your e-mail address for Vicinato");
    expect(message.text).toContain("Hello <b>Tom & Jerry</b>");
    expect(message.text).toContain("http://vicinato.test/verify-email?token=abc");
    expect(message.html).toContain("Hello &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");
    expect(message.html).not.toContain("<b>Tom");
  });

  it("refuses to queue a malformed e-mail", async () => {
    await expect(
      enqueueEmail(ctx.db, { to: "not-an-address", locale: "it", template: { ns: "email", key: "verifyEmail" } }),
    ).rejects.toThrow();
    await expect(
      enqueueEmail(ctx.db, { to: uniqueEmail("x"), locale: "it", template: { ns: "email", key: "a b; drop" } }),
    ).rejects.toThrow();
  });
});
