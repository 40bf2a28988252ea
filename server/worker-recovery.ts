import { sql } from "kysely";
import pg from "pg";
import type { DB } from "../db/client.js";
import type { Logger } from "./logger.js";

/**
 * Recovery of jobs left locked by a worker that died without a goodbye (SIGKILL, out of memory,
 * power cut). The open-source graphile-worker keeps such jobs locked for 4 hours before another
 * worker may retry them (https://worker.graphile.org/docs/error-handling); an e-mail with a
 * one-hour reset link cannot wait that long.
 *
 * 1. Liveness: every graphile-worker worker holds a PostgreSQL *session* advisory lock named after
 *    its worker id, on a connection of its process, from before it takes its first job until it
 *    stops (a graphile-worker plugin: the `startWorker` hook is awaited before the first job).
 *    PostgreSQL releases the lock by itself when that connection ends: immediately when the
 *    process dies on a live machine (the kernel closes its sockets), within about 25 s when the
 *    machine vanishes (TCP keepalives set on that session below).
 * 2. Sweep: every job runner looks, at start-up and then every `intervalMs`, for worker ids that
 *    lock jobs but hold no liveness lock. One seen so in sweeps at least `graceMs` apart is dead:
 *    its jobs are released with graphile-worker's own `force_unlock_workers`, and another worker
 *    runs them (attempts already counted, so max_attempts still bounds a job that kills workers).
 *    The grace covers a liveness connection being re-established (e.g. after a PostgreSQL restart).
 *
 * What this cannot know (the same limit as Worker Pro's heartbeats): a worker cut off from
 * PostgreSQL for longer than the grace but still running its job looks dead, so that job may run
 * twice. Jobs therefore stay safe to repeat (docs/operations.md, "Jobs and crashed workers").
 */

/** First key of the two-key advisory locks that say "this worker id is alive" ("VCNW"). */
export const WORKER_LIVENESS_LOCK_CLASS = 0x56434e57;

export interface WorkerLiveness {
  /** The graphile-worker plugin that takes and releases each worker's liveness lock. */
  plugin: GraphileConfig.Plugin;
  /** Worker ids whose liveness lock this process holds (or is re-taking after a lost connection). */
  workerIds(): string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createWorkerLiveness(options: { connectionString: string; logger?: Logger; retryDelayMs?: number }): WorkerLiveness {
  const retryDelayMs = options.retryDelayMs ?? 1000;
  /** Workers of this process that should be seen alive. */
  const held = new Set<string>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  /** Locks taken on each session (session locks stack: take each once, so one unlock frees it). */
  const sessionLocks = new WeakMap<pg.Client, Set<string>>();

  async function takeLock(conn: pg.Client, workerId: string): Promise<void> {
    const taken = sessionLocks.get(conn) ?? new Set<string>();
    sessionLocks.set(conn, taken);
    if (taken.has(workerId)) return;
    taken.add(workerId);
    const { rows } = await conn.query<{ locked: boolean }>("select pg_try_advisory_lock($1::int4, hashtext($2)) as locked", [
      WORKER_LIVENESS_LOCK_CLASS,
      workerId,
    ]);
    // false only on a hash collision with a live worker elsewhere: that one keeps both "alive",
    // which can only delay a recovery, never cause one.
    if (!rows[0]?.locked) options.logger?.warn("worker liveness lock already held elsewhere", { workerId });
  }

  /** The liveness session, (re)connected with every held lock taken again. */
  function connection(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      for (let attempt = 1; ; attempt++) {
        if (closed) throw new Error("worker liveness closed");
        const conn = new pg.Client({
          connectionString: options.connectionString,
          application_name: "vicinato-worker-liveness",
          keepAlive: true,
          // So that PostgreSQL notices a vanished machine (no FIN ever comes) within ~25 s.
          options: "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
        });
        conn.on("error", () => {}); // reported through "end" below
        try {
          await conn.connect();
          for (const workerId of held) await takeLock(conn, workerId);
        } catch (error) {
          // Once per outage as a warning; the retries every second only at debug level.
          const details = { error: String(error), attempt };
          if (attempt === 1) options.logger?.warn("worker liveness connection failed; retrying", details);
          else options.logger?.debug("worker liveness connection failed; retrying", details);
          await conn.end().catch(() => {});
          await sleep(retryDelayMs);
          continue;
        }
        conn.on("end", () => {
          if (client === conn) client = null;
          // Lost (database restart, network): take the locks again as soon as possible.
          if (!closed && held.size > 0) void connection().catch(() => {});
        });
        client = conn;
        return conn;
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  const plugin: GraphileConfig.Plugin = {
    name: "VicinatoWorkerLivenessPlugin",
    version: "1.0.0",
    description: "Holds a PostgreSQL advisory lock per running worker so that a crashed worker's jobs can be released early",
    worker: {
      hooks: {
        async startWorker(_ctx, event) {
          const { workerId } = event.worker;
          held.add(workerId);
          // Awaited by graphile-worker before this worker asks for its first job.
          const conn = await connection();
          await takeLock(conn, workerId).catch(async () => {
            // The connection broke in between: connection() re-takes every held lock.
            await connection();
          });
        },
        async stopWorker(_ctx, event) {
          const { workerId } = event.worker;
          held.delete(workerId);
          const conn = client;
          if (!conn || !sessionLocks.get(conn)?.delete(workerId)) return;
          await conn.query("select pg_advisory_unlock($1::int4, hashtext($2))", [WORKER_LIVENESS_LOCK_CLASS, workerId]).catch(() => {});
        },
      },
    },
  };

  return {
    plugin,
    workerIds: () => [...held],
    async close() {
      closed = true;
      held.clear();
      await connecting?.catch(() => {});
      const conn = client;
      client = null;
      await conn?.end().catch(() => {});
    },
  };
}

/**
 * Worker ids that lock jobs (or job queues) but hold no liveness lock right now. Reads the lock
 * columns of graphile-worker's own tables (0.16 schema: `_private_jobs`, `_private_job_queues`,
 * the ones its `force_unlock_workers` updates); check this query when upgrading graphile-worker.
 */
export async function workersWithoutLiveness(db: DB): Promise<string[]> {
  const { rows } = await sql<{ worker_id: string }>`
    with lockers as (
      select locked_by as worker_id from graphile_worker._private_jobs where locked_by is not null
      union
      select locked_by from graphile_worker._private_job_queues where locked_by is not null
    )
    select worker_id from lockers
    where not exists (
      select 1 from pg_locks as l
      where l.locktype = 'advisory'
        and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${WORKER_LIVENESS_LOCK_CLASS}::int4::oid
        and l.objid = hashtext(lockers.worker_id)::oid
        and l.objsubid = 2
    )
    order by worker_id`.execute(db);
  return rows.map((r) => r.worker_id);
}

export interface DeadWorkerRecovery {
  /** One sweep now; resolves to the worker ids whose jobs it released. */
  sweep(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Sweeps at start-up and every `intervalMs` (see the comment at the top). Several processes may
 * sweep the same database: releasing a dead worker's jobs twice is harmless.
 */
export function startDeadWorkerRecovery(options: { db: DB; logger?: Logger; graceMs?: number; intervalMs?: number }): DeadWorkerRecovery {
  const graceMs = options.graceMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 10_000;
  /** Worker id → when a sweep first found it without liveness (continuously since). */
  const suspects = new Map<string, number>();
  let running: Promise<string[]> | null = null;
  let stopped = false;

  async function sweepOnce(): Promise<string[]> {
    try {
      const missing = await workersWithoutLiveness(options.db);
      const now = Date.now();
      for (const id of suspects.keys()) if (!missing.includes(id)) suspects.delete(id);
      const dead: string[] = [];
      for (const id of missing) {
        const since = suspects.get(id);
        if (since === undefined) suspects.set(id, now);
        else if (now - since >= graceMs) dead.push(id);
      }
      if (dead.length > 0) {
        await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(options.db);
        for (const id of dead) suspects.delete(id);
        options.logger?.warn("released the jobs of dead workers", { workerIds: dead });
      }
      options.logger?.debug("dead worker sweep", { suspects: [...suspects.keys()], released: dead });
      return dead;
    } catch (error) {
      // No continuity across a failed sweep (database unreachable): the grace starts again.
      suspects.clear();
      options.logger?.debug("dead worker sweep failed", { error: String(error) });
      return [];
    }
  }

  const sweep = () => {
    running ??= sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };
  void sweep();
  const timer = setInterval(() => {
    if (!stopped) void sweep();
  }, intervalMs);
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
