import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { sql } from "kysely";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "../../app/domain/accounts/email-queue.server";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * Issue 7, fault injection: a worker process is SIGKILLed while it is handing an e-mail to the
 * SMTP server. The workers are real child processes running the production job runner
 * (tests/support/job-worker-process.ts → server/jobs.ts startJobRunner) with the recovery grace
 * shortened to 1 s; the SMTP server is a real one in this process that can hold its reply.
 */

const repoRoot = path.resolve(import.meta.dirname, "../..");
const GRACE_MS = 1000;

interface SunkMessage {
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
}

/**
 * An SMTP server that, while `holding`, reads each message completely but never answers the end of
 * DATA: the sender is mid-flight, and the message counts as delivered only once the server has
 * said 250. A connection that closes before that (the sender died) delivers nothing, as in SMTP.
 */
async function startHoldingSmtpServer() {
  const state = {
    holding: true,
    /** Messages whose DATA arrived, delivered or not. */
    received: [] as SunkMessage[],
    delivered: [] as SunkMessage[],
    /** Received but never answered, then the sender's connection closed. */
    dropped: [] as SunkMessage[],
  };
  const held = new Map<string, SunkMessage>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
          const message = { to, subject: parsed.subject ?? "", text: parsed.text ?? "", messageId: parsed.messageId };
          state.received.push(message);
          if (state.holding) {
            held.set(session.id, message); // no callback: the client waits for our 250
            return;
          }
          state.delivered.push(message);
          callback();
        }, callback);
      });
    },
    onClose(session) {
      const message = held.get(session.id);
      if (message) {
        held.delete(session.id);
        state.dropped.push(message);
      }
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    state,
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface WorkerProcess {
  child: ChildProcess;
  lines: Array<{ at: number; message: string; data: Record<string, unknown> }>;
  exited: Promise<void>;
}

async function startWorker(databaseUrl: string, smtpUrl: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/job-worker-process.ts"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, RECOVERY_GRACE_MS: String(GRACE_MS), RECOVERY_INTERVAL_MS: "250" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const worker: WorkerProcess = { child, lines: [], exited: new Promise((resolve) => child.once("exit", () => resolve())) };
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    const parts = output.split("\n");
    output = parts.pop()!;
    for (const line of parts) {
      try {
        const { message, ...data } = JSON.parse(line) as { message: string };
        worker.lines.push({ at: Date.now(), message, data });
      } catch {
        worker.lines.push({ at: Date.now(), message: line, data: {} });
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  await eventually("the worker to start", 30_000, async () => {
    if (child.exitCode !== null) throw new Error(`the worker exited: ${worker.lines.map((l) => l.message).join("\n")}`);
    expect(worker.lines.some((l) => l.message === "job worker ready")).toBe(true);
  });
  return worker;
}

async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms: ${String(lastError)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function emailJobs(ctx: TestContext) {
  const { rows } = await sql<{ id: string; attempts: number; locked_by: string | null; last_error: string | null }>`
    select id, attempts, locked_by, last_error from graphile_worker.jobs where task_identifier = 'send_email' order by id`.execute(ctx.db);
  return rows;
}

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startHoldingSmtpServer>>;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  smtp = await startHoldingSmtpServer();
});

afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  }
  await smtp?.stop();
  await ctx?.cleanup();
});

describe("a worker killed in the middle of sending an e-mail", () => {
  it("leaves a live worker's job alone, then retries the dead worker's job within seconds and delivers the e-mail once", async () => {
    const to = `killed-${crypto.randomBytes(4).toString("hex")}@example.org`;
    await enqueueEmail(ctx.db, { to, locale: "it", template: { ns: "email", key: "passwordChanged" }, params: { name: "Sara" } });

    // Worker A takes the job and is stuck waiting for the SMTP server's answer.
    const first = await startWorker(ctx.databaseUrl, smtp.url);
    workers.push(first);
    await eventually("the e-mail to reach the SMTP server", 15_000, async () => expect(smtp.state.received.map((m) => m.to)).toEqual([[to]]));
    const [inFlight] = await emailJobs(ctx);
    expect(inFlight).toMatchObject({ attempts: 1, last_error: null });
    const firstWorkerId = inFlight!.locked_by;
    expect(firstWorkerId).toMatch(/^worker-/);

    // Worker B starts and sweeps for dead workers for well over the grace: A is alive, so its
    // job stays A's (nothing runs twice just because it is slow).
    const second = await startWorker(ctx.databaseUrl, smtp.url);
    workers.push(second);
    const sweepsOfB = () => second.lines.filter((l) => l.message === "dead worker sweep");
    await eventually("worker B to sweep for 2.5 × the grace", 15_000, async () => {
      const sweeps = sweepsOfB();
      expect(sweeps.length).toBeGreaterThan(1);
      expect(sweeps.at(-1)!.at - sweeps[0]!.at).toBeGreaterThanOrEqual(2.5 * GRACE_MS);
    });
    expect(second.lines.filter((l) => l.message === "released the jobs of dead workers")).toEqual([]);
    expect(await emailJobs(ctx)).toMatchObject([{ attempts: 1, locked_by: firstWorkerId }]);
    expect(smtp.state.received).toHaveLength(1);

    // A dies mid-send (SIGKILL: no graceful shutdown, the job stays locked by A).
    smtp.state.holding = false;
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");
    await eventually("the SMTP server to see the sender gone", 5_000, async () => expect(smtp.state.dropped).toHaveLength(1));
    expect(smtp.state.delivered).toEqual([]); // the kill landed before delivery: nothing was sent yet
    expect(await emailJobs(ctx)).toMatchObject([{ attempts: 1, locked_by: firstWorkerId }]);

    // B finds A dead (its liveness lock went with its connections), releases the job after the
    // grace, and runs it: the e-mail arrives, once.
    const killedAt = Date.now();
    await eventually("the e-mail to be delivered by worker B", 15_000, async () => {
      expect(smtp.state.delivered).toHaveLength(1);
      expect(await emailJobs(ctx)).toEqual([]);
    });
    expect(Date.now() - killedAt).toBeLessThan(10_000); // not graphile-worker's 4 hours
    const released = second.lines.filter((l) => l.message === "released the jobs of dead workers");
    expect(released.map((l) => l.data.workerIds)).toEqual([[firstWorkerId]]);
    expect(second.lines.some((l) => /^Completed task \d+ \(send_email, .*attempt 2 of 25\) with success/.test(l.message))).toBe(true);
    const [delivered] = smtp.state.delivered;
    expect(delivered!.to).toEqual([to]);
    expect(delivered!.text).toContain("Ciao Sara");

    // Exactly once: the completed job is gone, so nothing can send it again.
    second.child.kill("SIGTERM");
    await second.exited;
    expect(second.child.exitCode).toBe(0);
    expect(smtp.state.delivered.filter((m) => m.to.includes(to))).toHaveLength(1);
    expect(smtp.state.received).toHaveLength(2); // the attempt cut short, and the one that was delivered
  }, 90_000);
});
