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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
