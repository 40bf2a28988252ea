import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

// bigint ids (bigserial) come back as strings; counts are parsed where they are read.
pg.types.setTypeParser(pg.types.builtins.FLOAT8, (value) => Number(value));
// A date (no time) stays the calendar day it names, "YYYY-MM-DD", never a Date at some UTC midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type DB = Kysely<Database>;

export function createDb(connectionString: string, options: { max?: number } = {}): DB {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that loses its server (restart) must not crash the process.
  pool.on("error", () => {});
  // Nor a checked-out one: node-postgres emits "error" on the client itself when the server ends
  // the session (57P01 on a restart) and no query is waiting for the answer, e.g. when the shutdown
  // message arrives in the same packet as the end of the previous query. Without a listener that
  // event is an uncaught exception. The client is then marked unusable and the pool drops it on
  // release; the next query opens a new connection (docs/decisions/0007-database-outage.md).
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
